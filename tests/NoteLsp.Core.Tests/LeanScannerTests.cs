using System.Text.Json;
using NoteLsp.Core.Model;
using NoteLsp.Core.Parsing;

namespace NoteLsp.Core.Tests;

/// <summary>
/// The lean scanner (docs/notes-format.md §16): the notes it reads come out exactly as Markdig reads them, and what it
/// does not read exactly falls back to Markdig. The cases include those the differential fuzzer found.
/// </summary>
public class LeanScannerTests
{
    private static string Describe(ParsedNote note) => JsonSerializer.Serialize(note);

    /// <summary>The scanner reads the note, and every element and range equals Markdig's.</summary>
    private static ParsedNote AssertReadAlike(string text)
    {
        var lean = LeanScanner.TryParse("note.md", text);
        Assert.NotNull(lean);
        Assert.Equal(Describe(NoteParser.Parse("note.md", text)), Describe(lean));
        return lean;
    }

    [Fact]
    public void A_generated_style_note_is_read_alike_with_every_element()
    {
        const string text = "---\ntitle: T\ntags: [a, b]\n---\n\nFrom: [[Basics]] <br/> \n"
            + "Text [[target#Head | label]] and [link](other.md#why-it-matters) at [00:02:36](#02:36) #tag ^para1\n\n"
            + "## Working *with* clay\n\n"
            + "```markdown\nExample: [[not_a_link]] and <a class=\"yt-timestamp\" data-t=\"99:99\">[99:99]</a>\n```\n\n"
            + "> [!info] Cold arches\n> \n> Quoted [[quoted_link]] and a note[^1].\n\n"
            + "<!-- TODO: [[a_note_still_to_write]] -->\n\n"
            + "- **Knots**: item <a class=\"yt-timestamp\" data-t=\"1:02\">[1:02]</a> ^item1\n- **Roots**: `[[code]]` %% hidden [[h]] %%\n"
            + "1. first\n2. second [[n2]]\n\nAfter the list.\n\n    [[indented_code_is_not_a_link]]\n\n| Topic | [[a\\|b]] |\n";
        var note = AssertReadAlike(text);
        Assert.Equal(["Basics", "target", "quoted_link", "n2", "a"], note.WikiLinks.Select(l => l.Target));
        Assert.Equal(["para1", "item1"], note.BlockIds.Select(b => b.Id));
        Assert.Equal("Working with clay", note.Headings.Single().Text);
        Assert.Single(note.Callouts);
        Assert.Equal(2, note.Timestamps.Length);
        Assert.Equal("other.md", note.MarkdownLinks.Single().Path);
    }

    [Theory]
    [InlineData("a\r\nb [[x]] ^id\r\n\r\n# H [[y]]\r\n")]
    [InlineData("a\rb [[x]]\r\r> [!tip]- T\r> [[q]]\r")]
    [InlineData("## \u2028\r")] // Markdig trims U+2028 from the heading text: no heading
    [InlineData("### x  \n#### y ##\n# \n")] // trailing blanks, a closing sequence, an empty heading
    [InlineData("`` a ` [[b]] ``[[c]] ``` x\n")]
    [InlineData("[ spaced ](y.md#frag) [](x.md) [01:02](#01:02) ![img](pic.png) [x] [a #b] (#c)\n")]
    [InlineData("😀 #tag e\u0301#no 中文 #中文 #1984 [[👩‍👩‍👧]]\n")]
    [InlineData("1. a\n2. b [[x]]\n- c\n* d\n+ e\n")]
    [InlineData("para\n- item [[x]]\nlazy [[y]]\n\nnext\n")]
    public void Notes_the_scanner_reads_come_out_as_Markdig_reads_them(string text) => AssertReadAlike(text);

    [Theory]
    [InlineData("```\ncode\n````\u00A0 \n[[x]]\n")] // a closing fence followed by a no-break space: Markdig's call, not ours
    [InlineData("para\n2. not a list [[x]]\n")]
    [InlineData("1. item\n\n    [[x]]\n")] // in a list, indentation continues the item
    [InlineData("Title\n---\n")] // setext heading
    [InlineData("<div>\n[[x]]\n</div>\n")]
    [InlineData("[ref]: other.md\n\nsee [ref]\n")]
    [InlineData("a \\[[x]]\n")]
    [InlineData("a\tb\n")]
    [InlineData("> > nested\n")]
    [InlineData("> quote\nlazy line\n")]
    [InlineData("- item\n\n  continued\n")]
    [InlineData("[label *em*](x.md)\n")]
    [InlineData("<span title=\"[[x]]\">\n")]
    [InlineData("---\naliases: [x]\n---\r\n---[](\u00A0%%%%)[^1]\n\n")] // found by the fuzzer: Markdig trims the no-break space
    [InlineData("a [](\u2003x.md) [](y.md\u00A0)\n")]
    public void Notes_with_syntax_the_scanner_does_not_read_fall_back_to_Markdig(string text)
    {
        Assert.Null(LeanScanner.TryParse("note.md", text));
        Assert.Equal(Describe(NoteParser.Parse("note.md", text)), Describe(NoteParser.ParseClosed("note.md", text)));
    }

    [Fact]
    public void Indented_code_hides_its_links_and_a_list_keeps_indentation_out_of_the_fast_path()
    {
        var note = AssertReadAlike("# H\n\n    [[hidden]]\n\n[[shown]]\n");
        Assert.Equal(["shown"], note.WikiLinks.Select(l => l.Target));
    }
}
