using NoteLsp.Server.Tests.Fixture;

namespace NoteLsp.Server.Tests;

/// <summary>The vault's `.gitignore` decides what the server indexes, like the config's `ignore` (docs/notes-format.md §1).</summary>
public class IgnoreFileTests
{
    private const string Note = "# A\n\nSee [[built]].\n";

    private static TempVault Vault() => new(new Dictionary<string, string>
    {
        [".gitignore"] = "# generated\nbuild/\n",
        ["a.md"] = Note,
        ["build/built.md"] = "# Built\n\n[[nowhere]]\n",
    });

    [Fact]
    public async Task A_note_in_a_gitignored_folder_is_not_indexed_and_gets_no_diagnostics()
    {
        using var vault = Vault();
        await using var session = await LspSession.StartAsync(vault);

        var published = await session.Inbox.WaitForDiagnostics(vault.Uri("a.md"), d => d.GetArrayLength() > 0);
        var diagnostic = Assert.Single(published.Params.GetProperty("diagnostics").EnumerateArray().ToList());
        Assert.Equal("link-broken", diagnostic.GetProperty("code").GetString());
        var symbols = await session.Request("workspace/symbol", new { query = "Built" });
        Assert.Equal(0, symbols.GetArrayLength());
        Assert.DoesNotContain(session.Inbox.All("textDocument/publishDiagnostics"),
            m => m.Params.GetProperty("uri").GetString() == vault.Uri("build/built.md") && m.Params.GetProperty("diagnostics").GetArrayLength() > 0);
    }

    [Fact]
    public async Task Changing_the_gitignore_on_disk_brings_the_folder_back()
    {
        using var vault = Vault();
        await using var session = await LspSession.StartAsync(vault);
        await session.Inbox.WaitForDiagnostics(vault.Uri("a.md"), d => d.GetArrayLength() == 1);

        vault.Write(".gitignore", "# nothing ignored now\n");
        await session.Notify("workspace/didChangeWatchedFiles", new { changes = new[] { new { uri = vault.Uri(".gitignore"), type = 2 } } });

        await session.Inbox.WaitForDiagnostics(vault.Uri("a.md"), d => d.GetArrayLength() == 0);
        await session.Inbox.WaitForDiagnostics(vault.Uri("build/built.md"), d => d.GetArrayLength() == 1);
    }
}
