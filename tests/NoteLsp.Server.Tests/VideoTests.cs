using System.Text.Json;
using System.Text.RegularExpressions;
using NoteLsp.Server.Tests.Fixture;

namespace NoteLsp.Server.Tests;

/// <summary>The video as a symbol: references on a videoId or a timestamp, the videoId lens, and the moment hover's context.</summary>
public partial class VideoTests
{
    private const string TalkA = """
        ---
        title: Talk A
        videoId: V1
        ---
        # Talk A

        First point [00:30](#00:30). Later <a class="yt-timestamp" data-t="01:00">[01:00]</a> end.
        """;

    private const string TalkB = """
        ---
        title: Talk B
        videoId: V1
        ---
        Also here [00:45](#00:45). Again [00:30](#00:30)!
        """;

    private const string OtherVideo = """
        ---
        videoId: V2
        ---
        Elsewhere [00:40](#00:40).
        """;

    private const string NoVideo = "Loose [00:30](#00:30).\n";

    private const string AnchorAt1 = """<a class="yt-timestamp" data-t="01:00">[01:00]</a>""";

    private static TempVault Talks() => new(new Dictionary<string, string>
    {
        ["a.md"] = TalkA,
        ["b.md"] = TalkB,
        ["c.md"] = OtherVideo,
        ["d.md"] = NoVideo,
    });

    private static List<(string Uri, (int, int, int, int) Range)> Locations(JsonElement result) =>
        result.EnumerateArray().Select(l => (l.GetProperty("uri").GetString()!, JsonAssert.RangeOf(l.GetProperty("range")))).ToList();

    private static Task<JsonElement> References(LspSession session, string uri, (int Line, int Character) at, bool includeDeclaration = false) =>
        session.Request("textDocument/references", new
        {
            textDocument = new { uri },
            position = new { line = at.Line, character = at.Character },
            context = new { includeDeclaration },
        });

    private static (int, int) Inside(string text, string fragment) => TextAt.Range(text, fragment) is var (l, s, _, _) ? (l, s + 1) : default;

    [Fact]
    public async Task On_a_videoId_every_timestamp_citing_that_video_by_moment_then_note()
    {
        using var vault = Talks();
        await using var session = await LspSession.StartAsync(vault);
        var expected = new List<(string, (int, int, int, int))>
        {
            (vault.Uri("a.md"), TextAt.Range(TalkA, "[00:30](#00:30)")),
            (vault.Uri("b.md"), TextAt.Range(TalkB, "[00:30](#00:30)")),
            (vault.Uri("b.md"), TextAt.Range(TalkB, "[00:45](#00:45)")),
            (vault.Uri("a.md"), TextAt.Range(TalkA, AnchorAt1)),
        };
        Assert.Equal(expected, Locations(await References(session, vault.Uri("a.md"), Inside(TalkA, "V1"))));
        // A timestamp is the same symbol: the answer does not depend on which moment or note it is asked from.
        Assert.Equal(expected, Locations(await References(session, vault.Uri("b.md"), Inside(TalkB, "[00:45]"))));
        Assert.Equal(expected, Locations(await References(session, vault.Uri("a.md"), Inside(TalkA, "data-t"))));

        var withDeclaration = await References(session, vault.Uri("b.md"), Inside(TalkB, "V1"), includeDeclaration: true);
        JsonAssert.Equal($$"""{ "uri": "{{vault.Uri("a.md")}}", "range": {{TextAt.Json(TalkA, "V1")}} }""", withDeclaration[0]);
        Assert.Equal(
            [(vault.Uri("a.md"), TextAt.Range(TalkA, "V1")), (vault.Uri("b.md"), TextAt.Range(TalkB, "V1")), .. expected],
            Locations(withDeclaration));
    }

    [Fact]
    public async Task A_timestamp_in_a_note_without_a_video_cites_nothing_and_another_video_is_its_own_symbol()
    {
        using var vault = Talks();
        await using var session = await LspSession.StartAsync(vault);
        Assert.Empty(Locations(await References(session, vault.Uri("d.md"), Inside(NoVideo, "[00:30]"))));
        Assert.Equal(
            [(vault.Uri("c.md"), TextAt.Range(OtherVideo, "[00:40](#00:40)"))],
            Locations(await References(session, vault.Uri("c.md"), Inside(OtherVideo, "V2"))));
    }

    [Fact]
    public async Task Changing_a_notes_videoId_moves_its_moments_to_the_other_video()
    {
        using var vault = Talks();
        await using var session = await LspSession.StartAsync(vault);
        await session.Open(vault.Uri("b.md"), TalkB);
        var moved = TalkB.Replace("videoId: V1", "videoId: V2");
        await session.ChangeAll(vault.Uri("b.md"), 2, moved);
        Assert.Equal(
            [(vault.Uri("a.md"), TextAt.Range(TalkA, "[00:30](#00:30)")), (vault.Uri("a.md"), TextAt.Range(TalkA, AnchorAt1))],
            Locations(await References(session, vault.Uri("a.md"), Inside(TalkA, "V1"))));
        Assert.Equal(
            [
                (vault.Uri("b.md"), TextAt.Range(moved, "[00:30](#00:30)")),
                (vault.Uri("c.md"), TextAt.Range(OtherVideo, "[00:40](#00:40)")),
                (vault.Uri("b.md"), TextAt.Range(moved, "[00:45](#00:45)")),
            ],
            Locations(await References(session, vault.Uri("c.md"), Inside(OtherVideo, "V2"))));
    }

