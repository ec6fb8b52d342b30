using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Syntax.Inlines;

namespace NoteLsp.Core.Parsing;

/// <summary>A <c>[^label]</c> found by <see cref="FootnoteInlineParser"/>: absolute source offsets, ends exclusive.</summary>
internal sealed class FootnoteInline : LeafInline
{
    public int Start, End;
    public int LabelStart, LabelEnd;
    /// <summary>A ':' follows the closing bracket: a definition when the bracket also starts its line (the note parser decides).</summary>
    public bool ColonFollows;
}

/// <summary>
/// Parses <c>[^label]</c> (docs/notes-format.md §9): a label of one or more characters, none of them blank or a bracket,
/// on one line. Markdig's footnote extension is not used: it only turns a reference into a footnote when its definition
/// exists, and a reference without one is exactly what footnote-broken must find. Like the wikilink parser it runs
/// before Markdig's link parser, so code and comments never contain footnotes.
/// </summary>
internal sealed class FootnoteInlineParser : InlineParser
{
    public FootnoteInlineParser() => OpeningCharacters = ['['];

    public override bool Match(InlineProcessor processor, ref StringSlice slice)
    {
        var text = slice.Text;
        var start = slice.Start;
        if (start + 1 > slice.End || text[start + 1] != '^') return false;
        var labelStart = start + 2;
        var close = labelStart;
        while (close <= slice.End && text[close] is not (']' or '[' or ' ' or '\t' or '\n' or '\r')) close++;
        if (close > slice.End || text[close] != ']' || close == labelStart) return false;

        var sourceStart = processor.GetSourcePosition(start, out var line, out var column);
        var shift = sourceStart - start;
        var footnote = new FootnoteInline
        {
            Start = sourceStart,
            End = close + 1 + shift,
            LabelStart = labelStart + shift,
            LabelEnd = close + shift,
            ColonFollows = close + 1 <= slice.End && text[close + 1] == ':',
            Line = line,
            Column = column,
        };
        footnote.Span = new Markdig.Syntax.SourceSpan(footnote.Start, footnote.End - 1);
        processor.Inline = footnote;
        slice.Start = close + 1;
        return true;
    }
}
