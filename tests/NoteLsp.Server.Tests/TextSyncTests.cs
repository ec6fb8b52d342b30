using System.Text.Json;
using NoteLsp.Server.Tests.Fixture;

namespace NoteLsp.Server.Tests;

public class TextSyncTests
{
    private static List<string> SymbolNames(JsonElement symbols) => symbols.EnumerateArray().Select(s => s.GetProperty("name").GetString()!).ToList();

    [Fact]
    public async Task A_change_is_always_applied_before_the_request_that_follows_it_on_the_wire()
    {
        using var vault = new TempVault(new Dictionary<string, string> { ["note.md"] = "# Start\n" });
        await using var session = await LspSession.StartAsync(vault);
        var uri = vault.Uri("note.md");
        var text = "# Start\n";
        await session.Open(uri, text);
        for (var i = 1; i <= 100; i++)
        {
            // Append a heading, then ask for the symbols without waiting for anything in between.
            var lines = text.Split('\n').Length - 1;
            var change = session.Change(uri, i + 1, lines, 0, lines, 0, $"# H{i}\n");
            text += $"# H{i}\n";
            var symbols = await session.Request("textDocument/documentSymbol", new { textDocument = new { uri } });
            await change;
            Assert.Equal($"H{i}", SymbolNames(symbols)[^1]);
            Assert.Equal(i + 1, symbols.GetArrayLength());
        }
    }

    [Fact]
    public async Task A_burst_of_changes_gets_diagnostics_that_match_the_version_they_name_and_ends_on_the_last()
    {
        // Publishing is held once, mid-burst, while more changes arrive: a set parsed from an older text must still
        // name that older version, not the document's newest.
        var armed = false;
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = new ServerOptions
        {
            BeforePublishDiagnostics = async token =>
            {
                if (Volatile.Read(ref armed) && held.TrySetResult()) await release.Task.WaitAsync(token);
            },
        };
        using var vault = new TempVault(new Dictionary<string, string> { ["alpha.md"] = "# Alpha\n" });
        await using var session = await LspSession.StartAsync(vault, options: options);
        var uri = vault.Uri("note.md");
        await session.Open(uri, "# Note [[missing_0]]\n");
        await session.Inbox.WaitForDiagnostics(uri, d => d.GetArrayLength() == 1);
        Volatile.Write(ref armed, true);
        await session.Change(uri, 2, 1, 0, 1, 0, "[[missing_1]]\n");
        await held.Task.WaitAsync(TimeSpan.FromSeconds(20));
        const int edits = 300;
        for (var i = 2; i <= edits; i++)
        {
            // Line i: a broken link on odd lines, a good one on even lines; nothing waits for the server in between.
            await session.Change(uri, i + 1, i, 0, i, 0, i % 2 == 1 ? $"[[missing_{i}]]\n" : "[[alpha]]\n");
            if (i == 100)
            {
                // Let the server take in the changes so far (their text only: parsing waits), then publish.
                var path = Path.Combine(vault.Root, "note.md");
                var deadline = DateTime.UtcNow.AddSeconds(20);
                while (session.Server.Workspace.Current.Documents.GetValueOrDefault(path)?.Version != 101)
                {
                    Assert.True(DateTime.UtcNow < deadline, "the server did not take in 100 changes within 20 s");
                    await Task.Delay(5);
                }
                release.SetResult();
            }
        }
        var last = await session.Inbox.WaitFor("textDocument/publishDiagnostics",
            p => p.GetProperty("uri").GetString() == uri && p.TryGetProperty("version", out var v) && v.GetInt32() == edits + 1);
        Assert.Equal(1 + edits / 2, last.Params.GetProperty("diagnostics").GetArrayLength());

        // Every set published on the way describes the text of the version it names: lines 0..version-1 were there.
        foreach (var published in session.Inbox.All("textDocument/publishDiagnostics").Where(m => m.Params.GetProperty("uri").GetString() == uri))
        {
            var version = published.Params.GetProperty("version").GetInt32();
            var broken = published.Params.GetProperty("diagnostics").EnumerateArray()
                .Select(d => d.GetProperty("range").GetProperty("start").GetProperty("line").GetInt32()).Order().ToList();
            Assert.Equal(Enumerable.Range(0, version).Where(line => line == 0 || line % 2 == 1), broken);
        }
    }

