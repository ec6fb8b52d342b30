using System.Text.Json;
using NoteLsp.Server.Tests.Fixture;

namespace NoteLsp.Server.Tests;

public class RenameTests
{
    private static object RenameAt(string uri, (int Line, int Start, int, int) range, string newName, int offset = 1) =>
        new { textDocument = new { uri }, position = new { line = range.Line, character = range.Start + offset }, newName };

    [Fact]
    public async Task Prepare_rename_returns_the_target_text_under_the_cursor()
    {
        using var vault = SampleVault.Create();
        await using var session = await LspSession.StartAsync(vault);
        await session.Open(vault.Uri("index.md"), SampleVault.Index);
        var (line, start, _, _) = TextAt.Range(SampleVault.Index, "alpha]]");
        var result = await session.Request("textDocument/prepareRename", LspSession.At(vault.Uri("index.md"), line, start + 1));
        JsonAssert.Equal($$"""{ "range": {{TextAt.Json(SampleVault.Index, "alpha", 0)}}, "placeholder": "alpha" }""", result);
        // Plain text: nothing to rename.
        Assert.Equal(JsonValueKind.Null, (await session.Request("textDocument/prepareRename", LspSession.At(vault.Uri("index.md"), 6, 1))).ValueKind);
    }

    [Fact]
    public async Task Renaming_a_stem_link_renames_the_file_and_every_link_and_applied_it_leaves_no_broken_link()
    {
        using var vault = new TempVault(new Dictionary<string, string>
        {
            ["alpha.md"] = "# Alpha\n\n## Part\n",
            ["index.md"] = "See [[alpha]], [[alpha#Part| the part ]] and [md](alpha.md#part).\n",
            ["deep/other.md"] = "Back to [[alpha]] and [up](../alpha.md).\n",
        });
        await using var session = await LspSession.StartAsync(vault);
        var text = vault.Read("index.md");
        await session.Open(vault.Uri("index.md"), text, version: 7);
        var edit = await session.Request("textDocument/rename", RenameAt(vault.Uri("index.md"), TextAt.Range(text, "alpha"), "Alpha renamed"));

        var changes = edit.GetProperty("documentChanges");
        var last = changes[changes.GetArrayLength() - 1];
        JsonAssert.Equal($$"""{ "kind": "rename", "oldUri": "{{vault.Uri("alpha.md")}}", "newUri": "{{vault.Uri("Alpha renamed.md")}}", "options": { "overwrite": false, "ignoreIfExists": false } }""", last);
        var indexEdit = changes.EnumerateArray().Single(c => c.TryGetProperty("textDocument", out var d) && d.GetProperty("uri").GetString() == vault.Uri("index.md"));
        Assert.Equal(7, indexEdit.GetProperty("textDocument").GetProperty("version").GetInt32());
        var otherEdit = changes.EnumerateArray().Single(c => c.TryGetProperty("textDocument", out var d) && d.GetProperty("uri").GetString() == vault.Uri("deep/other.md"));
        Assert.Equal(JsonValueKind.Null, otherEdit.GetProperty("textDocument").GetProperty("version").ValueKind);

        EditApplier.Apply(edit);
        Assert.Equal("See [[Alpha renamed]], [[Alpha renamed#Part| the part ]] and [md](Alpha%20renamed.md#part).\n", vault.Read("index.md"));
        Assert.Equal("Back to [[Alpha renamed]] and [up](../Alpha%20renamed.md).\n", vault.Read("deep/other.md"));
        Assert.True(vault.Exists("Alpha renamed.md"));

        // A fresh look at the vault: not one broken link.
        await using var check = await LspSession.StartAsync(vault, Clients.Pull);
        var report = await check.Request("workspace/diagnostic", new { previousResultIds = Array.Empty<object>() });
        Assert.All(report.GetProperty("items").EnumerateArray(), item => Assert.Equal(0, item.GetProperty("items").GetArrayLength()));
    }

