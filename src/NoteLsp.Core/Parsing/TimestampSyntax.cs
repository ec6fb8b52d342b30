using System.Text.RegularExpressions;
using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Syntax.Inlines;

namespace NoteLsp.Core.Parsing;

/// <summary>Offsets (into the text it was matched in) of a Form A timestamp <c>&lt;a class="yt-timestamp" data-t="T1"&gt;[T2]&lt;/a&gt;</c>.</summary>
internal readonly record struct AnchorTimestampMatch(int Start, int End, int TargetStart, int TargetEnd, int DisplayStart, int DisplayEnd);

/// <summary>Form A of NOTES-FORMAT §6: attribute order and quotes may vary, the class list contains yt-timestamp, brackets optional.</summary>
internal static partial class AnchorTimestamp
{
    [GeneratedRegex(@"\G<a\b(?<attrs>[^<>]*)>(?<inner>[^<\r\n]*)</a\s*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AnchorPattern();

    [GeneratedRegex(@"(?<name>[A-Za-z_:][-A-Za-z0-9_:.]*)(?:\s*=\s*(?:""(?<value>[^""]*)""|'(?<value>[^']*)'|(?<value>[^\s""'=<>`]+)))?", RegexOptions.CultureInvariant)]
    private static partial Regex AttributePattern();

    [GeneratedRegex(@"<a\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AnchorStartPattern();

    public static bool TryMatch(string text, int start, int limit, out AnchorTimestampMatch match)
    {
        match = default;
        if (start + 2 >= limit || text[start] != '<' || (text[start + 1] | 0x20) != 'a') return false;
        var m = AnchorPattern().Match(text, start, limit - start);
        if (!m.Success) return false;

        var attrs = m.Groups["attrs"];
        var isTimestamp = false;
        int targetStart = -1, targetEnd = -1;
        for (var attribute = AttributePattern().Match(text, attrs.Index, attrs.Length); attribute.Success; attribute = attribute.NextMatch())
        {
            var name = attribute.Groups["name"].Value;
            var value = attribute.Groups["value"];
            if (name.Equals("class", StringComparison.OrdinalIgnoreCase) && value.Success)
            {
                isTimestamp = value.Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Contains("yt-timestamp");
            }
            else if (name.Equals("data-t", StringComparison.OrdinalIgnoreCase) && value.Success)
            {
                (targetStart, targetEnd) = Trim(text, value.Index, value.Index + value.Length);
            }
        }
        if (!isTimestamp) return false;
        if (targetStart < 0)
        {
            // No data-t: the opening tag stands for the missing target (reported as an invalid time).
            targetStart = start;
            targetEnd = attrs.Index + attrs.Length + 1;
        }

        var inner = m.Groups["inner"];
        var (displayStart, displayEnd) = Trim(text, inner.Index, inner.Index + inner.Length);
        if (displayEnd - displayStart >= 2 && text[displayStart] == '[' && text[displayEnd - 1] == ']')
        {
            (displayStart, displayEnd) = Trim(text, displayStart + 1, displayEnd - 1);
        }
        match = new AnchorTimestampMatch(start, m.Index + m.Length, targetStart, targetEnd, displayStart, displayEnd);
        return true;
    }

    /// <summary>Every Form A timestamp in raw HTML (an HTML block, which Markdig does not parse inline).</summary>
    public static IEnumerable<AnchorTimestampMatch> FindAll(string text, int start, int end)
    {
        var position = start;
        while (position < end)
        {
            var found = AnchorStartPattern().Match(text, position, end - position);
            if (!found.Success) yield break;
            if (TryMatch(text, found.Index, end, out var match))
            {
                yield return match;
                position = match.End;
            }
            else
            {
                position = found.Index + 2;
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
