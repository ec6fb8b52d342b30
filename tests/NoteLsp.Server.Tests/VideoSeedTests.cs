using System.Text.RegularExpressions;
using NoteLsp.Server.Tests.Fixture;
using Seeds = NoteLsp.Tests.Shared.SeedFolders;

namespace NoteLsp.Server.Tests;

/// <summary>
/// Acceptance on the seeds (issue 16): references on <c>videoId: UTuuTTnjxMQ</c> list every moment of that note, in
/// order. Runs on the committed skeletons of the seeds and, when present (NOTELSP_SEEDS or shared/seeds beside the
/// repository), on the real ones; a note of the other seed's video and a note without a video must not leak in.
/// </summary>
public partial class VideoSeedTests
{
    private const string ScalingSeed = "scaling_challenges_and_opportunities_in_ai.md";
    private const string DevelopmentSeed = "development_and_challenges_in_ai_scaling_and_optimization.md";

    [GeneratedRegex(@"<a [^>]*data-t=""(?<t>[0-9:]+)""[^>]*>[^<]*</a>|\[[0-9:]+\]\(#(?<t>[0-9:]+)\)")]
    private static partial Regex RawTimestamp();

    public static TheoryData<string> SeedFolders()
    {
        var folders = new TheoryData<string> { "skeleton" };
        if (RealSeedsFolder() is not null) folders.Add("real");
        return folders;
    }


    private static string? RealSeedsFolder() => Seeds.Real(ScalingSeed);

    private static int Seconds(string time)
    {
        var parts = time.Split(':').Select(int.Parse).ToArray();
        return parts.Length == 2 ? parts[0] * 60 + parts[1] : parts[0] * 3600 + parts[1] * 60 + parts[2];
    }

    [Theory]
    [MemberData(nameof(SeedFolders))]
    public async Task References_on_the_seeds_videoId_list_every_moment_of_that_note_in_order(string which)
    {
        var folder = which == "real" ? RealSeedsFolder()! : Seeds.Skeletons;
        var scaling = File.ReadAllText(Path.Combine(folder, ScalingSeed));
        using var vault = new TempVault(new Dictionary<string, string>
        {
            [ScalingSeed] = scaling,
            [DevelopmentSeed] = File.ReadAllText(Path.Combine(folder, DevelopmentSeed)),
            ["notes/loose.md"] = "Not from a video [00:01:59](#01:59).\n",
        });
        await using var session = await LspSession.StartAsync(vault);
        var (line, start, _, _) = TextAt.Range(scaling, "UTuuTTnjxMQ");
        var result = await session.Request("textDocument/references", new
        {
            textDocument = new { uri = vault.Uri(ScalingSeed) },
            position = new { line, character = start + 3 },
            context = new { includeDeclaration = false },
        });

        // Stable ordering by moment keeps the text order among equal moments (the seed cites 07:00 twice).
        var expected = RawTimestamp().Matches(scaling)
            .Select((m, index) => (Seconds: Seconds(m.Groups["t"].Value), index, m))
            .OrderBy(x => x.Seconds).ThenBy(x => x.index)
            .Select(x => (vault.Uri(ScalingSeed), Range(scaling, x.m)))
            .ToList();
        Assert.Equal(13, expected.Count);
        var actual = result.EnumerateArray()
            .Select(l => (l.GetProperty("uri").GetString()!, JsonAssert.RangeOf(l.GetProperty("range"))))
            .ToList();
        Assert.Equal(expected, actual);
    }

    private static (int, int, int, int) Range(string text, Match match)
    {
        var (l, s) = TextAt.Position(text, match.Index);
        var (el, e) = TextAt.Position(text, match.Index + match.Length);
        return (l, s, el, e);
    }
}
