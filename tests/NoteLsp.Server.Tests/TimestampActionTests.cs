using System.Text.Json;
using NoteLsp.Core.Model;
using NoteLsp.Server.Tests.Fixture;

namespace NoteLsp.Server.Tests;

/// <summary>Timestamps from pasted links (quick fix) and "Use one timestamp form in this note" (source action).</summary>
public class TimestampActionTests
{
    private const string MarkdownForm = """
        ---
        videoId: UTuuTTnjxMQ
        ---
        Said [00:01:59](#01:59).
        Pasted https://youtu.be/UTuuTTnjxMQ?t=227 here.
        Also [see this](https://www.youtube.com/watch?v=UTuuTTnjxMQ&t=4m27s) and <https://www.youtube.com/watch?v=UTuuTTnjxMQ&t=327s>.
        Other https://youtu.be/qTogNUV3CAI?t=10 stays.
        `https://youtu.be/UTuuTTnjxMQ?t=1` is code.
        """;

    private const string AnchorForm = """
        ---
        videoId: qTogNUV3CAI
        ---
        A <a class="yt-timestamp" data-t="16:47">[16:47]</a> and <a class="yt-timestamp" data-t="28:54">[28:54]</a>, then [00:30](#00:30).
        See https://www.youtube.com/watch?t=1m59s&v=qTogNUV3CAI.
        """;

    private static TempVault Vault() => new(new Dictionary<string, string> { ["md.md"] = MarkdownForm, ["anchor.md"] = AnchorForm });

    private static object Request(string uri, (int Line, int Start, int EndLine, int End) range, string[]? only = null) => new
    {
        textDocument = new { uri },
        range = LspSession.Range(range.Line, range.Start, range.EndLine, range.End),
        context = new { diagnostics = Array.Empty<object>(), only },
    };

    private static (int, int, int, int) Line(int line) => (line, 0, line, 200);

    private static string Edits(JsonElement action) => action.GetProperty("edit").GetProperty("documentChanges")[0].GetProperty("edits").GetRawText();

    [Fact]
    public async Task A_bare_link_to_the_notes_video_becomes_a_timestamp_in_the_notes_form()
    {
        using var vault = Vault();
        await using var session = await LspSession.StartAsync(vault);
        var actions = await session.Request("textDocument/codeAction", Request(vault.Uri("md.md"), Line(4)));
        JsonAssert.Equal($$"""
            [ {
                "title": "Turn the video link into timestamp 03:47",
                "kind": "quickfix",
                "isPreferred": true,
                "edit": { "documentChanges": [ {
                  "textDocument": { "uri": "{{vault.Uri("md.md")}}", "version": null },
                  "edits": [ { "range": {{TextAt.Json(MarkdownForm, "https://youtu.be/UTuuTTnjxMQ?t=227")}}, "newText": "[00:03:47](#03:47)" } ]
                } ] }
            } ]
            """, actions);
    }

    [Fact]
    public async Task Labelled_and_angle_links_are_replaced_whole_other_videos_and_code_are_left_alone_and_the_vault_rechecks_clean()
    {
        using var vault = Vault();
        await using var session = await LspSession.StartAsync(vault);
        var onLine5 = await session.Request("textDocument/codeAction", Request(vault.Uri("md.md"), Line(5)));
        Assert.Equal(["Turn the video link into timestamp 04:27", "Turn the video link into timestamp 05:27"],
            onLine5.EnumerateArray().Select(a => a.GetProperty("title").GetString()));
        JsonAssert.Equal($$"""[ { "range": {{TextAt.Json(MarkdownForm, "[see this](https://www.youtube.com/watch?v=UTuuTTnjxMQ&t=4m27s)")}}, "newText": "see this [00:04:27](#04:27)" } ]""",
            JsonDocument.Parse(Edits(onLine5[0])).RootElement);
        JsonAssert.Equal($$"""[ { "range": {{TextAt.Json(MarkdownForm, "<https://www.youtube.com/watch?v=UTuuTTnjxMQ&t=327s>")}}, "newText": "[00:05:27](#05:27)" } ]""",
            JsonDocument.Parse(Edits(onLine5[1])).RootElement);
        Assert.Empty((await session.Request("textDocument/codeAction", Request(vault.Uri("md.md"), Line(6)))).EnumerateArray());
        Assert.Empty((await session.Request("textDocument/codeAction", Request(vault.Uri("md.md"), Line(7)))).EnumerateArray());

        // The first fix, applied as a client would, leaves a note whose new timestamp is a valid moment of its video.
        EditApplier.Apply(onLine5[0].GetProperty("edit"));
        Assert.Contains("Also see this [00:04:27](#04:27) and <https://", vault.Read("md.md"));
        Assert.Empty(VaultCheck.Problems(vault.Root));
        var note = VaultCheck.Scan(vault.Root).GetNote("md.md")!;
        Assert.Equal(["01:59", "04:27"], note.Timestamps.Select(t => t.TargetText));
    }

    [Fact]
    public async Task A_note_that_uses_the_anchor_form_gets_an_anchor_and_the_trailing_period_stays()
    {
        using var vault = Vault();
        await using var session = await LspSession.StartAsync(vault);
        var actions = await session.Request("textDocument/codeAction", Request(vault.Uri("anchor.md"), (4, 10, 4, 10)));
        var action = actions.EnumerateArray().Single();
        EditApplier.Apply(action.GetProperty("edit"));
        Assert.EndsWith("See <a class=\"yt-timestamp\" data-t=\"01:59\">[01:59]</a>.", vault.Read("anchor.md"));
    }

    [Fact]
    public async Task The_source_action_rewrites_every_timestamp_to_the_majority_form_only_when_asked_for()
    {
        using var vault = Vault();
        await using var session = await LspSession.StartAsync(vault);
        var unasked = await session.Request("textDocument/codeAction", Request(vault.Uri("anchor.md"), Line(3)));
        Assert.Empty(unasked.EnumerateArray());

        var actions = await session.Request("textDocument/codeAction", Request(vault.Uri("anchor.md"), (0, 0, 0, 0), ["source"]));
        var action = actions.EnumerateArray().Single();
        Assert.Equal("Use one timestamp form in this note", action.GetProperty("title").GetString());
        Assert.Equal("source.notelsp.timestamps", action.GetProperty("kind").GetString());
        JsonAssert.Equal($$"""[ { "range": {{TextAt.Json(AnchorForm, "[00:30](#00:30)")}}, "newText": "<a class=\"yt-timestamp\" data-t=\"00:30\">[00:30]</a>" } ]""",
            JsonDocument.Parse(Edits(action)).RootElement);

        EditApplier.Apply(action.GetProperty("edit"));
        var note = VaultCheck.Scan(vault.Root).GetNote("anchor.md")!;
        Assert.Equal([TimestampForm.HtmlAnchor, TimestampForm.HtmlAnchor, TimestampForm.HtmlAnchor], note.Timestamps.Select(t => t.Form));
        Assert.Equal(["16:47", "28:54", "00:30"], note.Timestamps.Select(t => t.TargetText));
        Assert.Empty(VaultCheck.Problems(vault.Root));

        // One form already: nothing to offer.
        var after = await session.Request("textDocument/codeAction", Request(vault.Uri("md.md"), (0, 0, 0, 0), ["source.notelsp.timestamps"]));
        Assert.Empty(after.EnumerateArray());
    }
}
