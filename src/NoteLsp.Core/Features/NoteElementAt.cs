using NoteLsp.Core.Model;
using NoteLsp.Core.Text;

namespace NoteLsp.Core.Features;

/// <summary>Which part of a link the cursor is on: what references and rename act on.</summary>
public enum LinkPart
{
    /// <summary>Not on a link.</summary>
    None,

    /// <summary>The note part ("T" of [[T#H]], the path of [t](T.md#h)): the note.</summary>
    Target,

    /// <summary>The heading part ("H" of [[T#H]], "h" of [t](T.md#h), anywhere in [[#H]] or [t](#h)): the heading.</summary>
    Heading,

    /// <summary>The block part ("^B" of [[T#^B]], caret included; "^B" of [t](T.md#^B); anywhere in [[#^B]] or [t](#^B)): the block.</summary>
    Block,
}

/// <summary>What sits under the cursor in a note: one of the parsed elements, or nothing; on a link, which part of it.</summary>
public sealed record NoteElement(
    WikiLink? WikiLink = null,
    MarkdownLink? MarkdownLink = null,
    Timestamp? Timestamp = null,
    Heading? Heading = null,
    bool IsTitle = false,
    BlockId? BlockId = null,
    LinkPart Part = LinkPart.None,
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
            if (link.Range.Contains(position)) return new NoteElement(WikiLink: link, Part: PartOf(link, position));
        }
        foreach (var link in note.MarkdownLinks)
        {
            if (link.Range.Contains(position)) return new NoteElement(MarkdownLink: link, Part: PartOf(link, position));
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

    private static LinkPart PartOf(WikiLink link, TextPosition position)
    {
        // The caret belongs to the block part: "[[T#^B]]" with the cursor on '^' renames the block.
        var onBlock = link.BlockIdRange is { } block
            && new TextRange(block.Start with { Character = Math.Max(0, block.Start.Character - 1) }, block.End).Contains(position);
        if (onBlock || link.Target.Length == 0 && link.BlockId is { Length: > 0 }) return LinkPart.Block;
        if (link.HeadingRange is { } heading && heading.Contains(position) || link.Target.Length == 0) return LinkPart.Heading;
        return LinkPart.Target;
    }

    private static LinkPart PartOf(MarkdownLink link, TextPosition position)
    {
        var blockFragment = link.Fragment is { } fragment && fragment.StartsWith('^');
        var onFragment = link.FragmentRange is { } range && range.Contains(position);
        if (blockFragment && (onFragment || link.Path.Length == 0)) return LinkPart.Block;
        if (onFragment || link.Path.Length == 0) return LinkPart.Heading;
        return LinkPart.Target;
    }
}
