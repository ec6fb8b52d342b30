using NoteLsp.Server.Tests.Fixture;

namespace NoteLsp.Server.Tests;

public class SymbolTests
{
    [Fact]
    public async Task Document_symbols_are_the_heading_tree_with_section_ranges()
    {
        using var vault = SampleVault.Create();
        await using var session = await LspSession.StartAsync(vault);
        var result = await session.Request("textDocument/documentSymbol", new { textDocument = new { uri = vault.Uri("alpha.md") } });
        var text = SampleVault.Alpha;
        var (alphaLine, _, _, _) = TextAt.Range(text, "# Alpha");
        var (oneLine, _, _, _) = TextAt.Range(text, "## Section One");
        var (deeperLine, _, _, _) = TextAt.Range(text, "### Deeper");
        var (twoLine, _, twoEndLine, twoEnd) = TextAt.Range(text, "## Section Two");
        JsonAssert.Equal($$"""
            [{
              "name": "Alpha", "detail": "#", "kind": 15,
              "range": {{JsonAssert.Range(alphaLine, 0, twoEndLine, twoEnd)}},
              "selectionRange": {{TextAt.Json(text, "Alpha", 1)}},
              "children": [
                {
                  "name": "Section One", "detail": "##", "kind": 15,
                  "range": {{JsonAssert.Range(oneLine, 0, twoLine, 0)}},
                  "selectionRange": {{TextAt.Json(text, "Section One")}},
                  "children": [{
                    "name": "Deeper", "detail": "###", "kind": 15,
                    "range": {{JsonAssert.Range(deeperLine, 0, twoLine, 0)}},
                    "selectionRange": {{TextAt.Json(text, "Deeper")}}
                  }]
                },
                {
                  "name": "Section Two", "detail": "##", "kind": 15,
                  "range": {{JsonAssert.Range(twoLine, 0, twoEndLine, twoEnd)}},
                  "selectionRange": {{TextAt.Json(text, "Section Two")}}
                }
              ]
            }]
            """, result);
    }

    [Fact]
    public async Task Workspace_symbols_find_notes_by_title_and_alias_and_headings_fuzzily()
    {
        using var vault = SampleVault.Create();
        await using var session = await LspSession.StartAsync(vault);
        var result = await session.Request("workspace/symbol", new { query = "start" });
        JsonAssert.Equal($$"""
            [{ "name": "Start", "kind": 1, "location": { "uri": "{{vault.Uri("index.md")}}", "range": {{TextAt.Json(SampleVault.Index, "Start")}} }, "containerName": "Home" }]
            """, result);

        var sections = await session.Request("workspace/symbol", new { query = "secone" });
        var names = sections.EnumerateArray().Select(s => s.GetProperty("name").GetString()).ToList();
        Assert.Equal(["Section One"], names);
        Assert.Equal("Alpha Note", sections[0].GetProperty("containerName").GetString());

        var byTitle = await session.Request("workspace/symbol", new { query = "beta t" });
        Assert.Equal("Beta Title", byTitle[0].GetProperty("name").GetString());
        Assert.Equal(1, byTitle[0].GetProperty("kind").GetInt32());
    }

    [Fact]
    public async Task An_unknown_document_has_no_symbols()
    {
        await using var session = await LspSession.StartAsync();
        var result = await session.Request("textDocument/documentSymbol", new { textDocument = new { uri = "file:///nowhere/x.md" } });
        Assert.Equal(0, result.GetArrayLength());
    }
}
