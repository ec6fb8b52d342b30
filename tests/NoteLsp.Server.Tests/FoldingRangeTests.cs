using System.Text.Json;
using NoteLsp.Server.Tests.Fixture;

namespace NoteLsp.Server.Tests;

public class FoldingRangeTests
{
    private const string Note = """
        ---
        title: Fold
        ---
        # Top

        > [!note]- Callout
        > inside

        - item
          - nested
          - nested two
        - single

        ```js
        code
        ```

        <!--
        html
        -->
        %% one
        two %%

        ## Sub
        text

        # Next
        last

        """;

    private static JsonElement Capabilities(string foldingRange) => JsonDocument.Parse($$"""
        { "textDocument": { "foldingRange": {{foldingRange}} }, "window": { "workDoneProgress": true } }
        """).RootElement.Clone();

    [Fact]
    public async Task Front_matter_sections_quotes_lists_code_and_comments_fold_by_line()
    {
        using var vault = new TempVault(new Dictionary<string, string> { ["note.md"] = Note.ReplaceLineEndings("\n") });
        await using var session = await LspSession.StartAsync(vault, Capabilities("""{ "lineFoldingOnly": true }"""));
        var result = await session.Request("textDocument/foldingRange", new { textDocument = new { uri = vault.Uri("note.md") } });
        // Sections end before the next heading of their level or higher, without the blank lines before it.
        JsonAssert.Equal("""
            [
              { "startLine": 0, "endLine": 2, "kind": "region" },
              { "startLine": 3, "endLine": 24, "kind": "region" },
              { "startLine": 5, "endLine": 6 },
              { "startLine": 8, "endLine": 10 },
              { "startLine": 13, "endLine": 15 },
              { "startLine": 17, "endLine": 19, "kind": "comment" },
              { "startLine": 20, "endLine": 21, "kind": "comment" },
              { "startLine": 23, "endLine": 24, "kind": "region" },
              { "startLine": 26, "endLine": 27, "kind": "region" }
            ]
            """, result);
    }

    [Fact]
    public async Task The_client_range_limit_keeps_the_first_ranges()
    {
        using var vault = new TempVault(new Dictionary<string, string> { ["note.md"] = Note.ReplaceLineEndings("\n") });
        await using var session = await LspSession.StartAsync(vault, Capabilities("""{ "lineFoldingOnly": true, "rangeLimit": 2 }"""));
        var result = await session.Request("textDocument/foldingRange", new { textDocument = new { uri = vault.Uri("note.md") } });
        JsonAssert.Equal("""
            [{ "startLine": 0, "endLine": 2, "kind": "region" }, { "startLine": 3, "endLine": 24, "kind": "region" }]
            """, result);
    }

    [Fact]
    public async Task A_client_that_folds_inside_lines_keeps_the_first_line_whole_and_folds_the_open_text()
    {
        using var vault = new TempVault(new Dictionary<string, string> { ["note.md"] = "# A\ntext\n" });
        await using var session = await LspSession.StartAsync(vault, Capabilities("{}"));
        var uri = vault.Uri("note.md");
        await session.Open(uri, "# Añ\n%% a\nbé %%\n");
        var result = await session.Request("textDocument/foldingRange", new { textDocument = new { uri } });
        JsonAssert.Equal("""
            [
              { "startLine": 0, "startCharacter": 4, "endLine": 2, "endCharacter": 5, "kind": "region" },
              { "startLine": 1, "startCharacter": 4, "endLine": 2, "endCharacter": 5, "kind": "comment" }
            ]
            """, result);
    }

    [Fact]
    public async Task An_unknown_document_has_no_ranges()
    {
        using var vault = new TempVault(new Dictionary<string, string> { ["note.md"] = "# A\n" });
        await using var session = await LspSession.StartAsync(vault);
        var result = await session.Request("textDocument/foldingRange", new { textDocument = new { uri = "file:///elsewhere/x.md" } });
        JsonAssert.Equal("[]", result);
    }
}
