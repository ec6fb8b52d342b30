using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Syntax.Inlines;

namespace NoteLsp.Core.Parsing;

/// <summary>A <c>[^label]</c>: offsets into the text it was read from, ends exclusive.</summary>
internal readonly record struct FootnoteSpan(int Start, int End, int LabelStart, int LabelEnd, bool ColonFollows)
{
    public FootnoteSpan Shifted(int shift) => new(Start + shift, End + shift, LabelStart + shift, LabelEnd + shift, ColonFollows);
}

/// <summary>
/// The footnote rule of docs/notes-format.md §9: <c>[^label]</c>, a label of one or more characters, none of them blank
/// or a bracket, on one line. One place for both the Markdig inline parser and the lean scanner.
/// </summary>
internal static class FootnoteSyntax
{
    /// <param name="limit">where the text that may hold the footnote ends (exclusive)</param>
    public static bool TryRead(string text, int start, int limit, out FootnoteSpan footnote)
    {
        footnote = default;
        if (start + 1 >= limit || text[start] != '[' || text[start + 1] != '^') return false;
        var labelStart = start + 2;
        var close = labelStart;
        while (close < limit && text[close] is not (']' or '[' or ' ' or '\t' or '\n' or '\r')) close++;
        if (close >= limit || text[close] != ']' || close == labelStart) return false;
        footnote = new FootnoteSpan(start, close + 1, labelStart, close, close + 1 < limit && text[close + 1] == ':');
        return true;
    }

    /// <summary>Only blanks and block quote markers before the offset on its line: where a footnote definition starts.</summary>
    public static bool StartsItsLine(string text, int offset)
    {
        for (var i = offset - 1; i >= 0 && text[i] is not ('\n' or '\r'); i--)
        {
            if (text[i] is not (' ' or '\t' or '>')) return false;
        }
        return true;
    }
}

/// <summary>A <c>[^label]</c> found by <see cref="FootnoteInlineParser"/>, at source offsets.</summary>
internal sealed class FootnoteInline : LeafInline
{
    public FootnoteSpan Footnote;
}

/// <summary>
/// Parses footnotes (<see cref="FootnoteSyntax"/>) inside Markdig. Markdig's footnote extension is not used: it only
/// turns a reference into a footnote when its definition exists, and a reference without one is exactly what
/// footnote-broken must find. Like the wikilink parser it runs before Markdig's link parser, so code and comments
/// never contain footnotes.
/// </summary>
internal sealed class FootnoteInlineParser : InlineParser
{
    public FootnoteInlineParser() => OpeningCharacters = ['['];

    public override bool Match(InlineProcessor processor, ref StringSlice slice)
    {
        if (!FootnoteSyntax.TryRead(slice.Text, slice.Start, slice.End + 1, out var found)) return false;
        var sourceStart = processor.GetSourcePosition(slice.Start, out var line, out var column);
        var footnote = found.Shifted(sourceStart - slice.Start);
        processor.Inline = new FootnoteInline
        {
            Footnote = footnote,
            Line = line,
            Column = column,
            Span = new Markdig.Syntax.SourceSpan(footnote.Start, footnote.End - 1),
        };
        slice.Start = found.End;
        return true;
    }
}