    [Fact]
    public async Task The_videoId_line_has_a_lens_counting_the_notes_and_moments_of_its_video()
    {
        using var vault = Talks();
        await using var session = await LspSession.StartAsync(vault);
        var (line, _, _, end) = TextAt.Range(TalkA, "videoId: V1");
        var lens = await VideoLens("a.md");
        JsonAssert.Equal($$"""{ "uri": "{{vault.Uri("a.md")}}", "kind": "video" }""", lens.GetProperty("data"));
        JsonAssert.Equal(JsonAssert.Range(line, 0, line, end), lens.GetProperty("range"));
        var resolved = await session.Request("codeLens/resolve", lens);
        var command = resolved.GetProperty("command");
        Assert.Equal("2 notes · 4 moments", command.GetProperty("title").GetString());
        // Clicking shows the moments, as references on the videoId do.
        Assert.Equal("notelsp.showReferences", command.GetProperty("command").GetString());
        var references = await session.Request("textDocument/references", new
        {
            textDocument = new { uri = vault.Uri("a.md") },
            position = new { line, character = end - 1 },
            context = new { includeDeclaration = false },
        });
        JsonAssert.Equal(references.GetRawText(), command.GetProperty("arguments")[2]);

        var other = await session.Request("codeLens/resolve", await VideoLens("c.md"));
        Assert.Equal("1 note · 1 moment", other.GetProperty("command").GetProperty("title").GetString());
        var lenses = await session.Request("textDocument/codeLens", new { textDocument = new { uri = vault.Uri("d.md") } });
        Assert.DoesNotContain(lenses.EnumerateArray(), l => l.GetProperty("data").GetProperty("kind").GetString() == "video");

        async Task<JsonElement> VideoLens(string path)
        {
            var listed = await session.Request("textDocument/codeLens", new { textDocument = new { uri = vault.Uri(path) } });
            return Assert.Single(listed.EnumerateArray(), l => l.GetProperty("data").GetProperty("kind").GetString() == "video");
        }
    }

    [Fact]
    public async Task Hover_on_a_moment_lists_the_places_citing_the_same_video_within_30_seconds_with_their_sentences()
    {
        using var vault = Talks();
        await using var session = await LspSession.StartAsync(vault);
        var hover = await session.Request("textDocument/hover", LspSession.At(vault.Uri("a.md"), Inside(TalkA, "[00:30]").Item1, Inside(TalkA, "[00:30]").Item2));
        const string Url = "https://www.youtube.com/watch?v=V1&t=";
        var expected = $"Moment **00:30** (30 s) in video `V1`  \n[{Url}30s]({Url}30s)\n\n---\n\nCited within 30 s:"
            + $"\n- **Talk B** · [00:30]({Url}30s) — Again [00:30](#00:30)!"
            + $"\n- **Talk B** · [00:45]({Url}45s) — Also here [00:45](#00:45)."
            + $"\n- **Talk A** · [01:00]({Url}60s) — Later {AnchorAt1} end.";
        JsonAssert.Equal($$"""
            { "contents": { "kind": "markdown", "value": {{JsonSerializer.Serialize(expected)}} }, "range": {{TextAt.Json(TalkA, "[00:30](#00:30)")}} }
            """, hover);

        // 01:00 is 31 s from 00:29: the window is 30 s each way, and a note without the video adds nothing.
        var lone = await session.Request("textDocument/hover", LspSession.At(vault.Uri("c.md"), Inside(OtherVideo, "[00:40]").Item1, Inside(OtherVideo, "[00:40]").Item2));
        Assert.Equal($"Moment **00:40** (40 s) in video `V2`  \n[https://www.youtube.com/watch?v=V2&t=40s](https://www.youtube.com/watch?v=V2&t=40s)",
            lone.GetProperty("contents").GetProperty("value").GetString());
    }

    [Fact]
    public async Task At_most_five_places_are_shown_the_closest_ones()
    {
        var moments = string.Join(" ", Enumerable.Range(0, 8).Select(i => $"S{i} [01:{i * 4:00}](#01:{i * 4:00})."));
        using var vault = new TempVault(new Dictionary<string, string>
        {
            ["many.md"] = $"---\nvideoId: V\n---\n{moments}\n",
            ["here.md"] = "---\nvideoId: V\n---\nHere [01:13](#01:13).\n",
        });
        await using var session = await LspSession.StartAsync(vault);
        var hover = await session.Request("textDocument/hover", LspSession.At(vault.Uri("here.md"), 3, 7));
        var shown = Regex.Matches(hover.GetProperty("contents").GetProperty("value").GetString()!, @"· \[(\d\d:\d\d)\]").Select(m => m.Groups[1].Value);
        // 01:12 and 01:16 are 1 and 3 s away, 01:08 and 01:20 5 and 7, then 01:04 (9) before 01:24 (11).
        Assert.Equal(["01:04", "01:08", "01:12", "01:16", "01:20"], shown);
    }
}
