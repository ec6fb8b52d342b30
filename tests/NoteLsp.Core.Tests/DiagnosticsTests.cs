using NoteLsp.Core.Diagnostics;
using NoteLsp.Core.Index;
using NoteLsp.Core.Parsing;
using NoteLsp.Core.Text;

namespace NoteLsp.Core.Tests;

/// <summary>docs/notes-format.md §7: the codes, each with its narrowest range, default severity and a message a person understands.</summary>
public class DiagnosticsTests
{
    private const string VideoFrontMatter = "---\nvideoId: qTogNUV3CAI\nduration: 45:00\n---\n";

    private static NoteDiagnostic Single(TestVault vault, string path, DiagnosticCode code)
    {
        var matching = vault.Diagnostics(path).Where(d => d.Code == code).ToList();
        Assert.True(matching.Count == 1, $"expected one {code.Id()}, got: {Describe(vault.Diagnostics(path))}");
        var diagnostic = matching[0];
        Assert.Equal(code.Id(), diagnostic.Id);
        return diagnostic;
    }

    private static string Describe(IEnumerable<NoteDiagnostic> diagnostics) =>
        string.Join("; ", diagnostics.Select(d => $"{d.Id} {d.Range} {d.Message}"));

    // Issue 12 item 11: attachments the vault has are fine (before, any file-like target was never diagnosed).
    [Fact]
    public void Attachments_the_vault_has_are_never_diagnosed()
    {
        var vault = TestVault.Of(("note.md", "![[diagram.png]] [[slides.pdf|slides]] ![img](pics/none.png) [doc](../outside.pdf)\n"))
            .WithOtherFiles("assets/diagram.png", "slides.pdf", "pics/none.png");

        Assert.Empty(vault.Diagnostics("note.md"));
    }

    [Fact]
    public void A_file_like_target_that_names_no_note_and_no_file_is_broken()
    {
        var vault = TestVault.Of(("note.md", "![[diagram.png]] [[missing.final]] [img](pics/none.png)\n")).WithOtherFiles("diagram.png");

        var diagnostics = vault.Diagnostics("note.md");

        Assert.Equal(
            [
                (DiagnosticCode.LinkBroken, vault.Range("note.md", "missing.final"), "No note or file named \"missing.final\""),
                (DiagnosticCode.LinkBroken, vault.Range("note.md", "pics/none.png"), "No file at \"pics/none.png\""),
            ],
            diagnostics.Select(d => (d.Code, d.Range, d.Message)));
    }

    [Fact]
    public void A_clean_note_has_no_diagnostics()
    {
        var vault = TestVault.Of(
            ("clean.md", VideoFrontMatter + """
                # Clean

                See [[other]], [[other#Part two|the second part]], [[other#^quote]], [[#Clean]],
                [the other](other.md#part-two), a [picture](image.png) and <https://example.com>.
                Moment <a class="yt-timestamp" data-t="16:47">[16:47]</a> and [00:01:59](#01:59).
                Code: `[[not a link]]`.
                """),
            ("other.md", "# Other\n\n## Part two\n\nA quote. ^quote\n"));

        Assert.Empty(vault.WithOtherFiles("image.png").Diagnostics("clean.md"));
    }

    [Fact]
    public void Link_broken_on_the_target_text()
    {
        var vault = TestVault.Of(("a.md", "Intro line\nSee [[foo bar|Foo]] now.\n"));

        var diagnostic = Single(vault, "a.md", DiagnosticCode.LinkBroken);

        Assert.Equal(vault.Range("a.md", "foo bar"), diagnostic.Range);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Contains("No note named \"foo bar\"", diagnostic.Message);
    }

    [Fact]
    public void Link_broken_for_a_markdown_link_on_the_path()
    {
        var vault = TestVault.Of(("a.md", "See [the plan](plans/missing.md#intro).\n"));

        var diagnostic = Single(vault, "a.md", DiagnosticCode.LinkBroken);

        Assert.Equal(vault.Range("a.md", "plans/missing.md"), diagnostic.Range);
        Assert.Contains("plans/missing.md", diagnostic.Message);
    }

