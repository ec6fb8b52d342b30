using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Syntax.Inlines;

namespace NoteLsp.Core.Parsing;

/// <summary>
/// A wikilink or embed found by <see cref="WikiLinkInlineParser"/>. Offsets are absolute offsets into the
/// text given to Markdig; the note parser turns them into ranges. Part offsets are of the trimmed texts.
/// </summary>
internal sealed class WikiLinkInline : LeafInline
{
    public bool IsEmbed;
    public int Start, End; // whole link, End exclusive
    public int TargetStart, TargetEnd;
    public int HeadingStart = -1, HeadingEnd = -1; // "#H": the H part (also "" for "[[T#]]")
    public int BlockStart = -1, BlockEnd = -1;     // "#^B": the B part
    public int LabelStart = -1, LabelEnd = -1;
}

/// <summary>
/// Parses <c>[[T]]</c>, <c>[[T|L]]</c>, <c>[[T#H|L]]</c>, <c>[[#H]]</c>, <c>[[T#^B]]</c> and <c>![[...]]</c>
/// (docs/notes-format.md §4). Runs before Markdig's own link parser, so code spans, code blocks and HTML
/// comments — consumed by their own parsers first — never contain wikilinks.
/// </summary>
internal sealed class WikiLinkInlineParser : InlineParser
{
    public WikiLinkInlineParser() => OpeningCharacters = ['[', '!'];

    public override bool Match(InlineProcessor processor, ref StringSlice slice)
    {
        var text = slice.Text;
        var start = slice.Start;
        var embed = text[start] == '!';
        var open = embed ? start + 1 : start;
        if (open + 1 > slice.End || text[open] != '[' || text[open + 1] != '[') return false;

        // The content runs to the first "]]" on the same line; '[' inside means this is not the innermost link.
        var contentStart = open + 2;
        var close = -1;
        for (var i = contentStart; i <= slice.End; i++)
        {
            var c = text[i];
            if (c is '\n' or '\r' or '[') return false;
            if (c == ']')
            {
                if (i + 1 > slice.End || text[i + 1] != ']') return false;
                close = i;
                break;
            }
        }
        if (close < 0) return false;

        var sourceStart = processor.GetSourcePosition(start, out var line, out var column);
        // The link sits on one line of the slice, so its source offsets are contiguous from the start.
        var shift = sourceStart - start;
        var link = new WikiLinkInline
        {
            IsEmbed = embed,
            Start = sourceStart,
            End = close + 2 + shift,
            Line = line,
            Column = column,
            IsClosed = true,
        };
        link.Span = new Markdig.Syntax.SourceSpan(link.Start, link.End - 1);

        // "\|" is the separator inside tables; it is one in plain text too (a '\' cannot end a name usefully).
        var pipe = text.IndexOf('|', contentStart, close - contentStart);
        var nameEnd = pipe < 0 ? close : pipe > contentStart && text[pipe - 1] == '\\' ? pipe - 1 : pipe;
        if (pipe >= 0)
        {
            var (ls, le) = Trim(text, pipe + 1, close);
            link.LabelStart = ls + shift;
            link.LabelEnd = le + shift;
        }
        var hash = text.IndexOf('#', contentStart, nameEnd - contentStart);
        var targetEnd = hash < 0 ? nameEnd : hash;
        var (ts, te) = Trim(text, contentStart, targetEnd);
        if (ts == te) ts = te = contentStart; // an empty target sits right after the brackets
        link.TargetStart = ts + shift;
        link.TargetEnd = te + shift;
        if (hash >= 0)
        {
            var (fs, fe) = Trim(text, hash + 1, nameEnd);
            if (fs < fe && text[fs] == '^')
            {
                var (bs, be) = Trim(text, fs + 1, fe);
                link.BlockStart = bs + shift;
                link.BlockEnd = be + shift;
            }
            else
            {
                if (fs == fe) fs = fe = hash + 1;
                link.HeadingStart = fs + shift;
                link.HeadingEnd = fe + shift;
            }
        }

        processor.Inline = link;
        slice.Start = close + 2;
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
