using NoteLsp.Server.Tests.Fixture;

namespace NoteLsp.Server.Tests;

public class DocumentLinkTests
{
    [Fact]
    public async Task Valid_timestamps_link_to_the_video_moment()
    {
        using var vault = SampleVault.Create();
        await using var session = await LspSession.StartAsync(vault);
        var result = await session.Request("textDocument/documentLink", new { textDocument = new { uri = vault.Uri("video.md") } });
        JsonAssert.Equal($$"""
            [
              { "range": {{TextAt.Json(SampleVault.Video, "<a class=\"yt-timestamp\" data-t=\"16:47\">[16:47]</a>")}}, "target": "https://www.youtube.com/watch?v=qTogNUV3CAI&t=1007s", "tooltip": "Open the video at 16:47" },
              { "range": {{TextAt.Json(SampleVault.Video, "[00:01:59](#01:59)")}}, "target": "https://www.youtube.com/watch?v=qTogNUV3CAI&t=119s", "tooltip": "Open the video at 01:59" },
              { "range": {{TextAt.Json(SampleVault.Video, "[02:00](#03:00)")}}, "target": "https://www.youtube.com/watch?v=qTogNUV3CAI&t=180s", "tooltip": "Open the video at 03:00" }
            ]
            """, result);
    }

    [Fact]
    public async Task Links_lead_to_the_target_file_and_broken_ones_are_not_links()
    {
        using var vault = SampleVault.Create();
        await using var session = await LspSession.StartAsync(vault);
        var result = await session.Request("textDocument/documentLink", new { textDocument = new { uri = vault.Uri("index.md") } });
        var targets = result.EnumerateArray().Select(l => l.GetProperty("target").GetString()).ToList();
        var sectionLine = TextAt.Range(SampleVault.Alpha, "## Section One").Line + 1;
        var introLine = TextAt.Range(SampleVault.Gamma, "## Intro").Line + 1;
        var localLine = TextAt.Range(SampleVault.Index, "## Local").Line + 1;
        var blockLine = TextAt.Range(SampleVault.Alpha, "Text of section one").Line + 1;
        Assert.Equal(
            [
                vault.Uri("alpha.md"), vault.Uri("beta.md"), vault.Uri("alpha.md") + "#L" + sectionLine,
                vault.Uri("sub/gamma.md") + "#L" + introLine,
                vault.Uri("index.md") + "#L" + localLine, vault.Uri("alpha.md") + "#L" + blockLine,
                vault.Uri("beta.md"),
            ],
            targets);
        JsonAssert.Equal(TextAt.Json(SampleVault.Index, "sub/gamma.md"), result[3].GetProperty("range"));
    }

    [Fact]
    public async Task The_timestamp_url_template_is_configurable()
    {
        using var vault = SampleVault.Create();
        vault.Write(".notelsp.yml", "timestampUrlTemplate: \"https://youtu.be/{videoId}?t={seconds}\"\n");
        await using var session = await LspSession.StartAsync(vault);
        var result = await session.Request("textDocument/documentLink", new { textDocument = new { uri = vault.Uri("video.md") } });
        Assert.Equal("https://youtu.be/qTogNUV3CAI?t=1007", result[0].GetProperty("target").GetString());
    }
}
