using System.Text;
using NoteLsp.Core.Parsing;

namespace NoteLsp.Core.Tests.Hostile;

/// <summary>Inputs that break naive Markdown parsers: the note keeps its links, ranges stay inside the text.</summary>
public class HostileParserTests
{
    private static string Repeat(string s, int count) => new StringBuilder(s.Length * count).Insert(0, s, count).ToString();

    public static TheoryData<string, string> BracketFloods => new()
    {
        { "ten thousand [[ on one line", Repeat("[[", 10_000) },
        { "a run of [[[[", Repeat("[[[[", 50_000) },
        { "[a on every line", Repeat("[a\n", 20_000) },
        { "embeds opened everywhere", Repeat("![[ ", 12_000) },
        { "with CRLF line ends", Repeat("[x\r\n", 20_000) },
    };

    [Theory]
    [MemberData(nameof(BracketFloods))]
    public void A_flood_of_unclosed_brackets_does_not_cost_the_note_its_other_links(string name, string flood)
    {
        // Markdig gives up past 10,000 unclosed '[' in one paragraph; that must not lose the links around them.
        var text = "# Title\n\nBefore [[first]].\n\n" + flood + " [[inside|label]] " + flood + "\n\nAfter [[last#Part]].\n";
        var note = NoteParser.Parse("flood.md", text);
        Assert.Equal(["first", "inside", "last"], note.WikiLinks.Select(l => l.Target));
        Assert.NotNull(note.WikiLinks[1].LabelRange);
        Assert.Equal("Part", note.WikiLinks[2].Heading);
        Assert.Equal("Title", note.Title);
        Assert.True(name.Length > 0);
    }

    [Fact]
    public void A_paragraph_with_many_real_wikilinks_keeps_all_of_them()
    {
        // Over the bracket limit, but every '[' belongs to a link: none may be lost.
        var text = Repeat("[[a]] [[b|c]] ![[d#e]] ", 4_000);
        var note = NoteParser.Parse("many.md", text);
        Assert.Equal(12_000, note.WikiLinks.Length);
    }
}

public class HostileFeatureTests
{
    [Fact]
    public void A_lone_surrogate_in_a_heading_neither_throws_nor_stops_indexing()
    {
        // string.Normalize throws on a lone surrogate; a client's edit can leave one (half an emoji deleted).
        Assert.Equal(Names.NoteNames.Key("smile\uFFFDface"), Names.NoteNames.Key("smile\uD83Dface"));
        var note = NoteParser.Parse("half.md", "# Half \uD83D emoji\n[[x\uDE00y]]\n");
        var snapshot = Index.VaultSnapshot.Build([note, NoteParser.Parse("other.md", "[[Half \uD83D emoji]]\n")]);
        Assert.Equal("half.md", snapshot.GetNote("half.md")!.Path);
        Assert.Empty(Diagnostics.NoteDiagnostics.Compute(snapshot, snapshot.GetNote("other.md")!, Diagnostics.DiagnosticOptions.Default));
    }

    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Renaming_and_moving_a_note_linked_300000_times_from_one_note_plan_every_edit()
    {
        // Each new edit used to be compared with every edit of the note so far: quadratic, minutes for this note.
        var linking = Index.VaultSnapshot.Build([
            // No title heading: its title is its stem, so after the move no [[target]] resolves and each is rewritten
            // (a link that still resolves after a move is left alone).
            NoteParser.Parse("target.md", "Target body.\n"),
            NoteParser.Parse("linking.md", new StringBuilder().Insert(0, "[[target]] ", 300_000).ToString()),
        ]);
        var note = linking.GetNote("linking.md")!;
        var plan = await Task.Run(() => Features.NoteRename.Plan(linking, note, new Text.TextPosition(0, 3), "renamed")).WaitAsync(HangGuard);
        Assert.Equal(300_000, plan.Edits["linking.md"].Count);
        var moves = await Task.Run(() => Features.NoteFileMoves.Plan(linking, [new Features.NoteMove("target.md", "sub/renamed.md")])).WaitAsync(HangGuard);
        Assert.Equal(300_000, moves["linking.md"].Count);
    }
}

public class HeadingTabTests
{
    [Theory]
    [InlineData("#\t")]
    [InlineData("##\t\t")]
    [InlineData("### \t")]
    [InlineData("> #\t")]
    public void A_tab_after_the_heading_marks_keeps_the_heading_text_and_its_links_exact(string marks)
    {
        // Found by fuzzing: the heading's text range landed on the line before and its links read other text.
        var text = "x\r\n" + marks + "Title [[link]] and [[other#Part]]\n";
        var note = NoteParser.Parse("tab.md", text);
        var lines = Text.LineMap.Build(text);
        string At(Text.TextRange r) => text[lines.OffsetAt(text, r.Start)..lines.OffsetAt(text, r.End)];
        Assert.Equal(["link", "other"], note.WikiLinks.Select(l => l.Target));
        Assert.All(note.WikiLinks, l => Assert.Equal(l.Target, At(l.TargetRange)));
        Assert.Equal("Part", At(note.WikiLinks[1].HeadingRange!.Value));
        var heading = Assert.Single(note.Headings);
        Assert.Equal("Title link and other", heading.Text);
        Assert.Equal("Title [[link]] and [[other#Part]]", At(heading.TextRange));
    }
}

public class FrontMatterFuzzFindings
{
    [Fact]
    public void A_nul_in_a_yaml_block_scalar_is_invalid_front_matter_not_an_exception()
    {
        const string text = "---\n: >\0*\uFFFD\n...\n[[kept]]\n";
        // YamlDotNet threw EndOfStreamException here, so the parser threw and the note left the index (found by fuzzing).
        var note = NoteParser.Parse("nul.md", text);
        Assert.NotNull(note.FrontMatter?.Error);
        Assert.Equal(["kept"], note.WikiLinks.Select(l => l.Target));
    }
}

public class TimestampLineEndTests
{
    [Theory]
    [InlineData("\r\n")]
    [InlineData("\r")]
    [InlineData("\n")]
    public void An_anchor_tag_over_several_lines_keeps_exact_ranges_whatever_the_line_ends(string end)
    {
        // Found by fuzzing: with "\r\n" the display range began between the '\r' and the '\n', past its line's end.
        var text = $"Intro{end}<a class=\"yt-timestamp\"{end}   data-t=\"01:02\">[01:03]</a> and <a{end}class=\"yt-timestamp\" data-t=\"1:00\">[1:00]</a>{end}";
        var note = NoteParser.Parse("ts.md", text);
        var lines = Text.LineMap.Build(text);
        string At(Text.TextRange r) => text[lines.OffsetAt(text, r.Start)..lines.OffsetAt(text, r.End)];
        Assert.Equal(2, note.Timestamps.Length);
        Assert.Equal(["01:02", "1:00"], note.Timestamps.Select(t => At(t.TargetRange)));
        Assert.Equal(["01:03", "1:00"], note.Timestamps.Select(t => At(t.DisplayRange)));
        Assert.All(note.Timestamps, t => Assert.StartsWith("<a", At(t.Range)));
        Assert.All(note.Timestamps, t => Assert.EndsWith("</a>", At(t.Range)));
    }
}
