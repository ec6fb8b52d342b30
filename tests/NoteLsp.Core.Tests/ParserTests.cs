using NoteLsp.Core.Model;
using NoteLsp.Core.Parsing;
using NoteLsp.Core.Text;

namespace NoteLsp.Core.Tests;

public class ParserTests
{
    private static ParsedNote Parse(string text, string path = "note.md") => NoteParser.Parse(path, text);

    /// <summary>
    /// The range of the n-th occurrence of <paramref name="needle"/>, computed independently of LineMap:
    /// lines end at \r\n, \n or \r; characters are UTF-16 code units.
    /// </summary>
    private static TextRange Find(string text, string needle, int occurrence = 0)
    {
        var index = -1;
        for (var i = 0; i <= occurrence; i++)
        {
            index = text.IndexOf(needle, index + 1, StringComparison.Ordinal);
            Assert.True(index >= 0, $"'{needle}' (occurrence {occurrence}) is not in the text");
        }
        return new TextRange(PositionOf(text, index), PositionOf(text, index + needle.Length));
    }

    private static TextPosition PositionOf(string text, int offset)
    {
        int line = 0, lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n') continue;
            if (text[i] is '\n' or '\r')
            {
                line++;
                lineStart = i + 1;
            }
        }
        return new TextPosition(line, offset - lineStart);
    }

    /// <summary>
    /// What repeats from note to note is kept once, whichever parser read it (Markdig, or the lean scanner for closed
    /// notes): 100,000 notes each keeping their own "Summary" heading, tags and link texts was tens of megabytes.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Texts_that_repeat_across_notes_are_kept_once(bool closed)
    {
        static string Note(int n) => "---\ntags: [clay" + "work]\naliases: [Ob" + "vara]\n---\n\n## Key " + "points\n\n"
            + "See [the " + "glaze](glaze.md#why) and [[other]].\n\nA line ^par" + "a1\n\n# Sum" + "mary " + n + "\n";
        ParsedNote Read(string text) => closed ? NoteParser.ParseClosed("note.md", text) : NoteParser.Parse("note.md", text);
        // Texts built at run time: equal, never the same string, unless the parse shares them.
        var (first, second) = (Read(Note(1)), Read(Note(2)));
        Assert.Same(first.Headings[0].Text, second.Headings[0].Text);
        Assert.Same(first.Headings[0].Anchor, second.Headings[0].Anchor);
        Assert.Same(first.Tags[0].Value, second.Tags[0].Value);
        Assert.Same(first.Aliases[0].Value, second.Aliases[0].Value);
        Assert.Same(first.MarkdownLinks[0].Text, second.MarkdownLinks[0].Text);
        Assert.Same(first.BlockIds[0].Id, second.BlockIds[0].Id);
        Assert.NotEqual(first.Headings[1].Text, second.Headings[1].Text);
    }

    [Fact]
    public void A_wikilink_keeps_its_heading_or_its_block_id_and_refuses_both()
    {
        const string text = "[[a#Head]] [[b#^blk]] [[c]] [[#]]";
        var links = Parse(text).WikiLinks;
        Assert.Equal(("Head", Find(text, "Head"), (string?)null, (TextRange?)null), (links[0].Heading, links[0].HeadingRange!.Value, links[0].BlockId, links[0].BlockIdRange));
        Assert.Equal(((string?)null, (TextRange?)null, "blk", Find(text, "blk")), (links[1].Heading, links[1].HeadingRange, links[1].BlockId, links[1].BlockIdRange!.Value));
        Assert.True(links[2] is { Heading: null, HeadingRange: null, BlockId: null, BlockIdRange: null });
        Assert.Equal("", links[3].Heading);
        // A note cache could claim both (it is checked, not trusted): the link refuses rather than drop one.
        var range = new TextRange(0, 0, 0, 10);
        Assert.Throws<ArgumentException>(() => new WikiLink(range, false, "a", range, "h", range, "b", range, null));
    }

    [Fact]
    public void Plain_wikilink_has_target_and_ranges()
    {
        var text = "Intro [[alpha]] end";
        var link = Assert.Single(Parse(text).WikiLinks);
        Assert.Equal("alpha", link.Target);
        Assert.Equal(Find(text, "[[alpha]]"), link.Range);
        Assert.Equal(Find(text, "alpha"), link.TargetRange);
        Assert.False(link.IsEmbed);
        Assert.Null(link.Heading);
        Assert.Null(link.LabelRange);
        Assert.Null(link.BlockId);
    }

    [Fact]
    public void Label_target_and_heading_are_trimmed_with_their_own_ranges()
    {
        var text = "See [[ ai_alignment_and_ethics #  Why it matters | the approach ]].";
        var link = Assert.Single(Parse(text).WikiLinks);
        Assert.Equal("ai_alignment_and_ethics", link.Target);
        Assert.Equal(Find(text, "ai_alignment_and_ethics"), link.TargetRange);
        Assert.Equal("Why it matters", link.Heading);
        Assert.Equal(Find(text, "Why it matters"), link.HeadingRange);
        Assert.Equal(Find(text, "the approach"), link.LabelRange);
        Assert.Equal(Find(text, "[[ ai_alignment_and_ethics #  Why it matters | the approach ]]"), link.Range);
    }

    [Fact]
    public void Seed_style_label_link_keeps_the_spacing_outside_the_ranges()
    {
        var text = "the [[ai_scaling_and_its_effectiveness | AI scaling and optimization]], a";
        var link = Assert.Single(Parse(text).WikiLinks);
        Assert.Equal("ai_scaling_and_its_effectiveness", link.Target);
        Assert.Equal(Find(text, "ai_scaling_and_its_effectiveness"), link.TargetRange);
        Assert.Equal(Find(text, "AI scaling and optimization"), link.LabelRange);
    }

    [Fact]
    public void Self_heading_link_block_link_and_embed()
    {
        var text = "[[#Intro]] and [[other#^quote-1]] and ![[picture note]] and ![[T#Part|x]]";
        var links = Parse(text).WikiLinks;
        Assert.Equal(4, links.Length);

        Assert.Equal("", links[0].Target);
        Assert.True(links[0].IsSelfReference);
        Assert.True(links[0].TargetRange.IsEmpty);
        Assert.Equal(new TextPosition(0, 2), links[0].TargetRange.Start); // right after the brackets
        Assert.Equal("Intro", links[0].Heading);
        Assert.Equal(Find(text, "Intro"), links[0].HeadingRange);

        Assert.Equal("other", links[1].Target);
        Assert.Equal("quote-1", links[1].BlockId);
        Assert.Equal(Find(text, "quote-1"), links[1].BlockIdRange);
        Assert.Null(links[1].Heading);

        Assert.True(links[2].IsEmbed);
        Assert.Equal("picture note", links[2].Target);
        Assert.Equal(Find(text, "![[picture note]]"), links[2].Range);

        Assert.True(links[3].IsEmbed);
        Assert.Equal("Part", links[3].Heading);
        var bar = Find(text, "|x]]").Start;
        Assert.Equal(new TextRange(bar.Line, bar.Character + 1, bar.Line, bar.Character + 2), links[3].LabelRange);
    }

    [Theory]
    [InlineData("[[]]")]
    [InlineData("[[ | x]]")]
    [InlineData("[[#]]")]
    [InlineData("[[  ]]")]
    public void Empty_links_are_links_with_an_empty_target(string source)
    {
        var link = Assert.Single(Parse("x " + source + " y").WikiLinks);
        Assert.Equal("", link.Target);
        Assert.False(link.IsSelfReference);
        Assert.Equal(Find("x " + source, source), link.Range);
    }

    [Fact]
    public void Escaped_pipe_in_a_table_separates_target_and_label()
    {
        var text = "| Note | Why |\n|---|---|\n| [[alpha\\|the first]] | because |\n";
        var link = Assert.Single(Parse(text).WikiLinks);
        Assert.Equal("alpha", link.Target);
        Assert.Equal(Find(text, "alpha"), link.TargetRange);
        Assert.Equal(Find(text, "the first"), link.LabelRange);
    }

    [Fact]
    public void Nothing_in_code_comments_or_front_matter_is_a_link()
    {
        var text = string.Join("\n",
            "---",
            "title: \"[[in front matter]]\"",
            "---",
            "Inline `[[in code span]]` and ``[[double]]`` here.",
            "",
            "```",
            "[[in fence]] [a](in-fence.md) [00:01](#00:01)",
            "```",
            "",
            "~~~md",
            "[[in tilde fence]]",
            "~~~",
            "",
            "    [[in indented code]]",
            "",
            "<!-- [[in block comment]]",
            "[[still in comment]] -->",
            "",
            "Text <!-- [[in inline comment]] --> and [[real]].",
            "");
        var note = Parse(text);
        var link = Assert.Single(note.WikiLinks);
        Assert.Equal("real", link.Target);
        Assert.Empty(note.MarkdownLinks);
        Assert.Empty(note.Timestamps);
    }

    [Theory]
    [InlineData("[[no close on this line\nnext line]]")]
    [InlineData("[[ open only")]
    [InlineData("]]]] and ]] [[")]
    [InlineData("\\[[escaped]]")]
    public void Unclosed_or_split_brackets_are_not_links(string text)
    {
        Assert.Empty(Parse(text).WikiLinks);
    }

    [Fact]
    public void Runs_of_brackets_find_the_innermost_link()
    {
        var text = "a [[[[deep]] b";
        var link = Assert.Single(Parse(text).WikiLinks);
        Assert.Equal("deep", link.Target);
        Assert.Equal(Find(text, "[[deep]]"), link.Range);
    }

    [Fact]
    public void Ranges_count_utf16_units_after_emoji_cjk_and_combining_marks()
    {
        var text = "😀 日本語 e\u0301 [[Café\u0301 😀]] [[x]]";
        var links = Parse(text).WikiLinks;
        Assert.Equal(2, links.Length);
        Assert.Equal("Café\u0301 😀", links[0].Target);
        Assert.Equal(Find(text, "Café\u0301 😀"), links[0].TargetRange);
        // "😀" is 2 units, " 日本語 " 5, "e\u0301 " 3: the link starts at 10.
        Assert.Equal(new TextPosition(0, 10), links[0].Range.Start);
        Assert.Equal(Find(text, "[[x]]"), links[1].Range);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public void Line_ends_of_every_kind_give_the_same_lines(string eol)
    {
        var text = string.Join(eol, "---", "title: T", "---", "", "# Head", "", "Para [[one]]", "more [[two|2]] <a class=\"yt-timestamp\" data-t=\"01:02\">[01:02]</a>", "");
        var note = Parse(text);
        Assert.Equal(2, note.WikiLinks.Length);
        Assert.Equal(new TextRange(6, 5, 6, 12), note.WikiLinks[0].Range);
        Assert.Equal(new TextRange(7, 7, 7, 10), note.WikiLinks[1].TargetRange);
        var heading = Assert.Single(note.Headings);
        Assert.Equal(new TextRange(4, 2, 4, 6), heading.TextRange);
        var timestamp = Assert.Single(note.Timestamps);
        Assert.Equal(7, timestamp.Range.Start.Line);
        Assert.Equal("T", note.Title);
        Assert.Equal(new TextRange(1, 7, 1, 8), note.TitleRange);
    }

    [Fact]
    public void Links_inside_callouts_lists_and_emphasis_are_found_with_exact_ranges()
    {
        var text = "> [!info] Researchers\n> \n> see [[quoted note | label]] here\n\n- item **[[bold]]**\n  1. nested [[deep one]]\n";
        var links = Parse(text).WikiLinks;
        Assert.Equal(["quoted note", "bold", "deep one"], links.Select(l => l.Target));
        Assert.Equal(Find(text, "quoted note"), links[0].TargetRange);
        Assert.Equal(Find(text, "label"), links[0].LabelRange);
        Assert.Equal(Find(text, "[[bold]]"), links[1].Range);
        Assert.Equal(Find(text, "deep one"), links[2].TargetRange);
    }

    [Fact]
    public void Headings_have_text_level_ranges_and_github_anchors_with_duplicate_suffixes()
    {
        var text = "# Main *Title*\n\n## AI Scaling: The Path and Challenges\n\n## Notes\n\nSetext Notes\n------------\n\n### `code` & more ###\n";
        var headings = Parse(text).Headings;
        Assert.Equal(["Main Title", "AI Scaling: The Path and Challenges", "Notes", "Setext Notes", "code & more"], headings.Select(h => h.Text));
        Assert.Equal([1, 2, 2, 2, 3], headings.Select(h => h.Level));
        Assert.Equal(["main-title", "ai-scaling-the-path-and-challenges", "notes", "setext-notes", "code--more"], headings.Select(h => h.Anchor));
        Assert.Equal(Find(text, "AI Scaling: The Path and Challenges"), headings[1].TextRange);
        Assert.Equal(Find(text, "## AI Scaling: The Path and Challenges"), headings[1].Range);
        Assert.Equal(Find(text, "`code` & more"), headings[4].TextRange);
        Assert.Equal("aiscalingthepathandchallenges", headings[1].Key);
    }

    [Fact]
    public void Duplicate_headings_get_numbered_anchors()
    {
        var headings = Parse("## Intro\n\n## Intro\n\n## Intro\n").Headings;
        Assert.Equal(["intro", "intro-1", "intro-2"], headings.Select(h => h.Anchor));
    }

    [Fact]
    public void Title_comes_from_front_matter_then_first_h1_then_stem()
    {
        var fromFrontMatter = Parse("---\ntitle: Development and challenges\n---\n# Other\n", "dev.md");
        Assert.Equal("Development and challenges", fromFrontMatter.Title);
        Assert.Equal(TitleSource.FrontMatter, fromFrontMatter.TitleSource);

        var text = "Intro\n\n## Sub\n\n# The Heading Title\n";
        var fromHeading = Parse(text, "folder/some_note.md");
        Assert.Equal("The Heading Title", fromHeading.Title);
        Assert.Equal(TitleSource.Heading, fromHeading.TitleSource);
        Assert.Equal(Find(text, "The Heading Title"), fromHeading.TitleRange);

        var fromStem = Parse("no headings", "folder/some.note.md");
        Assert.Equal("some.note", fromStem.Title);
        Assert.Equal("some.note", fromStem.Stem);
        Assert.Equal(TitleSource.Stem, fromStem.TitleSource);
        Assert.Null(fromStem.TitleRange);
    }

    [Fact]
    public void Front_matter_keys_have_the_ranges_of_their_yaml_nodes()
    {
        var text = "---\ntitle: \"Scaling: 😀 challenges\"\nvideoId: qTogNUV3CAI\nduration: 1:02:03\naliases:\n  - Scaling\n  - 'Big models'\ntags: ai\nother: [1, 2]\n---\nBody\n";
        var note = Parse(text);
        Assert.Null(note.FrontMatter!.Error);
        Assert.Equal("Scaling: 😀 challenges", note.Title);
        Assert.Equal(Find(text, "\"Scaling: 😀 challenges\""), note.TitleRange);
        Assert.Equal("qTogNUV3CAI", note.VideoId!.Value);
        Assert.Equal(Find(text, "qTogNUV3CAI"), note.VideoId.Range);
        Assert.Equal("1:02:03", note.Duration!.Value);
        Assert.Equal(["Scaling", "Big models"], note.Aliases.Select(a => a.Value));
        Assert.Equal(Find(text, "'Big models'"), note.Aliases[1].Range);
        Assert.Equal("ai", Assert.Single(note.Tags).Value);
        Assert.Equal(new TextRange(0, 0, 9, 3), note.FrontMatter.Range);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void The_line_right_after_the_front_matter_is_the_body_and_the_yaml_is_never_markdown(string eol)
    {
        // Without the front matter skipped exactly, "title: [[x]]" + "---" would read as a setext heading with a link.
        var text = string.Join(eol, "---", "title: [[not a link]]", "---", "# Right after", "[[link]]");
        var note = Parse(text);
        Assert.Equal("Right after", Assert.Single(note.Headings).Text);
        Assert.Equal(Find(text, "Right after"), note.Headings[0].TextRange);
        Assert.Equal("link", Assert.Single(note.WikiLinks).Target);
    }

    [Fact]
    public void Aliases_as_one_string_and_front_matter_closed_by_dots()
    {
        var note = Parse("---\naliases: Only One\n...\n# H\n");
        Assert.Equal("Only One", Assert.Single(note.Aliases).Value);
        Assert.Equal("H", Assert.Single(note.Headings).Text);
    }

    [Fact]
    public void Malformed_yaml_reports_where_and_the_note_is_still_parsed()
    {
        var text = "---\ntitle: Broken: yes\nvideoId: abc\n---\n# Heading\n\nA [[link]].\n";
        var note = Parse(text, "broken.md");
        var error = note.FrontMatter!.Error;
        Assert.NotNull(error);
        Assert.Equal(1, error.Range.Start.Line);
        Assert.Contains("YAML", error.Message);
        Assert.Equal("link", Assert.Single(note.WikiLinks).Target);
        Assert.Equal("Heading", note.Title); // no usable front matter title: the first heading
    }

    [Theory]
    [InlineData("tags: [unclosed\n", "unclosed")]
    [InlineData("title: x\ntags: [a, b\nvideoId: y\n", "a, b")]
    public void Yaml_errors_at_the_end_of_the_block_point_at_where_reading_stopped(string yaml, string expected)
    {
        // YamlDotNet reports these at the end of the block (or, for the second, throws with no position at all).
        var text = "---\n" + yaml + "---\nbody [[link]]\n";
        var note = Parse(text);
        Assert.Equal(Find(text, expected), note.FrontMatter!.Error!.Range);
        Assert.StartsWith("The front matter is not valid YAML", note.FrontMatter.Error.Message);
        Assert.Single(note.WikiLinks);
    }

    [Fact]
    public void Front_matter_without_closing_line_is_an_error_and_the_text_is_markdown()
    {
        var text = "---\ntitle: x\n\nSome [[link]]\n";
        var note = Parse(text);
        Assert.NotNull(note.FrontMatter!.Error);
        Assert.Equal(new TextRange(0, 0, 0, 3), note.FrontMatter.Error!.Range);
        Assert.Equal("link", Assert.Single(note.WikiLinks).Target);
    }

    [Fact]
    public void Duplicate_front_matter_key_is_reported_and_the_first_value_kept()
    {
        var text = "---\ntitle: First\ntitle: Second\n---\n";
        var note = Parse(text);
        Assert.Equal("First", note.Title);
        Assert.Equal(Find(text, "title", 1), note.FrontMatter!.Error!.Range);
    }

    [Fact]
    public void A_bom_before_the_front_matter_is_tolerated()
    {
        var note = Parse("\uFEFF---\ntitle: With BOM\n---\n[[x]]");
        Assert.Equal("With BOM", note.Title);
        Assert.Equal(new TextRange(3, 2, 3, 3), Assert.Single(note.WikiLinks).TargetRange);
    }

    [Fact]
    public void Front_matter_must_start_on_the_first_line()
    {
        var note = Parse("\n---\ntitle: Not front matter\n---\n");
        Assert.Null(note.FrontMatter);
        Assert.Equal(TitleSource.Stem, note.TitleSource);
    }

    [Fact]
    public void Block_ids_at_the_end_of_paragraphs_and_list_items()
    {
        var text = "A paragraph that ends\nwith an id ^para-1\n\n- a list item ^item2\n- no id ^ here\n\nInline ^notanid text.\n";
        var blocks = Parse(text).BlockIds;
        Assert.Equal(["para-1", "item2"], blocks.Select(b => b.Id));
        Assert.Equal(Find(text, "^para-1"), blocks[0].Range);
        Assert.Equal(new TextPosition(0, 0), blocks[0].BlockRange.Start);
        Assert.Equal(Find(text, "^para-1").End, blocks[0].BlockRange.End);
        Assert.Equal(Find(text, "^item2"), blocks[1].Range);
    }

    [Fact]
    public void Markdown_links_to_notes_have_decoded_path_fragment_and_raw_ranges()
    {
        var text = "[one](other%20note.md#Some%20Part) [two](../up/x.md) [three](#local-heading) [four](</a b.md>)";
        var links = Parse(text, "dir/n.md").MarkdownLinks;
        Assert.Equal(4, links.Length);
        Assert.Equal("other note.md", links[0].Path);
        Assert.Equal(Find(text, "other%20note.md"), links[0].PathRange);
        Assert.Equal("Some Part", links[0].Fragment);
        Assert.Equal(Find(text, "Some%20Part"), links[0].FragmentRange);
        Assert.Equal(Find(text, "[one](other%20note.md#Some%20Part)"), links[0].Range);
        Assert.Equal("one", links[0].Text);
        Assert.Equal("../up/x.md", links[1].Path);
        Assert.Null(links[1].Fragment);
        Assert.Equal("", links[2].Path);
        Assert.Equal("local-heading", links[2].Fragment);
        Assert.Equal("/a b.md", links[3].Path);
        Assert.Equal(Find(text, "/a b.md"), links[3].PathRange);
    }

    [Fact]
    public void Links_with_a_scheme_images_and_empty_links_are_left_alone()
    {
        var text = "[web](https://example.com/a.md) [mail](mailto:a@b.c) ![img](pic.md) [proto](//host/x.md) [top](#) [none]()";
        Assert.Empty(Parse(text).MarkdownLinks);
    }

    [Fact]
    public void Reference_links_are_checked_at_their_definition()
    {
        var text = "See [the note][ref] and [again][ref].\n\n[ref]: notes/target.md#part\n";
        var link = Assert.Single(Parse(text).MarkdownLinks);
        Assert.Equal("notes/target.md", link.Path);
        Assert.Equal(Find(text, "notes/target.md"), link.PathRange);
        Assert.Equal("part", link.Fragment);
    }

    [Fact]
    public void Html_anchor_timestamps_in_every_spelling()
    {
        var text = string.Join("\n",
            "A (<a class=\"yt-timestamp\" data-t=\"16:47\">[16:47]</a>).",
            "B <a data-t='07:18' class='link yt-timestamp'>07:18</a>",
            "C <A CLASS=\"yt-timestamp\" DATA-T=\"1:02:03\"> [ 1:02:03 ] </A>",
            "D <a class=\"other\" data-t=\"00:10\">[00:10]</a>",
            "");
        var stamps = Parse(text).Timestamps;
        Assert.Equal(3, stamps.Length);
        Assert.All(stamps, s => Assert.Equal(TimestampForm.HtmlAnchor, s.Form));
        Assert.Equal(["16:47", "07:18", "1:02:03"], stamps.Select(s => s.TargetText));
        Assert.Equal(["16:47", "07:18", "1:02:03"], stamps.Select(s => s.DisplayText));
        Assert.Equal(Find(text, "<a class=\"yt-timestamp\" data-t=\"16:47\">[16:47]</a>"), stamps[0].Range);
        Assert.Equal(Find(text, "16:47", 0), stamps[0].TargetRange);
        Assert.Equal(Find(text, "16:47", 1), stamps[0].DisplayRange);
        Assert.Equal(Find(text, "07:18", 1), stamps[1].DisplayRange);
        Assert.Equal(Find(text, "1:02:03", 1), stamps[2].DisplayRange);
    }

    [Fact]
    public void Markdown_timestamps_are_never_heading_links()
    {
        var text = "significantly [00:01:59](#01:59). And [bad](#16:47) [16:7](#16:7)";
        var note = Parse(text);
        Assert.Equal(2, note.Timestamps.Length);
        var first = note.Timestamps[0];
        Assert.Equal(TimestampForm.MarkdownLink, first.Form);
        Assert.Equal("01:59", first.TargetText);
        Assert.Equal(Find(text, "01:59", 1), first.TargetRange);
        Assert.Equal("00:01:59", first.DisplayText);
        Assert.Equal(Find(text, "00:01:59"), first.DisplayRange);
        Assert.Equal(Find(text, "[00:01:59](#01:59)"), first.Range);
        Assert.Equal("16:7", note.Timestamps[1].TargetText); // looks like a time: a timestamp (an invalid one)
        var heading = Assert.Single(note.MarkdownLinks);
        Assert.Equal("16:47", heading.Fragment);
    }

    [Fact]
    public void Timestamp_anchor_in_an_html_block_is_found_but_not_in_a_comment()
    {
        var text = "<div>\n<a class=\"yt-timestamp\" data-t=\"02:00\">[02:00]</a>\n</div>\n\n<!--\n<a class=\"yt-timestamp\" data-t=\"03:00\">[03:00]</a>\n-->\n";
        var stamp = Assert.Single(Parse(text).Timestamps);
        Assert.Equal("02:00", stamp.TargetText);
        Assert.Equal(Find(text, "02:00", 1), stamp.DisplayRange);
    }

    [Fact]
    public void A_timestamp_anchor_whose_tag_spans_lines_keeps_its_ranges()
    {
        // Most timestamps lie on one line and keep columns only; this one keeps its ranges whole, and reads back alike.
        var text = "x <a class=\"yt-timestamp\"\n   data-t=\"02:03\">[02:03]</a> and <a class=\"yt-timestamp\" data-t=\"04:05\">[04:05]</a>";
        var stamps = Parse(text).Timestamps;
        Assert.Equal(2, stamps.Length);
        Assert.Equal(Find(text, "<a class=\"yt-timestamp\"\n   data-t=\"02:03\">[02:03]</a>"), stamps[0].Range);
        Assert.Equal(Find(text, "02:03", 0), stamps[0].TargetRange);
        Assert.Equal(Find(text, "02:03", 1), stamps[0].DisplayRange);
        Assert.Equal(Find(text, "04:05", 1), stamps[1].DisplayRange);
        Assert.Equal(new TextRange(0, 2, 1, 29), stamps[0].Range); // two lines: kept whole
        Assert.Equal(stamps[1], Parse(text).Timestamps[1]);
        Assert.Equal(stamps[0], Parse(text).Timestamps[0]);
    }

    [Fact]
    public void Timestamp_anchor_without_data_t_has_an_empty_target()
    {
        var stamp = Assert.Single(Parse("x <a class=\"yt-timestamp\">[01:00]</a>").Timestamps);
        Assert.Equal("", stamp.TargetText);
        Assert.Equal("01:00", stamp.DisplayText);
    }

    [Fact]
    public void Invalid_encoding_points_at_the_first_replacement_character()
    {
        var note = NoteParser.Parse("bad.md", "ok line\nab\uFFFDcd\uFFFD", hasInvalidEncoding: true);
        Assert.True(note.HasInvalidEncoding);
        Assert.Equal(new TextRange(1, 2, 1, 3), note.InvalidEncodingRange);
        Assert.Null(Parse("fine").InvalidEncodingRange);
    }

    [Fact]
    public void End_is_past_the_last_character()
    {
        Assert.Equal(new TextPosition(2, 3), Parse("a\r\nb\nxyz").End);
        Assert.Equal(new TextPosition(0, 0), Parse("").End);
    }

    [Fact]
    public void Links_on_absurdly_nested_lines_are_still_found_at_their_exact_place()
    {
        // Past the nesting guard's depth the structure is flattened, never the text: ranges stay exact.
        var text = string.Concat(Enumerable.Range(0, 1000).Select(i => new string(' ', i * 2) + "- item\n")) + new string(' ', 2000) + "- deep [[bottom]]\n"
            + string.Concat(Enumerable.Repeat("> ", 500)) + "quoted [[inside]]\n";
        var links = Parse(text).WikiLinks;
        Assert.Equal(["bottom", "inside"], links.Select(l => l.Target));
        Assert.Equal(Find(text, "bottom"), links[0].TargetRange);
        Assert.Equal(Find(text, "inside"), links[1].TargetRange);
    }

    [Theory]
    [MemberData(nameof(HostileTexts))]
    public void Hostile_text_never_throws_and_every_range_lies_inside_the_text(string name, string text)
    {
        var note = NoteParser.Parse(name + ".md", text);
        var ranges = note.WikiLinks.SelectMany(l => new[] { l.Range, l.TargetRange })
            .Concat(note.MarkdownLinks.Select(l => l.Range))
            .Concat(note.Timestamps.SelectMany(t => new[] { t.Range, t.TargetRange, t.DisplayRange }))
            .Concat(note.Headings.Select(h => h.Range));
        foreach (var range in ranges)
        {
            Assert.True(range.Start <= range.End, $"{name}: {range} is reversed");
            Assert.True(range.End <= note.End, $"{name}: {range} is past the end {note.End}");
        }
    }

    public static TheoryData<string, string> HostileTexts() => new()
    {
        { "brackets", "[[[[ ]]]] [[ [[ ]] ]] [[|]] [[#^]] ![[ ![[" },
        { "many-openers", string.Concat(Enumerable.Repeat("[[", 10_000)) },
        { "many-links", string.Concat(Enumerable.Repeat("[[a]]", 10_000)) },
        { "deep-quotes", new string('>', 1000) + " [[x]]" },
        { "deep-lists", string.Concat(Enumerable.Range(0, 1000).Select(i => new string(' ', i * 2) + "- item\n")) },
        { "unterminated-fence", "```\n[[x]]\nnever closed" },
        { "nul", "a\0b [[c\0d]] \0" },
        { "only-front-matter-open", "---" },
        { "yaml-garbage", "---\n: : : [ { ] }\n\t\t- !\n---\n" },
        { "cr-only", "# H\r\r[[a]]\r" },
        { "long-target", "[[" + new string('x', 10_000) + "]]" },
        { "surrogate-halves", "[[\uD83D]] \uDE00 [[a\uD83D\uDE00]]" },
        { "timestamp-junk", "<a class=\"yt-timestamp\" data-t=\"\">[]</a> <a class=yt-timestamp data-t=1:2>x</a> [](#1:00) [:](#:)" },
    };
}
