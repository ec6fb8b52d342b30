using NoteLsp.Core.Parsing;

namespace NoteLsp.Core.Tests;

/// <summary>Obsidian %% comments (docs/notes-format.md §10): nothing inside is a link, heading, block id or timestamp.</summary>
public class CommentTests
{
    [Fact]
    public void An_inline_comment_hides_its_links_and_keeps_the_ones_around_it()
    {
        var note = NoteParser.Parse("n.md", "see [[a]] %%[[b]] and [x](c.md)%% then [[d]]\n");
        Assert.Equal(["a", "d"], note.WikiLinks.Select(l => l.Target));
        Assert.Empty(note.MarkdownLinks);
    }

    [Fact]
    public void A_block_comment_over_many_lines_hides_headings_block_ids_and_timestamps()
    {
        var text = "# Kept\n%%\n## Hidden\n[[gone]] ^hidden\n[01:02](#01:02)\n%%\ntext [[kept]] ^kept\n";
        var note = NoteParser.Parse("n.md", text);
        Assert.Equal(["Kept"], note.Headings.Select(h => h.Text));
        Assert.Equal(["kept"], note.WikiLinks.Select(l => l.Target));
        Assert.Equal(["kept"], note.BlockIds.Select(b => b.Id));
        Assert.Empty(note.Timestamps);
    }

    [Fact]
    public void An_unclosed_comment_runs_to_the_end_of_the_note()
    {
        var note = NoteParser.Parse("n.md", "[[a]] %% start\n[[b]]\n\n[[c]]\n");
        Assert.Equal(["a"], note.WikiLinks.Select(l => l.Target));
    }

    [Fact]
    public void Percent_signs_in_code_and_front_matter_open_no_comment()
    {
        var text = "---\ntitle: 50%% off\n---\n`%%` [[a]]\n```\n%%\n```\n[[b]] %%[[c]]%% [[d]]\n";
        var note = NoteParser.Parse("n.md", text);
        Assert.Equal(["a", "b", "d"], note.WikiLinks.Select(l => l.Target));
        Assert.Equal([(text.IndexOf("%%[[c]]", StringComparison.Ordinal), text.IndexOf(" [[d]]", StringComparison.Ordinal))],
            CommentSyntax.Find(text, text.IndexOf('`')).Spans);
    }

    [Fact]
    public void A_code_span_closes_only_at_a_run_of_its_own_length()
    {
        var note = NoteParser.Parse("n.md", "`` a ` %% `` [[a]] ` %%[[b]]%% [[c]]\n");
        Assert.Equal(["a", "c"], note.WikiLinks.Select(l => l.Target));
    }
}
