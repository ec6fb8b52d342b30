using NoteLsp.Core.Model;
using NoteLsp.Core.Text;

namespace NoteLsp.Core.Features;

/// <summary>What sits under the cursor in a note: one of the parsed elements, or nothing.</summary>
public sealed record NoteElement(
    WikiLink? WikiLink = null,
    MarkdownLink? MarkdownLink = null,
    Timestamp? Timestamp = null,
    Heading? Heading = null,
    bool IsTitle = false,
    BlockId? BlockId = null,
    Footnote? Footnote = null)
{
    public bool IsLink => WikiLink is not null || MarkdownLink is not null;
}

public static class NoteElementAt
{
    /// <summary>
    /// The element under the position. Links win over headings (a link inside a heading is the link);
    /// the title (front matter title value or the title heading) reports IsTitle.
    /// </summary>
    public static NoteElement? Find(ParsedNote note, TextPosition position)
    {
        foreach (var link in note.WikiLinks)
        {
            if (link.Range.Contains(position)) return new NoteElement(WikiLink: link);
        }
        foreach (var link in note.MarkdownLinks)
        {
            if (link.Range.Contains(position)) return new NoteElement(MarkdownLink: link);
        }
        foreach (var timestamp in note.Timestamps)
        {
            if (timestamp.Range.Contains(position)) return new NoteElement(Timestamp: timestamp);
        }
        if (NoteFootnotes.At(note, position) is { } footnote) return new NoteElement(Footnote: footnote);
        foreach (var block in note.BlockIds)
        {
            // The "^id" marker at the end of a paragraph: references and rename act on the block.
            if (block.Range.Contains(position)) return new NoteElement(BlockId: block);
        }
        if (note.TitleSource == TitleSource.FrontMatter && note.TitleRange is { } titleRange && titleRange.Contains(position))
        {
            return new NoteElement(IsTitle: true);
        }
        foreach (var heading in note.Headings)
        {
            if (heading.Range.Contains(position))
            {
                var isTitle = note.TitleSource == TitleSource.Heading && note.TitleRange == heading.TextRange;
                return new NoteElement(Heading: heading, IsTitle: isTitle);
            }
        }
        return null;
    }
}
