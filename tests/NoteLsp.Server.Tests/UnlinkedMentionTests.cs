using NoteLsp.Server.Tests.Fixture;

namespace NoteLsp.Server.Tests;

/// <summary>Unlinked mentions in open notes (docs/notes-format.md §13): the hint, its quick fix and "Link all mentions in this note".</summary>
public class UnlinkedMentionTests
{
    private const string Note = "Models with long context and Scaling Laws.\n# Scaling Laws\nAgain long-context.\n";

    private static TempVault Vault(string? config = null)
    {
        var files = new Dictionary<string, string>
        {
            ["long_context.md"] = "---\ntitle: Long Context\n---\n",
            ["scaling_laws.md"] = "# Scaling Laws\n",
            ["note.md"] = Note,
            ["closed.md"] = Note,
        };
        if (config is not null) files[".notelsp.yml"] = config;
        return new TempVault(files);
    }

    private static object CodeActions(string uri, (int Line, int Start, int EndLine, int End) range, string[]? only = null) => new
    {
        textDocument = new { uri },
        range = LspSession.Range(range.Line, range.Start, range.EndLine, range.End),
        context = new { diagnostics = Array.Empty<object>(), only },
    };

    [Fact]
    public async Task An_open_note_gets_a_hint_per_mention_outside_headings_and_a_closed_note_none()
    {
        using var vault = Vault();
        await using var session = await LspSession.StartAsync(vault);
        var uri = vault.Uri("note.md");
        await session.Open(uri, Note);
        var published = await session.Inbox.WaitForDiagnostics(uri, d => d.GetArrayLength() == 3);
        JsonAssert.Equal($$"""
            [
              { "range": {{TextAt.Json(Note, "long context")}}, "severity": 4, "code": "mention-unlinked", "source": "notelsp",
                "message": "\"long context\" names long_context.md, without a link" },
              { "range": {{TextAt.Json(Note, "Scaling Laws")}}, "severity": 4, "code": "mention-unlinked", "source": "notelsp",
                "message": "\"Scaling Laws\" names scaling_laws.md, without a link" },
              { "range": {{TextAt.Json(Note, "long-context")}}, "severity": 4, "code": "mention-unlinked", "source": "notelsp",
                "message": "\"long-context\" names long_context.md, without a link" }
            ]
            """, published.Params.GetProperty("diagnostics"));
        var closed = await session.Request("textDocument/diagnostic", new { textDocument = new { uri = vault.Uri("closed.md") } });
        Assert.Equal(0, closed.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task The_quick_fix_writes_the_link_in_the_seeds_style_and_the_source_action_links_them_all()
    {
        using var vault = Vault();
        await using var session = await LspSession.StartAsync(vault);
        var uri = vault.Uri("note.md");
        await session.Open(uri, Note);
        var fixes = await session.Request("textDocument/codeAction", CodeActions(uri, TextAt.Range(Note, "context")));
        // Without "only", the source action comes along with the mention's quick fix.
        Assert.Equal(["quickfix", "source.linkMentions"], fixes.EnumerateArray().Select(a => a.GetProperty("kind").GetString()));
        var fix = fixes[0];
        Assert.Equal("Link to the note: [[long_context | long context]]", fix.GetProperty("title").GetString());
        Assert.Equal("quickfix", fix.GetProperty("kind").GetString());
        JsonAssert.Equal($$"""
            { "documentChanges": [{ "textDocument": { "uri": "{{uri}}", "version": 1 },
              "edits": [{ "range": {{TextAt.Json(Note, "long context")}}, "newText": "[[long_context | long context]]" }] }] }
            """, fix.GetProperty("edit"));

        var sources = await session.Request("textDocument/codeAction", CodeActions(uri, (0, 0, 0, 0), ["source"]));
        var all = sources.EnumerateArray().Single();
        Assert.Equal("Link all mentions in this note", all.GetProperty("title").GetString());
        Assert.Equal("source.linkMentions", all.GetProperty("kind").GetString());
        EditApplier.Apply(all.GetProperty("edit"));
        Assert.Equal(
            "Models with [[long_context | long context]] and [[scaling_laws | Scaling Laws]].\n# Scaling Laws\nAgain [[long_context | long-context]].\n",
            vault.Read("note.md"));
        Assert.Empty(VaultCheck.Problems(vault.Root));
    }

    [Fact]
    public async Task Turned_off_in_the_config_there_is_neither_the_hint_nor_its_actions()
    {
        using var vault = Vault("severities:\n  mention-unlinked: off\n");
        await using var session = await LspSession.StartAsync(vault);
        var uri = vault.Uri("note.md");
        await session.Open(uri, Note);
        var pulled = await session.Request("textDocument/diagnostic", new { textDocument = new { uri } });
        Assert.Equal(0, pulled.GetProperty("items").GetArrayLength());
        var actions = await session.Request("textDocument/codeAction", CodeActions(uri, (0, 0, 2, 0)));
        Assert.Equal(0, actions.GetArrayLength());
    }
}
