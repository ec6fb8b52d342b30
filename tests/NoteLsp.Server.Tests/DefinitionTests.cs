using System.Text.Json;
using NoteLsp.Server.Tests.Fixture;

namespace NoteLsp.Server.Tests;

public class DefinitionTests
{
    [Fact]
    public async Task A_link_leads_to_the_note_start_as_a_location_link_with_the_target_text_as_origin()
    {
        using var vault = SampleVault.Create();
        await using var session = await LspSession.StartAsync(vault);
        await session.Open(vault.Uri("index.md"), SampleVault.Index);
        var (line, start, _, _) = TextAt.Range(SampleVault.Index, "alpha]]");
        var result = await session.Request("textDocument/definition", LspSession.At(vault.Uri("index.md"), line, start + 2));
        JsonAssert.Equal($$"""
            [{
              "targetUri": "{{vault.Uri("alpha.md")}}",
              "targetRange": {{JsonAssert.Range(0, 0, 0, 0)}},
              "targetSelectionRange": {{JsonAssert.Range(0, 0, 0, 0)}},
              "originSelectionRange": {{TextAt.Json(SampleVault.Index, "alpha", 0)}}
            }]
            """, result);
    }

    [Fact]
    public async Task A_heading_link_leads_to_the_heading_and_a_block_link_to_the_block()
    {
        using var vault = SampleVault.Create();
        await using var session = await LspSession.StartAsync(vault);
        await session.Open(vault.Uri("index.md"), SampleVault.Index);

        var (line, start, _, _) = TextAt.Range(SampleVault.Index, "Section One]]");
        var heading = (await session.Request("textDocument/definition", LspSession.At(vault.Uri("index.md"), line, start)))[0];
        Assert.Equal(vault.Uri("alpha.md"), heading.GetProperty("targetUri").GetString());
        JsonAssert.Equal(TextAt.Json(SampleVault.Alpha, "Section One"), heading.GetProperty("targetSelectionRange"));
        Assert.Equal(TextAt.Range(SampleVault.Alpha, "## Section One").Line, heading.GetProperty("targetRange").GetProperty("start").GetProperty("line").GetInt32());

        (line, start, _, _) = TextAt.Range(SampleVault.Index, "^block1");
        var block = (await session.Request("textDocument/definition", LspSession.At(vault.Uri("index.md"), line, start + 2)))[0];
        JsonAssert.Equal(TextAt.Json(SampleVault.Alpha, "^block1"), block.GetProperty("targetSelectionRange"));
    }

    [Fact]
    public async Task Without_link_support_a_plain_location_is_returned()
    {
        using var vault = SampleVault.Create();
        var capabilities = Clients.WithTextDocument(Clients.Full, "definition", """{ "linkSupport": false }""");
        await using var session = await LspSession.StartAsync(vault, capabilities);
        await session.Open(vault.Uri("index.md"), SampleVault.Index);
        var (line, start, _, _) = TextAt.Range(SampleVault.Index, "[[#Local]]");
        var result = await session.Request("textDocument/definition", LspSession.At(vault.Uri("index.md"), line, start + 4));
        JsonAssert.Equal($$"""[{ "uri": "{{vault.Uri("index.md")}}", "range": {{TextAt.Json(SampleVault.Index, "Local", 0)}} }]""", result);
    }

    [Fact]
    public async Task A_position_past_the_end_of_the_line_is_clamped_onto_the_link_that_ends_it()
    {
        using var vault = SampleVault.Create();
        await using var session = await LspSession.StartAsync(vault);
        await session.Open(vault.Uri("index.md"), SampleVault.Index);
        var (line, _, _, _) = TextAt.Range(SampleVault.Index, "Last [[beta]]");
        var result = await session.Request("textDocument/definition", LspSession.At(vault.Uri("index.md"), line, 500));
        Assert.Equal(vault.Uri("beta.md"), result[0].GetProperty("targetUri").GetString());
    }

    [Fact]
    public async Task Plain_text_a_broken_link_and_an_unknown_document_have_no_definition()
    {
        using var vault = SampleVault.Create();
        await using var session = await LspSession.StartAsync(vault);
        await session.Open(vault.Uri("index.md"), SampleVault.Index);
        Assert.Equal(JsonValueKind.Null, (await session.Request("textDocument/definition", LspSession.At(vault.Uri("index.md"), 6, 1))).ValueKind);
        var (line, start, _, _) = TextAt.Range(SampleVault.Index, "missing_note");
        Assert.Equal(JsonValueKind.Null, (await session.Request("textDocument/definition", LspSession.At(vault.Uri("index.md"), line, start))).ValueKind);
        Assert.Equal(JsonValueKind.Null, (await session.Request("textDocument/definition", LspSession.At("file:///nowhere/unknown.md", 0, 0))).ValueKind);
    }
}
