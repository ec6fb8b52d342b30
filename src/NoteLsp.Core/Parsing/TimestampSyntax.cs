using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Syntax.Inlines;

namespace NoteLsp.Core.Parsing;

/// <summary>Offsets (into the text it was matched in) of a Form A timestamp <c>&lt;a class="yt-timestamp" data-t="T1"&gt;[T2]&lt;/a&gt;</c>.</summary>
internal readonly record struct AnchorTimestampMatch(int Start, int End, int TargetStart, int TargetEnd, int DisplayStart, int DisplayEnd);

/// <summary>
/// Form A of docs/notes-format.md §6: <c>&lt;a … class="… yt-timestamp …" … data-t="T1" …&gt;[T2]&lt;/a&gt;</c> — attribute order and
/// quotes may vary, the brackets are optional, the tag names are case-insensitive. Read by hand: a transcript note has
/// dozens of these, and regular expressions allocated a sixth of a note's parse.
/// </summary>
internal static class AnchorTimestamp
{
    public static bool TryMatch(string text, int start, int limit, out AnchorTimestampMatch match)
    {
        match = default;
        // "<a" and a word boundary.
        if (start + 2 >= limit || text[start] != '<' || (text[start + 1] | 0x20) != 'a' || IsWordChar(text[start + 2])) return false;

        // The opening tag's attributes: anything but '<' and '>' (may span lines, as HTML allows).
        var attrsStart = start + 2;
        var i = attrsStart;
        while (i < limit && text[i] is not ('<' or '>')) i++;
        if (i >= limit || text[i] != '>') return false;
        var attrsEnd = i++;

        // The text: up to "</a", on the same line.
        var innerStart = i;
        while (i < limit && text[i] is not ('<' or '\r' or '\n')) i++;
        var innerEnd = i;
        if (i + 3 > limit || text[i] != '<' || text[i + 1] != '/' || (text[i + 2] | 0x20) != 'a') return false;
        i += 3;
        while (i < limit && char.IsWhiteSpace(text[i])) i++;
        if (i >= limit || text[i] != '>') return false;
        var end = i + 1;

        if (!ReadAttributes(text, attrsStart, attrsEnd, out var isTimestamp, out var targetStart, out var targetEnd) || !isTimestamp) return false;
        if (targetStart < 0)
        {
            // No data-t: the opening tag stands for the missing target (reported as an invalid time).
            targetStart = start;
            targetEnd = attrsEnd + 1;
        }

        var (displayStart, displayEnd) = Trim(text, innerStart, innerEnd);
        if (displayEnd - displayStart >= 2 && text[displayStart] == '[' && text[displayEnd - 1] == ']')
        {
            (displayStart, displayEnd) = Trim(text, displayStart + 1, displayEnd - 1);
        }
        match = new AnchorTimestampMatch(start, end, targetStart, targetEnd, displayStart, displayEnd);
        return true;
    }

    /// <summary>HTML attributes name[=value] ("double", 'single' or unquoted values): is the class list a yt-timestamp, and where is data-t's value.</summary>
    private static bool ReadAttributes(string text, int start, int end, out bool isTimestamp, out int targetStart, out int targetEnd)
    {
        isTimestamp = false;
        targetStart = targetEnd = -1;
        var i = start;
        while (i < end)
        {
            if (!IsNameStart(text[i]))
            {
                i++;
                continue;
            }
            var nameStart = i;
            while (i < end && IsNameChar(text[i])) i++;
            var name = text.AsSpan(nameStart, i - nameStart);
            var afterName = i;
            while (i < end && char.IsWhiteSpace(text[i])) i++;
            if (i >= end || text[i] != '=')
            {
                i = afterName;
                continue;
            }
            i++;
            while (i < end && char.IsWhiteSpace(text[i])) i++;
            int valueStart, valueEnd;
            if (i < end && text[i] is '"' or '\'')
            {
                var quote = text[i];
                valueStart = i + 1;
                var close = text.IndexOf(quote, valueStart, end - valueStart);
                if (close < 0)
                {
                    i = afterName; // not a value: the name stands alone, as in the HTML attribute grammar
                    continue;
                }
                valueEnd = close;
                i = close + 1;
            }
            else
            {
                valueStart = i;
                while (i < end && !char.IsWhiteSpace(text[i]) && text[i] is not ('"' or '\'' or '=' or '<' or '>' or '`')) i++;
                valueEnd = i;
                if (valueEnd == valueStart)
                {
                    i = afterName;
                    continue;
                }
            }
            if (name.Equals("class", StringComparison.OrdinalIgnoreCase))
            {
                isTimestamp = HasClass(text.AsSpan(valueStart, valueEnd - valueStart), "yt-timestamp");
            }
            else if (name.Equals("data-t", StringComparison.OrdinalIgnoreCase))
            {
                (targetStart, targetEnd) = Trim(text, valueStart, valueEnd);
            }
        }
        return true;
    }