    [Fact]
    public async Task Incremental_changes_with_emoji_land_on_the_right_utf16_columns()
    {
        using var vault = new TempVault(new Dictionary<string, string> { ["alpha.md"] = "# Alpha\n" });
        await using var session = await LspSession.StartAsync(vault);
        var uri = vault.Uri("note.md");
        await session.Open(uri, "😀 x [[beta]]\n");
        // "😀" is two UTF-16 units: "beta" starts at 7.
        await session.Change(uri, 2, 0, 7, 0, 11, "alpha");
        var definition = await session.Request("textDocument/definition", LspSession.At(uri, 0, 8));
        Assert.Equal(vault.Uri("alpha.md"), definition[0].GetProperty("targetUri").GetString());
        JsonAssert.Equal(JsonAssert.Range(0, 7, 0, 12), definition[0].GetProperty("originSelectionRange"));
    }

    [Fact]
    public async Task With_utf8_positions_columns_are_counted_in_bytes_both_ways()
    {
        using var vault = new TempVault(new Dictionary<string, string> { ["alpha.md"] = "# Alpha\n", ["beta.md"] = "# Beta\n" });
        await using var session = await LspSession.StartAsync(vault, Clients.Utf8);
        var uri = vault.Uri("note.md");
        await session.Open(uri, "é😀 [[beta]]\n");
        // UTF-8: "é" 2 bytes, "😀" 4, " " 1, "[[" 2 → "beta" at bytes 9..13.
        await session.Change(uri, 2, 0, 9, 0, 13, "alpha");
        var definition = await session.Request("textDocument/definition", LspSession.At(uri, 0, 10));
        Assert.Equal(vault.Uri("alpha.md"), definition[0].GetProperty("targetUri").GetString());
        JsonAssert.Equal(JsonAssert.Range(0, 9, 0, 14), definition[0].GetProperty("originSelectionRange"));
    }

    [Fact]
    public async Task A_change_range_past_the_end_of_the_text_is_clamped()
    {
        await using var session = await LspSession.StartAsync();
        var uri = "file:///tmp/notelsp-lonely/clamp.md";
        await session.Open(uri, "# One\n");
        await session.Change(uri, 2, 40, 3, 99, 99, "# Two\n");
        var symbols = await session.Request("textDocument/documentSymbol", new { textDocument = new { uri } });
        Assert.Equal(["One", "Two"], SymbolNames(symbols));
    }

    [Fact]
    public async Task A_note_opened_outside_every_folder_works_as_a_one_note_vault()
    {
        await using var session = await LspSession.StartAsync();
        var uri = "file:///tmp/notelsp-lonely/solo%20note.md";
        await session.Open(uri, "# Solo\n\n## Part\n\nSee [[#Part]] and [[elsewhere]].\n");
        var diagnostics = await session.Inbox.WaitForDiagnostics(uri, d => d.GetArrayLength() > 0);
        Assert.Equal(["link-broken"], diagnostics.Params.GetProperty("diagnostics").EnumerateArray().Select(d => d.GetProperty("code").GetString()));
        var definition = await session.Request("textDocument/definition", LspSession.At(uri, 4, 8));
        Assert.Equal(uri, definition[0].GetProperty("targetUri").GetString());
        await session.Close(uri);
        var cleared = await session.Inbox.WaitForDiagnostics(uri);
        Assert.Equal(0, cleared.Params.GetProperty("diagnostics").GetArrayLength());
    }

    [Fact]
    public async Task A_note_with_spaces_and_non_ascii_in_its_path_round_trips_through_uris()
    {
        using var vault = new TempVault(new Dictionary<string, string>
        {
            ["Café notes/Ünïcode note.md"] = "# Ünïcode\n",
            ["links.md"] = "[[Ünïcode note]]\n",
        });
        await using var session = await LspSession.StartAsync(vault);
        await session.Open(vault.Uri("links.md"), "[[Ünïcode note]]\n");
        var definition = await session.Request("textDocument/definition", LspSession.At(vault.Uri("links.md"), 0, 3));
        var target = definition[0].GetProperty("targetUri").GetString()!;
        Assert.Equal(vault.Uri("Café notes/Ünïcode note.md"), target);
        Assert.Contains("Caf%C3%A9%20notes/", target);
    }
}
