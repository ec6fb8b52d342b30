using Markdig.Syntax;
using NoteLsp.Core.Model;
using NoteLsp.Core.Parsing;

namespace NoteLsp.Core.Features;

/// <summary>What a fold is, for the client's "fold all comments / regions" commands; Block folds have no kind on the wire.</summary>
public enum FoldKind { Block, Region, Comment }

/// <summary>Lines StartLine..EndLine fold; StartLine stays visible.</summary>
public readonly record struct NoteFold(int StartLine, int EndLine, FoldKind Kind);

/// <summary>
/// Folding ranges of one note: the front matter and each heading's section (regions), block quotes and callouts,
/// list items with more than one line, fenced code, and HTML and %% comments (docs/notes-format.md §10). Linear in the
/// text: one block pass (<see cref="NoteBlocks"/>) and the heading tree of <see cref="NoteSymbols"/>.
/// </summary>
public static class NoteFolding
{
    /// <param name="note">the note parsed from <paramref name="text"/> (its headings give the sections)</param>
    public static IReadOnlyList<NoteFold> Compute(ParsedNote note, string text, CancellationToken cancellationToken = default)
    {
        var blocks = NoteBlocks.Parse(text, cancellationToken);
        var folds = new List<NoteFold>();
        var lastLine = blocks.Lines.LineCount - 1;

        // A fold never ends on blank lines: they stay visible between the folded parts.
        void Add(int start, int end, FoldKind kind)
        {
            end = Math.Min(end, lastLine);
            while (end > start && blocks.IsBlankLine(end)) end--;
            if (end > start) folds.Add(new NoteFold(start, end, kind));
        }

        if (blocks.FrontMatterClosingLine > 0) Add(0, blocks.FrontMatterClosingLine, FoldKind.Region);

        var sections = new Stack<HeadingSymbol>(NoteSymbols.DocumentSymbols(note, cancellationToken));
        while (sections.Count > 0)
        {
            var section = sections.Pop();
            var end = section.SectionRange.End;
            // A section ends where the next heading starts: its last line is the one before.
            Add(section.Heading.Range.Start.Line, end.Character == 0 ? end.Line - 1 : end.Line, FoldKind.Region);
            foreach (var child in section.Children) sections.Push(child);
        }

        if (blocks.Document is { } document)
        {
            var seen = 0;
            foreach (var block in document.Descendants<Block>())
            {
                if ((++seen & 0xFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
                switch (block)
                {
                    case QuoteBlock or ListItemBlock or FencedCodeBlock:
                        Add(blocks.StartLine(block), blocks.EndLine(block), FoldKind.Block);
                        break;
                    case HtmlBlock { Type: HtmlBlockType.Comment }:
                        Add(blocks.StartLine(block), blocks.EndLine(block), FoldKind.Comment);
                        break;
                }
            }
        }

        foreach (var (start, end) in blocks.Comments.Spans)
        {
            Add(blocks.Lines.PositionAt(start).Line, blocks.Lines.PositionAt(end).Line, FoldKind.Comment);
        }

        // Editors keep one fold per start line: the widest, so a callout and the list on its first line fold as the callout.
        folds.Sort((a, b) => a.StartLine != b.StartLine ? a.StartLine.CompareTo(b.StartLine) : b.EndLine.CompareTo(a.EndLine));
        var unique = new List<NoteFold>(folds.Count);
        foreach (var fold in folds)
        {
            if (unique.Count == 0 || unique[^1].StartLine != fold.StartLine) unique.Add(fold);
        }
        return unique;
    }
}