    [Fact]
    public async Task A_rename_touching_many_notes_lists_them_in_path_order_each_once_with_the_file_rename_last()
    {
        // Enough linking notes that the edits are checked and converted on every core: the answer must not depend on it.
        var files = new Dictionary<string, string> { ["hub.md"] = "# Hub\n" };
        for (var i = 0; i < 300; i++) files[$"{(char)('a' + i % 7)}/note{i:D3}.md"] = $"# N{i}\n\nTo [[hub]] and again [[hub|the hub]].\n";
        using var vault = new TempVault(files);
        await using var session = await LspSession.StartAsync(vault);
        var text = vault.Read("a/note000.md");

        var edit = await session.Request("textDocument/rename", RenameAt(vault.Uri("a/note000.md"), TextAt.Range(text, "hub"), "center"));

        var changes = edit.GetProperty("documentChanges").EnumerateArray().ToList();
        var uris = changes.SkipLast(1).Select(c => c.GetProperty("textDocument").GetProperty("uri").GetString()!).ToList();
        var expected = files.Keys.Where(k => k != "hub.md").Order(StringComparer.Ordinal).Select(vault.Uri).ToList();
        Assert.Equal(expected, uris);
        Assert.All(changes.SkipLast(1), c => Assert.Equal(2, c.GetProperty("edits").GetArrayLength()));
        Assert.Equal("rename", changes[^1].GetProperty("kind").GetString());

        EditApplier.Apply(edit);
        Assert.Equal("# N123\n\nTo [[center]] and again [[center|the hub]].\n", vault.Read("e/note123.md"));
    }

    [Fact]
    public async Task A_rename_for_a_client_counting_utf8_bytes_gives_byte_columns_in_every_note()
    {
        using var vault = new TempVault(new Dictionary<string, string>
        {
            ["hub.md"] = "# Hub\n",
            ["a.md"] = "Café é [[hub]]\n",
            ["b.md"] = "[[hub]]\n",
        });
        await using var session = await LspSession.StartAsync(vault, Clients.Utf8);
        var text = vault.Read("b.md");

        var edit = await session.Request("textDocument/rename", RenameAt(vault.Uri("b.md"), TextAt.Range(text, "hub"), "center"));

        var inA = edit.GetProperty("documentChanges").EnumerateArray()
            .Single(c => c.TryGetProperty("textDocument", out var d) && d.GetProperty("uri").GetString() == vault.Uri("a.md"));
        // "Café é [[" is 9 characters and 11 UTF-8 bytes: the target runs from byte 11 to 14.
        JsonAssert.Equal("""{ "range": { "start": { "line": 0, "character": 11 }, "end": { "line": 0, "character": 14 } }, "newText": "center" }""",
            inA.GetProperty("edits")[0]);
    }

    [Fact]
    public async Task Renaming_a_heading_renames_it_and_every_link_to_it()
    {
        using var vault = SampleVault.Create();
        await using var session = await LspSession.StartAsync(vault);
        await session.Open(vault.Uri("alpha.md"), SampleVault.Alpha);
        var edit = await session.Request("textDocument/rename", RenameAt(vault.Uri("alpha.md"), TextAt.Range(SampleVault.Alpha, "Section One"), "First Section"));
        EditApplier.Apply(edit);
        Assert.Contains("## First Section", vault.Read("alpha.md"));
        Assert.Contains("[[alpha#First Section]]", vault.Read("index.md"));
    }

    [Fact]
    public async Task A_file_rename_for_a_client_without_resource_operations_is_refused_and_changes_nothing()
    {
        using var vault = SampleVault.Create();
        await using var session = await LspSession.StartAsync(vault, Clients.Eglot, waitForIndex: false);
        await session.Inbox.WaitForDiagnostics(vault.Uri("index.md"));
        await session.Open(vault.Uri("index.md"), SampleVault.Index);
        var (code, message) = await Errors.CodeOf(() => session.Request("textDocument/rename", RenameAt(vault.Uri("index.md"), TextAt.Range(SampleVault.Index, "alpha"), "renamed")));
        Assert.Equal(-32803, code);
        Assert.Contains("file", message);
        Assert.Empty(session.Inbox.All("workspace/applyEdit"));
    }

