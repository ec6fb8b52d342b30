using System.Text.Json;

namespace NoteLsp.Cli.Tests;

/// <summary>`notelsp videos`: per video, its notes in path order and their moments in time order.</summary>
public class VideosCommandTests
{
    private static TempVault Talks() => new TempVault()
        .Write("b.md", "---\nvideoId: V1\n---\n# Talk B\n\nLate [01:01:00](#1:01:00) and early <a class=\"yt-timestamp\" data-t=\"00:05\">[00:05]</a>.\n")
        .Write("a.md", "---\ntitle: Talk A\nvideoId: V1\n---\nAt [00:30](#00:30), not [9:99](#9:99).\n")
        .Write("c.md", "---\nvideoId: V2\n---\nNo moment yet.\n")
        .Write("d.md", "No video [00:10](#00:10).\n");

    private static RunResult Videos(string root, string format)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var exit = VideosCommand.Run(root, format, stdout, stderr);
        return new RunResult(exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Text_lists_each_video_its_notes_and_their_moments_in_time_order()
    {
        using var vault = Talks();
        var run = Videos(vault.Root, "text");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            """
            video V1: 2 notes, 3 moments
              a.md (Talk A)
                00:30  line 5  https://www.youtube.com/watch?v=V1&t=30s
              b.md (Talk B)
                00:05  line 6  https://www.youtube.com/watch?v=V1&t=5s
                01:01:00  line 6  https://www.youtube.com/watch?v=V1&t=3660s
            video V2: 1 note, 0 moments
              c.md (c)

            """.ReplaceLineEndings("\n"), run.Stdout);
    }

    [Fact]
    public void Json_as_a_process_has_paths_titles_times_urls_and_lsp_positions()
    {
        using var vault = Talks();
        var run = Notelsp.Run(null, "videos", vault.Root, "--format", "json");
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        var v1 = json.RootElement[0];
        Assert.Equal("V1", v1.GetProperty("videoId").GetString());
        Assert.Equal(["a.md", "b.md"], v1.GetProperty("notes").EnumerateArray().Select(n => n.GetProperty("path").GetString()));
        var early = v1.GetProperty("notes")[1].GetProperty("moments")[0];
        Assert.Equal("""{"time":"00:05","seconds":5,"url":"https://www.youtube.com/watch?v=V1\u0026t=5s","start":{"line":5,"character":36}}""",
            JsonSerializer.Serialize(early));
        Assert.Equal("V2", json.RootElement[1].GetProperty("videoId").GetString());
        Assert.Equal(2, json.RootElement.GetArrayLength());
    }

    [Fact]
    public void A_missing_folder_or_an_unknown_format_is_bad_usage()
    {
        Assert.Equal(2, Videos(Path.Combine(Path.GetTempPath(), "notelsp-no-such-" + Guid.NewGuid().ToString("N")), "text").ExitCode);
        using var vault = Talks();
        var run = Videos(vault.Root, "xml");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("unknown format 'xml'", run.Stderr);
    }
}
