using NoteLsp.Core.Parsing;
using NoteLsp.Core.Text;

namespace NoteLsp.Core.Tests;

/// <summary>Callouts (docs/notes-format.md §11) as the parser reads them.</summary>
public class CalloutTests
{
    [Fact]
    public void A_quote_whose_first_line_is_bang_type_is_a_callout_with_its_fold_marker_and_range()
    {
        var text = "> [!warning]- Read first\n> body\n\n> [!tip]\n\n> plain quote\n> > [!nested]+\n";
        var note = NoteParser.Parse("n.md", text);
        Assert.Equal(["warning", "tip", "nested"], note.Callouts.Select(c => c.Type));
        Assert.Equal(['-', null, '+'], note.Callouts.Select(c => c.Fold));
        Assert.Equal(new TextRange(0, 4, 0, 11), note.Callouts[0].TypeRange);
        Assert.Equal(new TextPosition(0, 0), note.Callouts[0].Range.Start);
        Assert.Equal(1, note.Callouts[0].Range.End.Line);
    }

    [Fact]
    public void Not_callouts_an_empty_type_a_header_later_in_the_quote_code_and_comments()
    {
        var text = "> [!]\n\n> text\n> [!late]\n\n```\n> [!code]\n```\n%%\n> [!hidden]\n%%\n";
        Assert.Empty(NoteParser.Parse("n.md", text).Callouts);
    }
}
