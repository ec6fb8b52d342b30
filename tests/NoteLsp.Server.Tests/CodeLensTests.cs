using System.Text.Json;
using NoteLsp.Server.Tests.Fixture;

namespace NoteLsp.Server.Tests;

public class CodeLensTests
{
    private const string Alpha = "---\ntitle: Alpha Title\n---\n# Intro\n\n## Part One\n\n## Unlinked\n";
    private const string Beta = "See [[alpha]], [[alpha#Part One|the part]] and [[Alpha Title]].\n";
    private const string Gamma = "[md](alpha.md#part-one)\n";

    private static TempVault Vault() => new(new Dictionary<string, string>
    {
        ["alpha.md"] = Alpha,
        ["beta.md"] = Beta,
        ["gamma.md"] = Gamma,
    });

    private static string Location(TempVault vault, string path, string text, string fragment, int occurrence = 0)
    {
        var (line, start, endLine, end) = TextAt.Range(text, fragment, occurrence);
        return $$"""{ "uri": "{{vault.Uri(path)}}", "range": {{JsonAssert.Range(line, start, endLine, end)}} }""";
    }

    [Fact]
    public async Task The_title_always_has_a_lens_and_a_heading_only_when_something_links_to_it()
    {
        using var vault = Vault();
        await using var session = await LspSession.StartAsync(vault);
        var uri = vault.Uri("alpha.md");
        var lenses = await session.Request("textDocument/codeLens", new { textDocument = new { uri } });
        JsonAssert.Equal($$"""
            [
              { "range": {{TextAt.Json(Alpha, "Alpha Title")}}, "data": { "uri": "{{uri}}", "kind": "references" } },
              { "range": {{TextAt.Json(Alpha, "## Part One")}}, "data": { "uri": "{{uri}}", "kind": "references", "key": "part-one" } }
            ]
            """, lenses);

        var title = await session.Request("codeLens/resolve", lenses[0]);
        JsonAssert.Equal($$"""
            {
              "range": {{TextAt.Json(Alpha, "Alpha Title")}},
              "command": {
                "title": "4 links",
                "command": "notelsp.showReferences",
                "arguments": [
                  "{{uri}}",
                  { "line": 1, "character": 7 },
                  [
                    {{Location(vault, "beta.md", Beta, "[[alpha]]")}},
                    {{Location(vault, "beta.md", Beta, "[[alpha#Part One|the part]]")}},
                    {{Location(vault, "beta.md", Beta, "[[Alpha Title]]")}},
                    {{Location(vault, "gamma.md", Gamma, "[md](alpha.md#part-one)")}}
                  ]
                ]
              },
              "data": { "uri": "{{uri}}", "kind": "references" }
            }
            """, title);

        var heading = await session.Request("codeLens/resolve", lenses[1]);
        Assert.Equal("2 links", heading.GetProperty("command").GetProperty("title").GetString());
        JsonAssert.Equal($"""
            [
              {Location(vault, "beta.md", Beta, "[[alpha#Part One|the part]]")},
              {Location(vault, "gamma.md", Gamma, "[md](alpha.md#part-one)")}
            ]
            """, heading.GetProperty("command").GetProperty("arguments")[2]);
    }

    [Fact]
    public async Task A_note_without_links_says_0_links_on_its_first_heading_and_one_link_is_singular()
    {
        const string lonely = "Some text.\n\n## First\n\n## Second\n";
        using var vault = new TempVault(new Dictionary<string, string> { ["lonely.md"] = lonely, ["single.md"] = "# Single\n", ["other.md"] = "[[single]]\n" });
        await using var session = await LspSession.StartAsync(vault);
        var lenses = await session.Request("textDocument/codeLens", new { textDocument = new { uri = vault.Uri("lonely.md") } });
        Assert.Equal(1, lenses.GetArrayLength());
        JsonAssert.Equal(TextAt.Json(lonely, "First"), lenses[0].GetProperty("range"));
        var resolved = await session.Request("codeLens/resolve", lenses[0]);
        Assert.Equal("0 links", resolved.GetProperty("command").GetProperty("title").GetString());

        var single = await session.Request("textDocument/codeLens", new { textDocument = new { uri = vault.Uri("single.md") } });
        var one = await session.Request("codeLens/resolve", single[0]);
        Assert.Equal("1 link", one.GetProperty("command").GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_lens_whose_heading_is_gone_resolves_to_0_links_and_an_unknown_note_has_no_lenses()
    {
        using var vault = Vault();
        await using var session = await LspSession.StartAsync(vault);
        var lens = new { range = new { start = new { line = 5, character = 0 }, end = new { line = 5, character = 11 } }, data = new { uri = vault.Uri("alpha.md"), kind = "references", key = "no-such-heading" } };
        var resolved = await session.Request("codeLens/resolve", lens);
        Assert.Equal("0 links", resolved.GetProperty("command").GetProperty("title").GetString());
        var none = await session.Request("textDocument/codeLens", new { textDocument = new { uri = vault.Uri("missing.md") } });
        Assert.Equal(0, none.GetArrayLength());
    }

    [Fact]
    public async Task Counts_follow_edits_in_other_notes_and_the_client_is_asked_to_refresh()
    {
        using var vault = Vault();
        var capabilities = ClientCapabilitiesPresetsWithLensRefresh();
        await using var session = await LspSession.StartAsync(vault, capabilities);
        var lenses = await session.Request("textDocument/codeLens", new { textDocument = new { uri = vault.Uri("alpha.md") } });

        await session.Open(vault.Uri("gamma.md"), Gamma);
        await session.ChangeAll(vault.Uri("gamma.md"), 2, Gamma + "And [[alpha]].\n");
        await session.Inbox.WaitFor("workspace/codeLens/refresh");
        var title = await session.Request("codeLens/resolve", lenses[0]);
        Assert.Equal("5 links", title.GetProperty("command").GetProperty("title").GetString());
    }

    [Fact]
    public async Task The_capability_is_declared_with_resolve()
    {
        await using var session = await LspSession.StartAsync();
        JsonAssert.Equal("""{ "resolveProvider": true }""", session.InitializeResult.GetProperty("capabilities").GetProperty("codeLensProvider"));
    }

    private static JsonElement ClientCapabilitiesPresetsWithLensRefresh()
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(Clients.Full.GetRawText())!.AsObject();
        node["workspace"]!["codeLens"] = System.Text.Json.Nodes.JsonNode.Parse("""{ "refreshSupport": true }""");
        return Clients.Parse(node.ToJsonString());
    }
}