    [Fact]
    public void Link_ambiguous_names_the_candidates_and_offers_path_qualified_targets()
    {
        var vault = TestVault.Of(("note.md", "Go to [[x]].\n"), ("a/x.md", ""), ("b/x.md", ""));

        var diagnostic = Single(vault, "note.md", DiagnosticCode.LinkAmbiguous);

        Assert.Equal(vault.Range("note.md", "[[x]]", "x"), diagnostic.Range);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Contains("\"x\" matches 2 notes: a/x.md, b/x.md", diagnostic.Message);
        Assert.Equal(["a/x.md", "b/x.md"], diagnostic.Related.Select(r => r.Path));
        Assert.All(diagnostic.Related, r => Assert.Equal(new Text.TextRange(0, 0, 0, 0), r.Range));
        Assert.Equal(["a/x", "b/x"], diagnostic.Suggestions.ToArray());
    }

    [Fact]
    public void An_ambiguous_markdown_path_suggests_paths_relative_to_the_linking_note()
    {
        var vault = TestVault.Of(("sub/a.md", "See [t](../NOTES.md).\n"), ("Notes.md", ""), ("notes.md", ""), ("sub/Other Note.md", ""));

        var diagnostic = Single(vault, "sub/a.md", DiagnosticCode.LinkAmbiguous);

        Assert.Equal(vault.Range("sub/a.md", "../NOTES.md"), diagnostic.Range);
        Assert.Equal(["../Notes.md", "../notes.md"], diagnostic.Suggestions.ToArray());
        Assert.Equal("Other%20Note.md", LinkTargets.RelativeLinkPath("sub/a.md", "sub/Other Note.md"));
        Assert.Equal("../../c/d.md", LinkTargets.RelativeLinkPath("a/b/x.md", "c/d.md"));
        Assert.Equal("b/x.md", LinkTargets.RelativeLinkPath("root.md", "b/x.md"));
    }

    [Fact]
    public void Ambiguous_suggestions_are_the_shortest_targets_that_resolve_uniquely()
    {
        var vault = TestVault.Of(
            ("note.md", "[[Plan]]"),
            ("x.md", "# Plan\n"), ("a/x.md", ""),
            ("deep/a/plan.md", ""), ("other/a/plan.md", ""), ("y.md", "---\ntitle: plan\n---\n"));

        // "plan" is the stem of two notes: the stem rank wins and the titles do not count.
        var diagnostic = Single(vault, "note.md", DiagnosticCode.LinkAmbiguous);
        Assert.Equal(["deep/a/plan", "other/a/plan"], diagnostic.Suggestions.ToArray());

        // Without those stems the two titles compete; each suggestion resolves to exactly its note.
        var titles = vault.Without("deep/a/plan.md").Without("other/a/plan.md");
        var byTitle = Single(titles, "note.md", DiagnosticCode.LinkAmbiguous);
        Assert.Equal(["/x", "y"], byTitle.Suggestions.ToArray());
        foreach (var suggestion in byTitle.Suggestions)
        {
            var check = titles.With("check.md", $"[[{suggestion}]]");
            Assert.Equal(TargetStatus.Resolved, check.Snapshot.Resolve(check.Note("check.md"), check.Note("check.md").WikiLinks[0]).Status);
        }
    }

    [Fact]
    public void Heading_broken_on_the_heading_part_with_closest_headings()
    {
        var vault = TestVault.Of(
            ("note.md", "See [[alpha#Intro|the intro]].\n"),
            ("alpha.md", "# Alpha\n\n## Introduction\n\n## Summary\n\n## Intro to it\n"));

        var diagnostic = Single(vault, "note.md", DiagnosticCode.HeadingBroken);

        Assert.Equal(vault.Range("note.md", "#Intro", "Intro"), diagnostic.Range);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Contains("No heading \"Intro\" in alpha.md", diagnostic.Message);
        // Prefix matches first, the closer in length first.
        Assert.Equal(["Intro to it", "Introduction"], diagnostic.Suggestions.ToArray());
    }