    [Fact]
    public async Task A_name_that_collides_or_is_not_a_valid_file_name_is_a_clear_error()
    {
        using var vault = SampleVault.Create();
        await using var session = await LspSession.StartAsync(vault);
        await session.Open(vault.Uri("index.md"), SampleVault.Index);
        var at = TextAt.Range(SampleVault.Index, "alpha");
        var (code, message) = await Errors.CodeOf(() => session.Request("textDocument/rename", RenameAt(vault.Uri("index.md"), at, "beta")));
        Assert.Equal(-32803, code);
        Assert.Contains("beta", message);
        (code, _) = await Errors.CodeOf(() => session.Request("textDocument/rename", RenameAt(vault.Uri("index.md"), at, "a/b")));
        Assert.Equal(-32803, code);
    }

    [Fact]
    public async Task Moving_notes_returns_the_link_edits_that_keep_links_working()
    {
        using var vault = SampleVault.Create();
        await using var session = await LspSession.StartAsync(vault);
        var edit = await session.Request("workspace/willRenameFiles", new
        {
            files = new[] { new { oldUri = vault.Uri("sub/gamma.md"), newUri = vault.Uri("archive/gamma old.md") } },
        });
        var indexEdit = edit.GetProperty("documentChanges").EnumerateArray().Single();
        Assert.Equal(vault.Uri("index.md"), indexEdit.GetProperty("textDocument").GetProperty("uri").GetString());
        JsonAssert.Equal($$"""[{ "range": {{TextAt.Json(SampleVault.Index, "sub/gamma.md")}}, "newText": "archive/gamma%20old.md" }]""", indexEdit.GetProperty("edits"));

        // A move that changes nothing any link depends on needs no edit.
        var none = await session.Request("workspace/willRenameFiles", new
        {
            files = new[] { new { oldUri = vault.Uri("beta.md"), newUri = vault.Uri("folder/beta.md") } },
        });
        Assert.Equal(JsonValueKind.Null, none.ValueKind);
    }

    [Fact]
    public async Task Neovim_declares_resource_operations_without_the_document_changes_flag_and_gets_a_rename_file()
    {
        using var vault = SampleVault.Create();
        await using var session = await LspSession.StartAsync(vault, Clients.Neovim);
        await session.Open(vault.Uri("index.md"), SampleVault.Index);
        var edit = await session.Request("textDocument/rename", RenameAt(vault.Uri("index.md"), TextAt.Range(SampleVault.Index, "[[beta]]"), "beta_two", offset: 3));
        Assert.False(edit.TryGetProperty("changes", out _));
        var operations = edit.GetProperty("documentChanges").EnumerateArray().ToList();
        Assert.Equal("rename", operations[^1].GetProperty("kind").GetString());
        Assert.Equal(vault.Uri("beta_two.md"), operations[^1].GetProperty("newUri").GetString());
    }

    [Fact]
    public async Task Renaming_through_a_title_link_renames_the_title_heading_and_keeps_labels()
    {
        using var vault = SampleVault.Create();
        await using var session = await LspSession.StartAsync(vault, Clients.Eglot, waitForIndex: false);
        await session.Inbox.WaitForDiagnostics(vault.Uri("index.md"));
        await session.Open(vault.Uri("index.md"), SampleVault.Index);
        // A title rename needs no file operation, so eglot (no resource operations) can do it.
        var edit = await session.Request("textDocument/rename", RenameAt(vault.Uri("index.md"), TextAt.Range(SampleVault.Index, "Beta Title"), "Beta Renamed"));
        EditApplier.Apply(edit);
        Assert.StartsWith("# Beta Renamed\n", vault.Read("beta.md"));
        Assert.Contains("[[Beta Renamed|the beta]]", vault.Read("index.md"));
    }
}
