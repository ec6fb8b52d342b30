using NoteLsp.Server.Tests.Fixture;

namespace NoteLsp.Server.Tests;

public class SelectionRangeTests
{
    private const string Text = "# Top\n\nIntro. See [[alpha#Part|the part]] now! End\n\n## Sub\n\n- first item\n- second with [text](alpha.md#part) here. More\n";

    /// <summary>The expected answer for one position: each range's parent is the next one.</summary>
    private static string Nested(params string[] ranges) =>
        ranges.Reverse().Aggregate("", (parent, range) => parent.Length == 0 ? $$"""{ "range": {{range}} }""" : $$"""{ "range": {{range}}, "parent": {{parent}} }""");

    [Fact]
    public async Task Selection_grows_from_link_target_to_link_sentence_paragraph_item_list_section_and_note()
    {
        using var vault = new TempVault(new Dictionary<string, string> { ["note.md"] = Text, ["alpha.md"] = "# Part\n" });
        await using var session = await LspSession.StartAsync(vault);
        var (wikiLine, wikiStart, _, _) = TextAt.Range(Text, "lpha#Part");
        var (pathLine, pathStart, _, _) = TextAt.Range(Text, "pha.md#part");
        var result = await session.Request("textDocument/selectionRange", new
        {
            textDocument = new { uri = vault.Uri("note.md") },
            positions = new[] { new { line = wikiLine, character = wikiStart }, new { line = pathLine, character = pathStart } },
        });
        var document = JsonAssert.Range(0, 0, 8, 0);
        JsonAssert.Equal($"""
            [
              {Nested(TextAt.Json(Text, "alpha", 0), TextAt.Json(Text, "[[alpha#Part|the part]]"), TextAt.Json(Text, "See [[alpha#Part|the part]] now!"),
                  TextAt.Json(Text, "Intro. See [[alpha#Part|the part]] now! End"), document)},
              {Nested(TextAt.Json(Text, "alpha.md"), TextAt.Json(Text, "[text](alpha.md#part)"), TextAt.Json(Text, "second with [text](alpha.md#part) here."),
                  TextAt.Json(Text, "second with [text](alpha.md#part) here. More"), TextAt.Json(Text, "- second with [text](alpha.md#part) here. More"),
                  TextAt.Json(Text, "- first item\n- second with [text](alpha.md#part) here. More"), JsonAssert.Range(4, 0, 8, 0), document)}
            ]
            """, result);
    }

    [Fact]
    public async Task A_blank_line_selects_its_section_then_the_note_and_an_unknown_document_nothing()
    {
        using var vault = new TempVault(new Dictionary<string, string> { ["note.md"] = Text });
        await using var session = await LspSession.StartAsync(vault);
        var result = await session.Request("textDocument/selectionRange", new
        {
            textDocument = new { uri = vault.Uri("note.md") },
            positions = new[] { new { line = 5, character = 0 } },
        });
        JsonAssert.Equal($"[{Nested(JsonAssert.Range(4, 0, 8, 0), JsonAssert.Range(0, 0, 8, 0))}]", result);

        var unknown = await session.Request("textDocument/selectionRange", new
        {
            textDocument = new { uri = "file:///elsewhere/x.md" },
            positions = new[] { new { line = 0, character = 0 } },
        });
        JsonAssert.Equal("[]", unknown);
    }
}