    [Fact]
    public void Heading_broken_in_a_self_link_and_a_markdown_fragment()
    {
        var vault = TestVault.Of(("note.md", "# Note\n\n[[#Missing]] and [m](#gone) and [o](alpha.md#nope)\n"), ("alpha.md", "## Nope Not\n"));

        var diagnostics = vault.Diagnostics("note.md").Where(d => d.Code == DiagnosticCode.HeadingBroken).ToList();

        Assert.Equal(3, diagnostics.Count);
        Assert.Equal(vault.Range("note.md", "Missing"), diagnostics[0].Range);
        Assert.Contains("No heading \"Missing\" in this note", diagnostics[0].Message);
        Assert.Equal(vault.Range("note.md", "gone"), diagnostics[1].Range);
        Assert.Equal(vault.Range("note.md", "nope"), diagnostics[2].Range);
        Assert.Contains("alpha.md", diagnostics[2].Message);
        Assert.Equal(["nope-not"], diagnostics[2].Suggestions.ToArray());
    }

    [Fact]
    public void Block_broken_on_the_block_part()
    {
        var vault = TestVault.Of(("note.md", "See [[alpha#^zzz]].\n"), ("alpha.md", "Para. ^abc\n"));

        var diagnostic = Single(vault, "note.md", DiagnosticCode.BlockBroken);

        // The block part is the id after "^".
        Assert.Equal(vault.Range("note.md", "^zzz", "zzz"), diagnostic.Range);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Contains("No block \"^zzz\" in alpha.md", diagnostic.Message);
    }

    [Theory]
    [InlineData("[[]]")]
    [InlineData("[[ | x]]")]
    [InlineData("[[#]]")]
    public void Link_empty_on_the_whole_link(string link)
    {
        var vault = TestVault.Of(("note.md", $"Text {link} end\n"));

        var diagnostic = Single(vault, "note.md", DiagnosticCode.LinkEmpty);

        Assert.Equal(vault.Range("note.md", link), diagnostic.Range);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Contains("Empty link", diagnostic.Message);
    }

