using NoteLsp.Core.Model;
using NoteLsp.Core.Parsing;

namespace NoteLsp.Core.Tests;

/// <summary>What is a tag (docs/notes-format.md §14) and how the tag index follows edits.</summary>
public class TagTests
{
    private static string[] Tags(string text) =>
        NoteParser.Parse("n.md", text).TagOccurrences.Select(t => (t.Form == TagForm.Inline ? "#" : "") + t.Name).ToArray();

    [Theory]
    [InlineData("#ai", new[] { "#ai" })]
    [InlineData("text #ai and #area/topic.", new[] { "#ai", "#area/topic" })]
    [InlineData("#y1984 #1984 #1984y #_", new[] { "#y1984", "#1984y", "#_" })]
    [InlineData("#été #日本語 #a-b_c", new[] { "#été", "#日本語", "#a-b_c" })]
    [InlineData("#a/ then #/b", new[] { "#a" })]
    [InlineData("- #inlist\n> #quoted", new[] { "#inlist", "#quoted" })]
    [InlineData(">#q\n\n-x #y\n\nline\n#next", new[] { "#q", "#y", "#next" })]
    [InlineData("## Notes on #ai", new[] { "#ai" })]
    public void Tags_in_text(string text, string[] expected) => Assert.Equal(expected, Tags(text));

    [Theory]
    [InlineData("# Heading")]
    [InlineData("## Issue #12")]
    [InlineData("C#sharp and a#b")]
    [InlineData("`#code` span")]
    [InlineData("```\n#fenced\n```")]
    [InlineData("    #indented code")]
    [InlineData("<!-- #comment -->")]
    [InlineData("text <!-- #comment --> text")]
    [InlineData("[x](#anchor) and [00:01:59](#01:59)")]
    [InlineData("see https://x.com/#frag and <https://x.com/#frag>")]
    [InlineData("[[note#heading]] [[#heading]]")]
    [InlineData("<a class=\"yt-timestamp\" data-t=\"01:59\">[01:59]</a>")]
    [InlineData("[#label](https://x.com)")]
    public void Not_tags(string text) => Assert.Empty(Tags(text));

    [Fact]
    public void A_heading_holding_a_tag_keeps_its_text()
    {
        var note = NoteParser.Parse("n.md", "# Notes on #ai\n");
        Assert.Equal("Notes on #ai", note.Headings[0].Text);
    }

    [Fact]
    public void Front_matter_tags_each_get_their_range_and_form()
    {
        const string text = "---\ntags: [ai, \"#ml\"]\n---\n---\nx\n";
        var note = NoteParser.Parse("n.md", text);
        Assert.Equal(
            [("ai", TagForm.FrontMatter, "1:7-1:9"), ("ml", TagForm.FrontMatterWithHash, "1:13-1:15")],
            note.TagOccurrences.Select(t => (t.Name, t.Form, t.NameRange.ToString())));
        Assert.Equal("1:12-1:15", note.TagOccurrences[1].Range.ToString());
    }

    [Theory]
    [InlineData("tags: ai, ml", new[] { "ai", "ml" })]
    [InlineData("tags: ai ml/deep", new[] { "ai", "ml/deep" })]
    [InlineData("tags:\n  - ai\n  - '#ml'", new[] { "ai", "ml" })]
    [InlineData("tags: '#1984'", new string[0])]
    [InlineData("tags: \"a\\u0062\"", new[] { "ab" })]
    public void Front_matter_tag_values(string yaml, string[] expected) =>
        Assert.Equal(expected, NoteParser.Parse("n.md", $"---\n{yaml}\n---\n").TagOccurrences.Select(t => t.Name));

    [Fact]
    public void An_escaped_value_keeps_the_node_range_and_is_not_editable()
    {
        var tag = Assert.Single(NoteParser.Parse("n.md", "---\ntags: \"a\\u0062\"\n---\n").TagOccurrences);
        Assert.Equal(TagForm.FrontMatterNode, tag.Form);
        Assert.False(tag.IsEditable);
    }

    [Fact]
    public void The_index_counts_notes_case_insensitively_and_follows_edits()
    {
        var vault = TestVault.Of(("a.md", "#AI #ai #x/y"), ("b.md", "---\ntags: ai\n---\n"), ("c.md", "#x"));
        Assert.Equal(2, vault.Snapshot.TagNoteCount("ai"));
        Assert.Equal(["ai:AI:2", "x:x:1", "x/y:x/y:1"], vault.Snapshot.TagsByUse.Select(t => $"{t.Key}:{t.Name}:{t.NoteCount}"));
        Assert.Equal(["x", "x/y"], vault.Snapshot.TagAndChildren("x").Select(t => t.Key));

        var edited = vault.With("a.md", "no tags").Without("c.md");
        Assert.Equal(["ai:ai:1"], edited.Snapshot.TagsByUse.Select(t => $"{t.Key}:{t.Name}:{t.NoteCount}"));
        Assert.Equal(0, edited.Snapshot.TagNoteCount("x"));
    }
}
