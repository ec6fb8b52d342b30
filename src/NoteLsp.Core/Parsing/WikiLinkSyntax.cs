using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Syntax.Inlines;

namespace NoteLsp.Core.Parsing;

/// <summary>
/// Where a wikilink's parts lie: offsets into the text it was read from, ends exclusive, part offsets of the trimmed
/// texts, -1 for an absent part. Read by <see cref="WikiLinkSyntax.TryRead"/>; the note parser turns them into ranges.
/// </summary>
internal readonly record struct WikiLinkSpan(
    bool IsEmbed, int Start, int End, int TargetStart, int TargetEnd,
    int HeadingStart, int HeadingEnd, int BlockStart, int BlockEnd, int LabelStart, int LabelEnd)
{
    /// <summary>The same link with every present offset moved by <paramref name="shift"/> (from a parser's slice to the source).</summary>
    public WikiLinkSpan Shifted(int shift)
    {
        static int Move(int offset, int by) => offset < 0 ? offset : offset + by;
        return new WikiLinkSpan(IsEmbed, Start + shift, End + shift, TargetStart + shift, TargetEnd + shift,
            Move(HeadingStart, shift), Move(HeadingEnd, shift), Move(BlockStart, shift), Move(BlockEnd, shift),
            Move(LabelStart, shift), Move(LabelEnd, shift));
    }
}

/// <summary>
/// The wikilink rule of docs/notes-format.md §4: <c>[[T]]</c>, <c>[[T|L]]</c>, <c>[[T#H|L]]</c>, <c>[[#H]]</c>,
/// <c>[[T#^B]]</c> and <c>![[...]]</c>, on one line. One place for both the Markdig inline parser and the lean scanner.
/// </summary>
internal static class WikiLinkSyntax
{
    /// <param name="start">at '[' or at the '!' of an embed</param>
    /// <param name="limit">where the text that may hold the link ends (exclusive)</param>
    public static bool TryRead(string text, int start, int limit, out WikiLinkSpan link)
    {
        link = default;
        var embed = text[start] == '!';
        var open = embed ? start + 1 : start;
        if (open + 1 >= limit || text[open] != '[' || text[open + 1] != '[') return false;

        // The content runs to the first "]]" on the same line; '[' inside means this is not the innermost link.
        var contentStart = open + 2;
        var close = -1;
        for (var i = contentStart; i < limit; i++)
        {
            var c = text[i];
            if (c is '\n' or '\r' or '[') return false;
            if (c == ']')
            {
                if (i + 1 >= limit || text[i + 1] != ']') return false;
                close = i;
                break;
            }
        }
        if (close < 0) return false;

        // "\|" is the separator inside tables; it is one in plain text too (a '\' cannot end a name usefully).
        int labelStart = -1, labelEnd = -1, headingStart = -1, headingEnd = -1, blockStart = -1, blockEnd = -1;
        var pipe = text.IndexOf('|', contentStart, close - contentStart);
        var nameEnd = pipe < 0 ? close : pipe > contentStart && text[pipe - 1] == '\\' ? pipe - 1 : pipe;
        if (pipe >= 0) (labelStart, labelEnd) = Trim(text, pipe + 1, close);
        var hash = text.IndexOf('#', contentStart, nameEnd - contentStart);
        var (targetStart, targetEnd) = Trim(text, contentStart, hash < 0 ? nameEnd : hash);
        if (targetStart == targetEnd) targetStart = targetEnd = contentStart; // an empty target sits right after the brackets
        if (hash >= 0)
        {
            var (fs, fe) = Trim(text, hash + 1, nameEnd);
            if (fs < fe && text[fs] == '^')
            {
                (blockStart, blockEnd) = Trim(text, fs + 1, fe);
            }
            else
            {
                if (fs == fe) fs = fe = hash + 1;
                (headingStart, headingEnd) = (fs, fe);
            }
        }
        link = new WikiLinkSpan(embed, start, close + 2, targetStart, targetEnd, headingStart, headingEnd, blockStart, blockEnd, labelStart, labelEnd);
        return true;
    }

    private static (int Start, int End) Trim(string text, int start, int end)
    {
        while (start < end && IsBlank(text[start])) start++;
        while (end > start && IsBlank(text[end - 1])) end--;
        return (start, end);
    }

    private static bool IsBlank(char c) => c is ' ' or '\t';
}

/// <summary>A wikilink or embed found by <see cref="WikiLinkInlineParser"/>, at source offsets.</summary>
internal sealed class WikiLinkInline : LeafInline
{
    public WikiLinkSpan Link;
}

/// <summary>
/// Parses wikilinks (<see cref="WikiLinkSyntax"/>) inside Markdig. Runs before Markdig's own link parser, so code
/// spans, code blocks and HTML comments — consumed by their own parsers first — never contain wikilinks.
/// </summary>
internal sealed class WikiLinkInlineParser : InlineParser
{
    public WikiLinkInlineParser() => OpeningCharacters = ['[', '!'];

    public override bool Match(InlineProcessor processor, ref StringSlice slice)
    {
        if (!WikiLinkSyntax.TryRead(slice.Text, slice.Start, slice.End + 1, out var found)) return false;
        var sourceStart = processor.GetSourcePosition(slice.Start, out var line, out var column);
        // The link sits on one line of the slice, so its source offsets are contiguous from the start.
        var link = found.Shifted(sourceStart - slice.Start);
        processor.Inline = new WikiLinkInline
        {
            Link = link,
            Line = line,
            Column = column,
            IsClosed = true,
            Span = new Markdig.Syntax.SourceSpan(link.Start, link.End - 1),
        };
        slice.Start = found.End;
        return true;
    }
}
