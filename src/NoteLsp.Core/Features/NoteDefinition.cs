using NoteLsp.Core.Index;
using NoteLsp.Core.Model;
using NoteLsp.Core.Text;

namespace NoteLsp.Core.Features;

/// <summary>Where a link leads: the note (its first line), the heading or the block.</summary>
/// <param name="TargetRange">the whole target element (heading line, block, or the note's start)</param>
/// <param name="TargetSelectionRange">the part to select (heading text, block id, or the note's start)</param>
/// <param name="OriginRange">the link's target text in the linking note</param>
/// <param name="IsOtherFile">the target is a file that is not a note (an image, a PDF): its ranges are its start, and it is never read</param>
public sealed record DefinitionTarget(string TargetPath, TextRange TargetRange, TextRange TargetSelectionRange, TextRange OriginRange, bool IsOtherFile = false);

public static class NoteDefinition
{
    /// <summary>Definitions of the link under the position: one for a resolved link, one per candidate of an ambiguous link, none elsewhere.</summary>
    public static IReadOnlyList<DefinitionTarget> Find(VaultSnapshot snapshot, ParsedNote note, TextPosition position)
    {
        var element = NoteElementAt.Find(note, position);
        if (element is null) return [];
        if (element.Footnote is { } footnote)
        {
            return NoteFootnotes.DefinitionOf(note, footnote) is { } definition
                ? [new DefinitionTarget(note.Path, definition.Range, definition.LabelRange, footnote.Range)]
                : [];
        }
        LinkResolution resolution;
        TextRange origin;
        if (element.WikiLink is { } wiki)
        {
            resolution = snapshot.Resolve(note, wiki);
            origin = LinkRanges.Origin(wiki);
        }
        else if (element.MarkdownLink is { } markdown)
        {
            resolution = snapshot.Resolve(note, markdown);
            origin = markdown.Path.Length > 0 ? markdown.PathRange : markdown.FragmentRange ?? markdown.Range;
        }
        else
        {
            return [];
        }

        if (resolution.Status == TargetStatus.Ambiguous)
        {
            return resolution.Candidates.Select(c => new DefinitionTarget(c.Path, NoteStart, NoteStart, origin)).ToList();
        }
        // A link to an attachment (an image, a PDF) opens that file.
        if (resolution.File is { } file) return [new DefinitionTarget(file, NoteStart, NoteStart, origin, IsOtherFile: true)];
        if (resolution.Target is not { } target) return [];
        if (resolution.Heading is { } heading)
        {
            return [new DefinitionTarget(target.Path, heading.Range, heading.TextRange, origin)];
        }
        if (resolution.Block is { } block)
        {
            return [new DefinitionTarget(target.Path, block.BlockRange, block.Range, origin)];
        }
        return [new DefinitionTarget(target.Path, NoteStart, NoteStart, origin)];
    }

    private static readonly TextRange NoteStart = new(0, 0, 0, 0);
}

/// <summary>Which part of a link stands for it in results.</summary>
internal static class LinkRanges
{
    /// <summary>The target text, or for <c>[[#H]]</c> the heading text, or the whole link when both are empty.</summary>
    public static TextRange Origin(WikiLink link) =>
        link.Target.Length > 0 ? link.TargetRange
        : link.HeadingRange ?? link.BlockIdRange ?? link.Range;
}