    [Fact]
    public void Timestamp_invalid_on_each_bad_time()
    {
        var vault = TestVault.Of(("note.md", VideoFrontMatter + """
            One <a class="yt-timestamp" data-t="16:7">[1:60:00]</a>.
            Two [75:99](#75:30).
            """));

        var diagnostics = vault.Diagnostics("note.md").Where(d => d.Code == DiagnosticCode.TimestampInvalid).ToList();

        // Issue 12 item 12: both times of the first are invalid, which is one problem: one diagnostic over both.
        Assert.Equal(2, diagnostics.Count);
        Assert.Equal(new TextRange(vault.Range("note.md", "16:7").Start, vault.Range("note.md", "1:60:00").End), diagnostics[0].Range);
        Assert.Equal(vault.Range("note.md", "75:99"), diagnostics[1].Range);
        Assert.All(diagnostics, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
        Assert.Equal("\"16:7\" and \"1:60:00\" are not video times (use M:SS or H:MM:SS, minutes and seconds 00–59)", diagnostics[0].Message);
        Assert.Contains("\"75:99\"", diagnostics[1].Message);
        Assert.DoesNotContain(vault.Diagnostics("note.md"), d => d.Code == DiagnosticCode.TimestampMismatch);
    }

    [Fact]
    public void Timestamp_mismatch_on_the_display_text()
    {
        var vault = TestVault.Of(("note.md", VideoFrontMatter + "Moment [16:47](#16:50) and [00:01:59](#01:59).\n"));

        var diagnostic = Single(vault, "note.md", DiagnosticCode.TimestampMismatch);

        Assert.Equal(vault.Range("note.md", "16:47"), diagnostic.Range);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Contains("Shows 16:47 but jumps to 16:50", diagnostic.Message);
        Assert.Equal(["16:50"], diagnostic.Suggestions.ToArray());
    }

    [Fact]
    public void Timestamp_no_video_on_the_target_time()
    {
        var vault = TestVault.Of(("note.md", "# Talk\n\nAt <a class=\"yt-timestamp\" data-t=\"12:00\">[12:00]</a>.\n"));

        var diagnostic = Single(vault, "note.md", DiagnosticCode.TimestampNoVideo);

        Assert.Equal(vault.Range("note.md", "\"12:00\"", "12:00"), diagnostic.Range);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Contains("This note has no videoId, so the timestamp 12:00 cannot link to a video", diagnostic.Message);
    }

    [Fact]
    public void Timestamp_out_of_range_on_the_target_time()
    {
        var vault = TestVault.Of(("note.md", VideoFrontMatter + "End [45:00](#45:00), later [01:01:01](#01:01:01).\n"));

        var diagnostic = Single(vault, "note.md", DiagnosticCode.TimestampOutOfRange);

        Assert.Equal(vault.Range("note.md", "#01:01:01", "01:01:01"), diagnostic.Range);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Contains("01:01:01 is past the end of the video (duration 45:00)", diagnostic.Message);
    }

    [Fact]
    public void A_duration_that_does_not_parse_turns_off_range_checks()
    {
        var vault = TestVault.Of(("note.md", "---\nvideoId: qTogNUV3CAI\nduration: about an hour\n---\nLate [09:59:59](#09:59:59).\n"));

        Assert.Empty(vault.Diagnostics("note.md"));
    }

    [Fact]
    public void Duration_in_whole_seconds_is_understood()
    {
        var vault = TestVault.Of(("note.md", "---\nvideoId: qTogNUV3CAI\nduration: 600\n---\nOk [09:59](#09:59), late [10:01](#10:01).\n"));

        var diagnostic = Single(vault, "note.md", DiagnosticCode.TimestampOutOfRange);
        Assert.Equal(vault.Range("note.md", "#10:01", "10:01"), diagnostic.Range);
        Assert.Contains("(duration 10:00)", diagnostic.Message);
    }

    [Fact]
    public void Frontmatter_invalid_where_the_yaml_breaks()
    {
        var vault = TestVault.Of(("note.md", "---\nvideoId: qTogNUV3CAI\ntitle: a: b\ntags: x\n---\n# Body\n\n[[note]]\n"));

        var diagnostic = Single(vault, "note.md", DiagnosticCode.FrontmatterInvalid);

        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        // On the line that breaks, not on the whole block.
        Assert.Equal(2, diagnostic.Range.Start.Line);
        Assert.Equal(2, diagnostic.Range.End.Line);
        Assert.Contains("not valid YAML", diagnostic.Message);
        // The note is still indexed by its file name: the self link by stem resolves.
        Assert.DoesNotContain(vault.Diagnostics("note.md"), d => d.Code == DiagnosticCode.LinkBroken);
    }

    [Fact]
    public void Video_id_invalid_on_the_yaml_value()
    {
        var vault = TestVault.Of(("note.md", "---\ntitle: Talk\nvideoId: abc\n---\n"));

        var diagnostic = Single(vault, "note.md", DiagnosticCode.VideoIdInvalid);

        Assert.Equal(vault.Range("note.md", "abc"), diagnostic.Range);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Contains("videoId \"abc\" must be 11 characters of A–Z, a–z, 0–9, _ or -", diagnostic.Message);
    }

    [Fact]
    public void Encoding_invalid_at_the_first_replacement_character()
    {
        const string text = "# Note\n\nBad byte: \uFFFD here.\n";
        var note = NoteParser.Parse("note.md", text, hasInvalidEncoding: true);
        var snapshot = VaultSnapshot.Build([note]);

        var diagnostics = NoteDiagnostics.Compute(snapshot, note, DiagnosticOptions.Default);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticCode.EncodingInvalid, diagnostic.Code);
        Assert.Equal(TestVault.RangeIn(text, "\uFFFD"), diagnostic.Range);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Contains("UTF-8", diagnostic.Message);
    }

