using System.Text.Json;
using NoteLsp.Server.Tests.Fixture;

namespace NoteLsp.Server.Tests;

public class SemanticTokensTests
{
    // Legend indexes (the initialize answer pins the legend itself).
    private const int Class = 0, Property = 1, String = 2, Macro = 3, Number = 4, Keyword = 5, Comment = 6;
    private const int Unresolved = 1, Invalid = 2;

    private const string Text = """
        > [!warning]- Title
        > body
        See [[alpha#Part|the part]] and [[nowhere]] and ![[alpha#Missing]].
        %% hidden [[x]]
        still %% at [01:02](#1:60)

        """;

    /// <summary>Absolute tokens (line, character, length, type, modifiers) in the LSP's relative encoding.</summary>
    private static string Encoded(params (int Line, int Character, int Length, int Type, int Modifiers)[] tokens)
    {
        var data = new List<int>();
        int line = 0, character = 0;
        foreach (var t in tokens)
        {
            data.AddRange([t.Line - line, t.Line == line ? t.Character - character : t.Character, t.Length, t.Type, t.Modifiers]);
            (line, character) = (t.Line, t.Character);
        }
        return JsonSerializer.Serialize(data);
    }

    private static (int, int, int, int, int) At(string text, string fragment, int type, int modifiers = 0, int occurrence = 0)
    {
        var (line, start, _, end) = TextAt.Range(text, fragment, occurrence);
        return (line, start, end - start, type, modifiers);
    }

    private static TempVault Vault(string text) => new(new Dictionary<string, string> { ["note.md"] = text, ["alpha.md"] = "# Part\n", ["a.md"] = "" });

    [Fact]
    public async Task Link_parts_unresolved_targets_embeds_callout_types_comments_and_timestamps_are_tokens()
    {
        var text = Text.ReplaceLineEndings("\n");
        using var vault = Vault(text);
        await using var session = await LspSession.StartAsync(vault);
        var result = await session.Request("textDocument/semanticTokens/full", new { textDocument = new { uri = vault.Uri("note.md") } });
        var expected = Encoded(
            At(text, "warning", Keyword),
            At(text, "alpha", Class),
            At(text, "Part", Property),
            At(text, "the part", String),
            At(text, "nowhere", Class, Unresolved),
            At(text, "alpha", Macro, occurrence: 1),
            At(text, "Missing", Property, Unresolved),
            At(text, "%% hidden [[x]]", Comment),
            At(text, "still %%", Comment),
            At(text, "01:02", Number),
            At(text, "1:60", Number, Invalid));
        JsonAssert.Equal($$"""{ "resultId": "1", "data": {{expected}} }""", result);
    }

    [Fact]
    public async Task A_range_request_answers_only_the_tokens_in_it_without_a_result_id()
    {
        var text = Text.ReplaceLineEndings("\n");
        using var vault = Vault(text);
        await using var session = await LspSession.StartAsync(vault);
        var result = await session.Request("textDocument/semanticTokens/range", new
        {
            textDocument = new { uri = vault.Uri("note.md") },
            range = LspSession.Range(0, 0, 1, 6),
        });
        JsonAssert.Equal($$"""{ "data": {{Encoded(At(text, "warning", Keyword))}} }""", result);
    }

    [Fact]
    public async Task A_delta_sends_only_what_changed_since_the_remembered_answer()
    {
        using var vault = Vault("[[a]] [[b]]\n");
        await using var session = await LspSession.StartAsync(vault);
        var uri = vault.Uri("note.md");
        await session.Open(uri, "[[a]] [[b]]\n");
        var full = await session.Request("textDocument/semanticTokens/full", new { textDocument = new { uri } });
        JsonAssert.Equal("""{ "resultId": "1", "data": [0, 2, 1, 0, 0, 0, 6, 1, 0, 1] }""", full);

        // "b" becomes "a": only the second token's modifiers change.
        await session.Change(uri, 2, 0, 8, 0, 9, "a");
        var delta = await session.Request("textDocument/semanticTokens/full/delta", new { textDocument = new { uri }, previousResultId = "1" });
        JsonAssert.Equal("""{ "resultId": "2", "edits": [{ "start": 9, "deleteCount": 1, "data": [0] }] }""", delta);

        // An answer the server no longer has (or never gave): the full tokens again.
        var stale = await session.Request("textDocument/semanticTokens/full/delta", new { textDocument = new { uri }, previousResultId = "1" });
        JsonAssert.Equal("""{ "resultId": "3", "data": [0, 2, 1, 0, 0, 0, 6, 1, 0, 0] }""", stale);
    }

    [Fact]
    public async Task Columns_follow_the_negotiated_utf8_encoding()
    {
        using var vault = Vault("é [[nowhere]]\n");
        await using var session = await LspSession.StartAsync(vault, Clients.Utf8);
        var result = await session.Request("textDocument/semanticTokens/full", new { textDocument = new { uri = vault.Uri("note.md") } });
        // "é" is two bytes: the target starts at byte 5.
        JsonAssert.Equal($$"""{ "resultId": "1", "data": [0, 5, 7, {{Class}}, {{Unresolved}}] }""", result);
    }
}
