namespace NoteLsp.Core.Parsing;

/// <summary>
/// Markdig's block parsing grows quadratically with container depth (a 1,000-level list staircase takes
/// seconds). Lines nested deeper than any real note have their leading indentation, quote markers and list markers
/// replaced by no-break spaces: the same length, so every offset and range stays exact, but Markdown sees
/// plain text there and the links on those lines are still found.
/// </summary>
internal static class NestingGuard
{
    private const int MaxIndentColumns = 96;
    private const int MaxContainers = 32;
    private const char Neutral = '\u00A0';

    public static string Flatten(string text)
    {
        char[]? copy = null;
        var lineStart = 0;
        while (lineStart < text.Length)
        {
            int columns = 0, containers = 0, i = lineStart;
            while (i < text.Length)
            {
                var c = text[i];
                if (c == ' ') columns++;
                else if (c == '\t') columns += 4;
                else if (c == '>') { containers++; columns++; }
                else if (ListMarkerLength(text, i) is > 0 and var length) { containers++; columns += length; i += length - 1; }
                else break;
                i++;
            }
            if (columns > MaxIndentColumns || containers > MaxContainers)
            {
                copy ??= text.ToCharArray();
                Array.Fill(copy, Neutral, lineStart, i - lineStart);
            }
            var next = text.IndexOfAny(LineEnds, i);
            if (next < 0) break;
            lineStart = next + 1;
        }
        return copy is null ? text : new string(copy);
    }

    /// <summary>Length of a list marker ("- ", "* ", "+ ", "12. ", "3) ") at i, without its trailing blank; 0 when there is none.</summary>
    private static int ListMarkerLength(string text, int i)
    {
        var j = i;
        if (text[j] is '-' or '*' or '+') j++;
        else
        {
            while (j < text.Length && j - i < 9 && char.IsAsciiDigit(text[j])) j++;
            if (j == i || j >= text.Length || text[j] is not ('.' or ')')) return 0;
            j++;
        }
        return j < text.Length && text[j] is ' ' or '\t' ? j - i : 0;
    }

    private static readonly char[] LineEnds = ['\n', '\r'];
}
