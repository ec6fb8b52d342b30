using NoteLsp.Server.Tests.Fixture;

namespace NoteLsp.Server.Tests;

/// <summary>Tags through the protocol (docs/notes-format.md §14): completion, references, rename, hover, workspace symbols.</summary>
public class TagTests
{
    private const string Ai = "---\ntags: [ai, ml]\n---\n# AI\n\nAbout #ai and #ai/safety.\n";
    private const string Ml = "---\ntags:\n  - \"#ai\"\n  - ml\n---\nMore #AI, `#ai` in code, [x](https://x.com/#ai).\n";
    private const string Other = "# Other\n\nOnly #ml here and #misc.\n";

    private static TempVault Vault() => new(new Dictionary<string, string>
    {
        ["ai.md"] = Ai,
        ["ml.md"] = Ml,
        ["other.md"] = Other,
    });

    [Fact]
    public async Task After_a_hash_every_tag_of_the_vault_most_used_first()
    {
        using var vault = Vault();
        await using var session = await LspSession.StartAsync(vault);
        var uri = vault.Uri("new.md");
        await session.Open(uri, "Text #m");
        var list = await session.Request("textDocument/completion", LspSession.At(uri, 0, 7));
        JsonAssert.Equal($$"""
            {
              "isIncomplete": false,
              "items": [
                { "label": "#ml", "kind": 14, "detail": "3 notes", "sortText": "0000", "filterText": "ml", "textEdit": { "range": {{JsonAssert.Range(0, 6, 0, 7)}}, "newText": "ml" } },
                { "label": "#misc", "kind": 14, "detail": "1 note", "sortText": "0001", "filterText": "misc", "textEdit": { "range": {{JsonAssert.Range(0, 6, 0, 7)}}, "newText": "misc" } }
              ]
            }
            """, list);

        // Just after '#': all of them, the most used first.
        await session.ChangeAll(uri, 2, "Text #");
        var all = await session.Request("textDocument/completion", LspSession.At(uri, 0, 6));
        Assert.Equal(["#ml", "#ai", "#ai/safety", "#misc"], all.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("label").GetString()));
    }

    [Theory]
    [InlineData("# ", 2)]   // a heading
    [InlineData("C#", 2)]   // not after a blank
    [InlineData("`x` a#", 6)]
    public async Task No_tag_completion_where_a_hash_is_not_a_tag(string text, int character)
    {
        using var vault = Vault();
        await using var session = await LspSession.StartAsync(vault);
        var uri = vault.Uri("new.md");
        await session.Open(uri, text);
        var list = await session.Request("textDocument/completion", LspSession.At(uri, 0, character));
        Assert.Equal(0, list.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task In_the_front_matter_tags_value_and_list_the_vault_tags()
    {
        using var vault = Vault();
        await using var session = await LspSession.StartAsync(vault);
        var uri = vault.Uri("new.md");
        const string text = "---\ntags: [a\naliases: x\n---\n";
        await session.Open(uri, text);
        var inline = await session.Request("textDocument/completion", LspSession.At(uri, 1, 8));
        Assert.Equal(["#ai", "#ai/safety"], inline.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("label").GetString()));
        JsonAssert.Equal($$"""{ "range": {{JsonAssert.Range(1, 7, 1, 8)}}, "newText": "ai" }""", inline.GetProperty("items")[0].GetProperty("textEdit"));

        await session.ChangeAll(uri, 2, "---\ntags:\n  - ai\n  - m\n---\n");
        var list = await session.Request("textDocument/completion", LspSession.At(uri, 3, 5));
        Assert.Equal(["#ml", "#misc"], list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("label").GetString()));
        JsonAssert.Equal($$"""{ "range": {{JsonAssert.Range(3, 4, 3, 5)}}, "newText": "ml" }""", list.GetProperty("items")[0].GetProperty("textEdit"));
    }

    [Fact]
    public async Task References_on_a_tag_list_every_inline_and_front_matter_occurrence_but_not_its_children()
    {
        using var vault = Vault();
        await using var session = await LspSession.StartAsync(vault);
        await session.Open(vault.Uri("ml.md"), Ml);
        var (line, start, _, _) = TextAt.Range(Ml, "#AI");
        var refs = await session.Request("textDocument/references", new
        {
            textDocument = new { uri = vault.Uri("ml.md") },
            position = new { line, character = start + 1 },
            context = new { includeDeclaration = true },
        });
        JsonAssert.Equal($$"""
            [
              { "uri": "{{vault.Uri("ai.md")}}", "range": {{TextAt.Json(Ai, "ai")}} },
              { "uri": "{{vault.Uri("ai.md")}}", "range": {{TextAt.Json(Ai, "#ai")}} },
              { "uri": "{{vault.Uri("ml.md")}}", "range": {{TextAt.Json(Ml, "#ai")}} },
              { "uri": "{{vault.Uri("ml.md")}}", "range": {{TextAt.Json(Ml, "#AI")}} }
            ]
            """, refs);
    }

    [Fact]
    public async Task Renaming_a_tag_renames_every_occurrence_and_its_children_keeping_each_spelling()
    {
        using var vault = Vault();
        await using var session = await LspSession.StartAsync(vault);
        await session.Open(vault.Uri("ai.md"), Ai);
        var (line, start, _, _) = TextAt.Range(Ai, "#ai ");
        var at = LspSession.At(vault.Uri("ai.md"), line, start + 2);
        var prepare = await session.Request("textDocument/prepareRename", at);
        JsonAssert.Equal($$"""{ "range": {{JsonAssert.Range(line, start + 1, line, start + 3)}}, "placeholder": "ai" }""", prepare);

        var edit = await session.Request("textDocument/rename", new { textDocument = new { uri = vault.Uri("ai.md") }, position = new { line, character = start + 2 }, newName = "#AIs" });
        EditApplier.Apply(edit);
        Assert.Equal("---\ntags: [AIs, ml]\n---\n# AI\n\nAbout #AIs and #AIs/safety.\n", vault.Read("ai.md"));
        Assert.Equal("---\ntags:\n  - \"#AIs\"\n  - ml\n---\nMore #AIs, `#ai` in code, [x](https://x.com/#ai).\n", vault.Read("ml.md"));
        Assert.Equal(Other, vault.Read("other.md"));

        // A fresh look at the vault: the old tag is gone, the new one has both notes, and no diagnostics appeared.
        await using var check = await LspSession.StartAsync(vault, Clients.Pull);
        await check.Open(vault.Uri("new.md"), "#");
        var labels = (await check.Request("textDocument/completion", LspSession.At(vault.Uri("new.md"), 0, 1)))
            .GetProperty("items").EnumerateArray().Select(i => i.GetProperty("label").GetString()).ToList();
        Assert.Equal(["#ml", "#AIs", "#AIs/safety", "#misc"], labels);
        var report = await check.Request("workspace/diagnostic", new { previousResultIds = Array.Empty<object>() });
        Assert.All(report.GetProperty("items").EnumerateArray(), item => Assert.True(0 == item.GetProperty("items").GetArrayLength(), item.ToString()));
    }

    [Fact]
    public async Task A_new_tag_name_that_is_not_a_tag_is_refused()
    {
        using var vault = Vault();
        await using var session = await LspSession.StartAsync(vault);
        await session.Open(vault.Uri("other.md"), Other);
        var (line, start, _, _) = TextAt.Range(Other, "#misc");
        var (code, message) = await Errors.CodeOf(() => session.Request("textDocument/rename",
            new { textDocument = new { uri = vault.Uri("other.md") }, position = new { line, character = start + 1 }, newName = "two words" }));
        Assert.Equal(-32803, code);
        Assert.Contains("not a tag name", message);
    }

    [Fact]
    public async Task Hover_on_a_tag_says_how_many_notes_carry_it()
    {
        using var vault = Vault();
        await using var session = await LspSession.StartAsync(vault);
        await session.Open(vault.Uri("ai.md"), Ai);
        var (line, start, _, _) = TextAt.Range(Ai, "#ai ");
        var hover = await session.Request("textDocument/hover", LspSession.At(vault.Uri("ai.md"), line, start));
        JsonAssert.Equal($$"""
            {
              "contents": { "kind": "markdown", "value": "Tag **#ai** — on 2 notes  \nNested: #ai/safety (1)" },
              "range": {{JsonAssert.Range(line, start, line, start + 3)}}
            }
            """, hover);
    }

    [Fact]
    public async Task Tags_are_workspace_symbols_at_their_first_occurrence()
    {
        using var vault = Vault();
        await using var session = await LspSession.StartAsync(vault);
        var symbols = await session.Request("workspace/symbol", new { query = "misc" });
        var tag = symbols.EnumerateArray().Single(s => s.GetProperty("name").GetString() == "#misc");
        JsonAssert.Equal($$"""
            { "name": "#misc", "kind": 20, "location": { "uri": "{{vault.Uri("other.md")}}", "range": {{TextAt.Json(Other, "#misc")}} }, "containerName": "Other" }
            """, tag);
    }
}