    private static bool HasClass(ReadOnlySpan<char> classes, string wanted)
    {
        foreach (var range in classes.SplitAny(" \t\r\n\f"))
        {
            if (classes[range].SequenceEqual(wanted)) return true;
        }
        return false;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    private static bool IsNameStart(char c) => char.IsAsciiLetter(c) || c is '_' or ':';

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or ':' or '.' or '-';

    /// <summary>Every Form A timestamp in raw HTML (an HTML block, which Markdig does not parse inline).</summary>
    public static IEnumerable<AnchorTimestampMatch> FindAll(string text, int start, int end)
    {
        var position = start;
        while (position < end)
        {
            var open = text.IndexOf('<', position, end - position);
            if (open < 0) yield break;
            if (TryMatch(text, open, end, out var match))
            {
                yield return match;
                position = match.End;
            }
            else
            {
                position = open + 1;
            }
        }
    }

    private static (int, int) Trim(string text, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(text[start])) start++;
        while (end > start && char.IsWhiteSpace(text[end - 1])) end--;
        return (start, end);
    }
}

/// <summary>A Form A timestamp found inline; offsets are absolute (see <see cref="WikiLinkInline"/>).</summary>
internal sealed class AnchorTimestampInline : LeafInline
{
    public AnchorTimestampMatch Match;
}

/// <summary>Claims a whole <c>&lt;a class="yt-timestamp" …&gt;…&lt;/a&gt;</c> before Markdig's HTML parser splits it into tags and text.</summary>
internal sealed class AnchorTimestampInlineParser : InlineParser
{
    public AnchorTimestampInlineParser() => OpeningCharacters = ['<'];

    public override bool Match(InlineProcessor processor, ref StringSlice slice)
    {
        if (!AnchorTimestamp.TryMatch(slice.Text, slice.Start, slice.End + 1, out var match)) return false;
        // The tag's attributes may run over several lines, and Markdig's paragraph text joins lines with "\n" whatever
        // the source had ("\r\n", "\r"): each offset is mapped on its own, not shifted by the first one's distance
        // (that put ranges between a "\r" and its "\n", past the line's end; found by fuzzing).
        var sourceStart = processor.GetSourcePosition(slice.Start, out var line, out var column);
        (int, int) Source(int start, int end)
        {
            var from = processor.GetSourcePosition(start, out _, out _);
            return end > start ? (from, processor.GetSourcePosition(end - 1, out _, out _) + 1) : (from, from);
        }
        var (whole, wholeEnd) = Source(match.Start, match.End);
        var (target, targetEnd) = Source(match.TargetStart, match.TargetEnd);
        var (display, displayEnd) = Source(match.DisplayStart, match.DisplayEnd);
        processor.Inline = new AnchorTimestampInline
        {
            Match = new AnchorTimestampMatch(whole, wholeEnd, target, targetEnd, display, displayEnd),
            Line = line,
            Column = column,
            Span = new Markdig.Syntax.SourceSpan(sourceStart, wholeEnd - 1),
            IsClosed = true,
        };
        slice.Start = match.End;
        return true;
    }
}
