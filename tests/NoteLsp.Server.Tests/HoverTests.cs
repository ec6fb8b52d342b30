using System.Text.Json;
using NoteLsp.Server.Tests.Fixture;

namespace NoteLsp.Server.Tests;

public class HoverTests
{
    [Fact]
    public async Task On_a_link_the_title_path_backlinks_and_first_lines_of_the_target()
    {
        using var vault = SampleVault.Create();
        await using var session = await LspSession.StartAsync(vault);
        await session.Open(vault.Uri("index.md"), SampleVault.Index);
        var (line, start, _, _) = TextAt.Range(SampleVault.Index, "Last [[beta]]");
        var hover = await session.Request("textDocument/hover", LspSession.At(vault.Uri("index.md"), line, start + 8));
        JsonAssert.Equal($$"""
            {
              "contents": { "kind": "markdown", "value": "**Beta Title**  \n`beta.md` · 2 backlinks\n\n---\n\n# Beta Title\n\nBeta body links [[alpha]]." },
              "range": {{TextAt.Json(SampleVault.Index, "[[beta]]")}}
            }
            """, hover);
    }

    [Fact]
    public async Task On_a_heading_link_the_section_is_shown()
    {
        using var vault = SampleVault.Create();
        await using var session = await LspSession.StartAsync(vault);
        await session.Open(vault.Uri("index.md"), SampleVault.Index);
        var (line, start, _, _) = TextAt.Range(SampleVault.Index, "Section One]]");
        var hover = await session.Request("textDocument/hover", LspSession.At(vault.Uri("index.md"), line, start));
        var value = hover.GetProperty("contents").GetProperty("value").GetString()!;
        Assert.StartsWith("**Alpha Note** › Section One  \n`alpha.md`", value);
        Assert.EndsWith("Text of section one. ^block1\n\n### Deeper", value);
        Assert.DoesNotContain("Section Two", value);
    }

    [Fact]
    public async Task On_a_timestamp_the_moment_and_the_video_link()
    {
        using var vault = SampleVault.Create();
        await using var session = await LspSession.StartAsync(vault);
        await session.Open(vault.Uri("video.md"), SampleVault.Video);
        var (line, start, _, _) = TextAt.Range(SampleVault.Video, "[00:01:59](#01:59)");
        var hover = await session.Request("textDocument/hover", LspSession.At(vault.Uri("video.md"), line, start + 3));
        JsonAssert.Equal($$"""
            {
              "contents": { "kind": "markdown", "value": "Moment **01:59** (119 s) in video `qTogNUV3CAI`  \n[https://www.youtube.com/watch?v=qTogNUV3CAI&t=119s](https://www.youtube.com/watch?v=qTogNUV3CAI&t=119s)" },
              "range": {{TextAt.Json(SampleVault.Video, "[00:01:59](#01:59)")}}
            }
            """, hover);
    }

    [Fact]
    public async Task Nothing_on_plain_text_and_a_broken_link_says_so()
    {
        using var vault = SampleVault.Create();
        await using var session = await LspSession.StartAsync(vault);
        await session.Open(vault.Uri("index.md"), SampleVault.Index);
        Assert.Equal(JsonValueKind.Null, (await session.Request("textDocument/hover", LspSession.At(vault.Uri("index.md"), 6, 1))).ValueKind);
        var (line, start, _, _) = TextAt.Range(SampleVault.Index, "missing_note");
        var broken = await session.Request("textDocument/hover", LspSession.At(vault.Uri("index.md"), line, start));
        Assert.Equal("No note matches `missing_note`.", broken.GetProperty("contents").GetProperty("value").GetString());
    }
}