/// <summary>Tags in the per-note features: document highlight and semantic tokens.</summary>
public class TagInNoteTests
{
    [Fact]
    public async Task Highlight_on_a_tag_marks_every_occurrence_in_the_note_front_matter_included_and_nothing_else()
    {
        // Line 1: the front-matter value `ai` (no '#'); line 3: "#AI" (same tag), "#ai/x" (another tag), "#ai".
        const string Note = "---\ntags: [ai]\n---\nSee #AI, #ai/x and #ai.\n";
        using var vault = new TempVault(new Dictionary<string, string> { ["n.md"] = Note });
        await using var session = await LspSession.StartAsync(vault);
        var highlights = await session.Request("textDocument/documentHighlight", LspSession.At(vault.Uri("n.md"), 3, 5));
        JsonAssert.Equal($$"""
            [
              { "range": {{JsonAssert.Range(1, 7, 1, 9)}}, "kind": 1 },
              { "range": {{JsonAssert.Range(3, 4, 3, 7)}}, "kind": 1 },
              { "range": {{JsonAssert.Range(3, 19, 3, 22)}}, "kind": 1 }
            ]
            """, highlights);
    }

    [Fact]
    public async Task An_inline_tag_is_a_decorator_token_with_its_hash()
    {
        using var vault = new TempVault(new Dictionary<string, string> { ["n.md"] = "Text #topic/sub here\n" });
        await using var session = await LspSession.StartAsync(vault);
        var legend = session.InitializeResult.GetProperty("capabilities").GetProperty("semanticTokensProvider").GetProperty("legend").GetProperty("tokenTypes");
        var decorator = legend.EnumerateArray().Select(t => t.GetString()).ToList().IndexOf("decorator");
        var tokens = await session.Request("textDocument/semanticTokens/full", new { textDocument = new { uri = vault.Uri("n.md") } });
        // One token: line 0, character 5, length 10 ("#topic/sub"), type decorator, no modifiers.
        JsonAssert.Equal($"[0, 5, 10, {decorator}, 0]", tokens.GetProperty("data"));
    }
}
