using System.Security.Cryptography;
using System.Text.Json;
using NoteLsp.Core.Parsing;
using NoteLsp.Server.Tests.Fixture;
using StreamJsonRpc;

namespace NoteLsp.Server.Tests.Hostile;

/// <summary>
/// Hostile notes on disk and open in the editor: each gets its diagnostic (or a log line), the server keeps answering
/// correctly, and nothing the server does writes a file of the vault.
/// </summary>
public class HostileNoteTests
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    private static TempVault HostileVault()
    {
        var vault = SampleVault.Create();
        Directory.CreateDirectory(vault.PathOf("hostile"));
        foreach (var (path, bytes) in HostileNotes.Files()) File.WriteAllBytes(vault.PathOf("hostile/" + path), bytes);
        return vault;
    }

    private static async Task<JsonElement?> Ask(LspSession session, string method, object parameters)
    {
        try
        {
            return await session.Request(method, parameters).WaitAsync(HangGuard);
        }
        catch (RemoteInvocationException e)
        {
            Assert.True(e.ErrorCode != -32603, $"{method} failed inside the server: {e.Message}");
            return null;
        }
    }

    /// <summary>The requests an editor sends on a note, at its start, inside it and past its end.</summary>
    private static async Task Exercise(LspSession session, string uri)
    {
        await Ask(session, "textDocument/documentSymbol", new { textDocument = new { uri } });
        await Ask(session, "textDocument/documentLink", new { textDocument = new { uri } });
        foreach (var (line, character) in new[] { (0, 0), (0, 3), (1, 2), (5, 1), (999, 999) })
        {
            await Ask(session, "textDocument/hover", LspSession.At(uri, line, character));
            await Ask(session, "textDocument/definition", LspSession.At(uri, line, character));
            await Ask(session, "textDocument/completion", LspSession.At(uri, line, character));
            await Ask(session, "textDocument/prepareRename", LspSession.At(uri, line, character));
            await Ask(session, "textDocument/codeAction", new { textDocument = new { uri }, range = LspSession.Range(0, 0, line, character), context = new { diagnostics = Array.Empty<object>() } });
        }
    }

    /// <summary>UTF-16 position of an offset, with \n, \r\n and lone \r as line ends (the test's own count).</summary>
    private static (int Line, int Character) PositionOf(string text, int offset)
    {
        var line = 0;
        var lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
            if (text[i] is '\n' or '\r')
            {
                line++;
                lineStart = i + 1;
            }
        }
        return (line, offset - lineStart);
    }

    private static string RangeJson(string text, string fragment, int occurrence = 0)
    {
        var index = -1;
        for (var i = 0; i <= occurrence; i++) index = text.IndexOf(fragment, index + 1, StringComparison.Ordinal);
        Assert.True(index >= 0, fragment);
        var (l, c) = PositionOf(text, index);
        var (el, ec) = PositionOf(text, index + fragment.Length);
        return JsonAssert.Range(l, c, el, ec);
    }

    private static async Task<JsonElement> DiagnosticWith(LspSession session, string uri, string code)
    {
        var published = await session.Inbox.WaitForDiagnostics(uri, d => d.EnumerateArray().Any(x => x.GetProperty("code").GetString() == code));
        return published.Params.GetProperty("diagnostics").EnumerateArray().First(x => x.GetProperty("code").GetString() == code);
    }

    private static async Task<List<string>> BrokenLinkRanges(LspSession session, string uri, int count)
    {
        var published = await session.Inbox.WaitForDiagnostics(uri, d => d.EnumerateArray().Count(x => x.GetProperty("code").GetString() == "link-broken") == count);
        return published.Params.GetProperty("diagnostics").EnumerateArray()
            .Where(x => x.GetProperty("code").GetString() == "link-broken")
            .Select(x => x.GetProperty("range").GetRawText().Replace(" ", ""))
            .ToList();
    }

    [Fact]
    public async Task Hostile_notes_on_disk_get_their_diagnostics_with_exact_ranges_and_the_server_keeps_answering()
    {
        using var vault = HostileVault();
        var log = new LogSink();
        await using var session = await LspSession.StartAsync(vault, options: log.Options());

        foreach (var name in HostileNotes.BrokenYaml.Keys)
        {
            var invalid = await DiagnosticWith(session, vault.Uri("hostile/" + name), "frontmatter-invalid");
            Assert.Equal(1, invalid.GetProperty("severity").GetInt32());
        }
        await DiagnosticWith(session, vault.Uri("hostile/invalid-utf8.md"), "encoding-invalid");
        await DiagnosticWith(session, vault.Uri("hostile/utf16-odd-byte.md"), "encoding-invalid");

        var utf16 = "# Sixteen\n\nLinks [[alpha]] and [[nowhere16]].\n";
        Assert.Equal([RangeJson(utf16, "nowhere16")], await BrokenLinkRanges(session, vault.Uri("hostile/utf16-bom.md"), 1));

        Assert.Equal([JsonAssert.Range(0, 2, 0, 10_002)], await BrokenLinkRanges(session, vault.Uri("hostile/long-target.md"), 1));

        var emoji = "👩‍👩‍👧[[👩‍👩‍👧]]e\u0301[[e\u0301\u0301]]🎉\n[[😀|😀]]\n";
        Assert.Equal([RangeJson(emoji, "👩‍👩‍👧", 1), RangeJson(emoji, "e\u0301\u0301"), RangeJson(emoji, "😀")],
            await BrokenLinkRanges(session, vault.Uri("hostile/emoji-edges.md"), 3));

        var crOnly = "# CR title\r\rSee [[missing_cr]] and [[alpha]].\r## Second\r";
        Assert.Equal([RangeJson(crOnly, "missing_cr")], await BrokenLinkRanges(session, vault.Uri("hostile/cr-only.md"), 1));
        var mixed = "# M\r\n\rline [[missing_mixed]]\n\r\n[[alpha]]\r";
        Assert.Equal([RangeJson(mixed, "missing_mixed")], await BrokenLinkRanges(session, vault.Uri("hostile/mixed-line-ends.md"), 1));

        // Links nested 1,000 levels deep are still links (to alpha: no broken link, but a definition).
        var definition = await session.Request("textDocument/definition", LspSession.At(vault.Uri("hostile/nested-one-line.md"), 0, 4003));
        Assert.Equal(vault.Uri("alpha.md"), definition[0].GetProperty("targetUri").GetString());

        foreach (var name in HostileNotes.Files().Keys) await Exercise(session, vault.Uri("hostile/" + name));
        await Alive.AssertStillServes(session, vault);
        Assert.Empty(log.Errors());
    }

    [Fact]
    public async Task Hostile_notes_opened_and_edited_in_the_editor_never_break_the_server()
    {
        using var vault = HostileVault();
        var log = new LogSink();
        await using var session = await LspSession.StartAsync(vault, capabilities: Clients.Utf8, options: log.Options());
        foreach (var (name, bytes) in HostileNotes.Files())
        {
            var uri = vault.Uri("hostile/" + name);
            var text = NoteText.Decode(bytes).Text;
            await session.Open(uri, text);
            // Half-typed link at the very start and at the end; then a range past the end.
            await session.Change(uri, 2, 0, 0, 0, 0, "[[");
            await session.Change(uri, 3, 100_000, 0, 100_000, 0, "\n[[al");
            await Exercise(session, uri);
            await session.ChangeAll(uri, 4, "[[nowhere_at_all]]\n" + text);
            await session.Inbox.WaitForDiagnostics(uri, d => d.EnumerateArray().Any(x => x.GetProperty("message").GetString()!.Contains("nowhere_at_all")));
            await session.Close(uri);
        }
        await Alive.AssertStillServes(session, vault);
        Assert.Empty(log.Errors());
    }

    [Fact]
    public async Task A_50_MB_note_is_skipped_on_disk_and_not_parsed_when_opened_so_the_server_keeps_answering()
    {
        using var vault = SampleVault.Create();
        var big = "# Huge\n\n" + HostileNotes.Repeat("A pasted transcript line with [[alpha]] and [[missing]] in it.\n", 800_000);
        vault.Write("huge.md", big);
        var log = new LogSink();
        await using var session = await LspSession.StartAsync(vault, options: log.Options());
        await log.WaitForMessage("over maxFileBytes (5 MB)");

        var uri = vault.Uri("huge.md");
        await session.Open(uri, big);
        await session.Change(uri, 2, 0, 2, 0, 6, "Still huge");
        await log.WaitForWarning("over maxFileBytes");
        // Answered at once: parsing 50 MB on the message loop at each change would hold every later message.
        await Alive.AssertStillServes(session, vault).WaitAsync(HangGuard);
        var symbols = await session.Request("textDocument/documentSymbol", new { textDocument = new { uri } }).WaitAsync(HangGuard);
        Assert.Equal(0, symbols.GetArrayLength());

        // Cut back under the limit, it is a note again.
        await session.ChangeAll(uri, 3, "# Small again\n[[alpha]]\n");
        symbols = await session.Request("textDocument/documentSymbol", new { textDocument = new { uri } }).WaitAsync(HangGuard);
        Assert.Equal("Small again", symbols[0].GetProperty("name").GetString());
        Assert.Empty(log.Errors());
    }

    /// <summary>Path, size, content hash and write time of every file and folder under the root.</summary>
    private static Dictionary<string, string> Fingerprint(string root) =>
        Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories).ToDictionary(
            path => Path.GetRelativePath(root, path),
            path => File.Exists(path)
                ? $"{new FileInfo(path).Length}:{Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)))}:{File.GetLastWriteTimeUtc(path).Ticks}"
                : $"dir:{Directory.GetLastWriteTimeUtc(path).Ticks}");

    [Fact]
    public async Task A_full_run_over_the_hostile_suite_changes_no_file_in_the_vault()
    {
        using var vault = HostileVault();
        var before = Fingerprint(vault.Root);
        await using (var session = await LspSession.StartAsync(vault, capabilities: Clients.Full))
        {
            var notes = HostileNotes.Files().Keys.Select(n => "hostile/" + n).Concat(SampleVault.Files().Keys).ToList();
            foreach (var path in notes)
            {
                var uri = vault.Uri(path);
                await session.Open(uri, NoteText.Decode(File.ReadAllBytes(vault.PathOf(path))).Text);
                await session.Change(uri, 2, 0, 0, 0, 0, "[[missing_link_typed]] ");
                await Exercise(session, uri);
                // Every edit-producing request: rename everywhere, code actions for every diagnostic, file moves.
                foreach (var (line, character) in new[] { (0, 1), (0, 4), (6, 7), (7, 8), (11, 10) })
                {
                    await Ask(session, "textDocument/rename", new { textDocument = new { uri }, position = new { line, character }, newName = "renamed_" + line });
                }
                var published = await session.Inbox.WaitForDiagnostics(uri, d => d.GetArrayLength() > 0);
                foreach (var diagnostic in published.Params.GetProperty("diagnostics").EnumerateArray())
                {
                    await Ask(session, "textDocument/codeAction", new { textDocument = new { uri }, range = diagnostic.GetProperty("range"), context = new { diagnostics = new[] { diagnostic } } });
                }
                await Ask(session, "workspace/willRenameFiles", new { files = new[] { new { oldUri = uri, newUri = vault.Uri("moved/" + path) } } });
                await session.Close(uri);
            }
            await Ask(session, "workspace/symbol", new { query = "" });
            await Ask(session, "workspace/diagnostic", new { previousResultIds = Array.Empty<object>() });
            await session.Request("shutdown");
            await session.Notify("exit");
            Assert.Equal(0, await session.Server.Completion.WaitAsync(HangGuard));
        }
        // The client applies edits; the server never writes. Nothing applied here, so nothing may differ.
        var after = Fingerprint(vault.Root);
        Assert.Equal(before.OrderBy(kv => kv.Key), after.OrderBy(kv => kv.Key));
    }
}