    [Fact]
    public void Severity_overrides_change_or_turn_off_a_code()
    {
        var vault = TestVault.Of(("note.md", "[[missing]] [[]]\n"));

        var raised = vault.Diagnostics("note.md", DiagnosticOptions.Default.With(DiagnosticCode.LinkBroken, DiagnosticSeverity.Error));
        Assert.Equal(DiagnosticSeverity.Error, raised.Single(d => d.Code == DiagnosticCode.LinkBroken).Severity);
        Assert.Equal(DiagnosticSeverity.Warning, raised.Single(d => d.Code == DiagnosticCode.LinkEmpty).Severity);

        var off = vault.Diagnostics("note.md", DiagnosticOptions.Default.With(DiagnosticCode.LinkBroken, null));
        Assert.Equal([DiagnosticCode.LinkEmpty], off.Select(d => d.Code));
    }

    [Fact]
    public void Diagnostics_are_sorted_by_range_start()
    {
        var vault = TestVault.Of(("note.md", "---\nvideoId: bad\n---\n[[zz]] [12:00](#12:01)\n[[]] [[yy]]\n"));

        var diagnostics = vault.Diagnostics("note.md");

        Assert.Equal(
            [DiagnosticCode.VideoIdInvalid, DiagnosticCode.LinkBroken, DiagnosticCode.TimestampMismatch, DiagnosticCode.LinkEmpty, DiagnosticCode.LinkBroken],
            diagnostics.Select(d => d.Code));
        Assert.Equal(diagnostics.OrderBy(d => d.Range.Start), diagnostics);
    }

    // ---------------------------------------------------------------- name suggestions for link-broken (on demand)

    private static readonly TestVault Names = TestVault.Of(
        ("project_plan.md", ""),
        ("ml.md", "---\ntitle: Machine Learning\naliases: [Deep Nets]\n---\n"),
        ("a/x.md", ""),
        ("b/x.md", ""),
        ("unrelated.md", ""));

    [Theory]
    [InlineData("Projct Plan", "project_plan")]
    [InlineData("proj", "project_plan")]
    [InlineData("folder/project-plann", "project_plan")]
    [InlineData("machine lerning", "Machine Learning")]
    [InlineData("deep net", "Deep Nets")]
    public void Name_suggestions_offer_the_closest_existing_name_as_written(string target, string expected)
    {
        var suggestions = NameSuggestions.Closest(Names.Snapshot, target, 3);

        Assert.Equal(expected, suggestions.FirstOrDefault());
    }

    [Fact]
    public void Name_suggestions_qualify_a_name_several_notes_share_and_respect_the_limit()
    {
        Assert.Equal(["a/x", "b/x"], NameSuggestions.Closest(Names.Snapshot, "x", 5).Take(2));
        Assert.Single(NameSuggestions.Closest(Names.Snapshot, "x", 1));
        Assert.Empty(NameSuggestions.Closest(Names.Snapshot, "zzzzqqqq", 5));
        Assert.Empty(NameSuggestions.Closest(Names.Snapshot, "---", 5));
    }

    [Fact]
    public void Each_name_suggestion_resolves_to_exactly_one_note()
    {
        foreach (var suggestion in NameSuggestions.Closest(Names.Snapshot, "x", 10))
        {
            var check = Names.With("check.md", $"[[{suggestion}]]");
            Assert.Equal(TargetStatus.Resolved, check.Snapshot.Resolve(check.Note("check.md"), check.Note("check.md").WikiLinks[0]).Status);
        }
    }
}
