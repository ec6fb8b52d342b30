using Markdig.Syntax;
using NoteLsp.Core.Model;
using NoteLsp.Core.Parsing;
using NoteLsp.Core.Text;

namespace NoteLsp.Core.Features;

/// <summary>
/// Selection ranges ("expand selection"): from the link part under the cursor (target, heading, block id, label) to
/// the link, the sentence, the paragraph, the list item, list or quote around it, each heading section holding it,
/// and the whole note. Each range strictly contains the one before; ranges that add nothing are left out.
/// </summary>
public static class NoteSelectionRanges
{
    /// <param name="note">the note parsed from <paramref name="text"/></param>
    /// <returns>for each position, its ranges from the innermost out (never empty: the note is always there)</returns>
    public static IReadOnlyList<IReadOnlyList<TextRange>> Compute(ParsedNote note, string text, IReadOnlyList<TextPosition> positions, CancellationToken cancellationToken = default)
    {
        var blocks = NoteBlocks.Parse(text, cancellationToken);
        var sections = SectionsByStart(note, cancellationToken);
        var result = new List<IReadOnlyList<TextRange>>(positions.Count);
        foreach (var position in positions)
        {
            cancellationToken.ThrowIfCancellationRequested();
            result.Add(Chain(note, blocks, sections, position));
        }
        return result;
    }

    private static List<TextRange> Chain(ParsedNote note, NoteBlocks blocks, IReadOnlyList<TextRange> sections, TextPosition position)
    {
        var offset = blocks.Lines.OffsetAt(blocks.Text, position);
        position = blocks.Lines.PositionAt(offset);
        var candidates = new List<TextRange>();
        if (NoteElementAt.Find(note, position) is { } element)
        {
            if (element.WikiLink is { } wiki)
            {
                foreach (var part in (ReadOnlySpan<TextRange?>)[wiki.TargetRange, wiki.HeadingRange, wiki.BlockIdRange, wiki.LabelRange])
                {
                    if (part is { } range && range.Contains(position)) candidates.Add(range);
                }
                candidates.Add(wiki.Range);
            }
            else if (element.MarkdownLink is { } link)
            {
                if (link.PathRange.Contains(position)) candidates.Add(link.PathRange);
                if (link.FragmentRange is { } fragment && fragment.Contains(position)) candidates.Add(fragment);
                candidates.Add(link.Range);
            }
        }

        var containers = new List<Block>();
        for (Block? block = blocks.Document is { } document ? Innermost(document, offset) : null; block is not null and not MarkdownDocument; block = block.Parent)
        {
            containers.Add(block);
        }
        if (containers.Count > 0 && containers[0] is ParagraphBlock paragraph && Sentence(blocks.Text, paragraph, offset) is var (start, end))
        {
            candidates.Add(blocks.Lines.RangeAt(start, end));
        }
        foreach (var block in containers) candidates.Add(Trimmed(blocks, block.Span.Start, block.Span.End + 1));

        // Sections holding the position, innermost (latest start) first.
        for (var i = sections.Count - 1; i >= 0; i--)
        {
            if (sections[i].Contains(position)) candidates.Add(sections[i]);
        }
        candidates.Add(new TextRange(new TextPosition(0, 0), blocks.Lines.PositionAt(blocks.Text.Length)));

        var chain = new List<TextRange>(candidates.Count);
        foreach (var range in candidates)
        {
            if (!range.Contains(position)) continue;
            if (chain.Count > 0 && (range == chain[^1] || !(range.Start <= chain[^1].Start && chain[^1].End <= range.End))) continue;
            chain.Add(range);
        }
        return chain;
    }

    /// <summary>Every heading's section without its trailing blank lines, in order of their starts (outer before inner).</summary>
    private static List<TextRange> SectionsByStart(ParsedNote note, CancellationToken cancellationToken)
    {
        var sections = new List<TextRange>();
        var pending = new Stack<HeadingSymbol>(NoteSymbols.DocumentSymbols(note, cancellationToken).Reverse());
        while (pending.Count > 0)
        {
            var symbol = pending.Pop();
            sections.Add(symbol.SectionRange);
            for (var i = symbol.Children.Count - 1; i >= 0; i--) pending.Push(symbol.Children[i]);
        }
        return sections;
    }

    /// <summary>The deepest block whose span holds the offset (children by binary search: a note of 100,000 paragraphs stays fast).</summary>
    private static Block? Innermost(ContainerBlock container, int offset)
    {
        Block? found = null;
        for (var current = container; current is not null;)
        {
            int lo = 0, hi = current.Count - 1;
            Block? child = null;
            while (lo <= hi)
            {
                var mid = (lo + hi) >>> 1;
                var candidate = current[mid];
                if (offset < candidate.Span.Start) hi = mid - 1;
                else if (offset > candidate.Span.End + 1) lo = mid + 1;
                else
                {
                    child = candidate;
                    break;
                }
            }
            if (child is null) break;
            found = child;
            current = child as ContainerBlock;
        }
        return found;
    }

    /// <summary>The sentence of a paragraph around the offset: it ends after '.', '!' or '?' followed by a blank, or with the paragraph.</summary>
    private static (int Start, int End)? Sentence(string text, ParagraphBlock paragraph, int offset)
    {
        var blockStart = Math.Clamp(paragraph.Span.Start, 0, text.Length);
        var blockEnd = Math.Clamp(paragraph.Span.End + 1, blockStart, text.Length);
        static bool EndsSentence(string text, int i, int end) =>
            text[i] is '.' or '!' or '?' && (i + 1 >= end || char.IsWhiteSpace(text[i + 1]));
        var start = offset;
        while (start > blockStart && !EndsSentence(text, start - 1, blockEnd)) start--;
        while (start < blockEnd && char.IsWhiteSpace(text[start])) start++;
        var end = Math.Max(offset, start);
        while (end < blockEnd && !EndsSentence(text, end, blockEnd)) end++;
        end = Math.Min(end + 1, blockEnd);
        while (end > start && char.IsWhiteSpace(text[end - 1])) end--;
        return end > start && start <= offset && offset <= end ? (start, end) : null;
    }

    private static TextRange Trimmed(NoteBlocks blocks, int start, int end)
    {
        start = Math.Clamp(start, 0, blocks.Text.Length);
        end = Math.Clamp(end, start, blocks.Text.Length);
        while (end > start && char.IsWhiteSpace(blocks.Text[end - 1])) end--;
        return blocks.Lines.RangeAt(start, end);
    }
}
