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
            SpaceAfterHeadingMarker(text, i, ref copy);
            var next = text.IndexOfAny(LineEnds, i);
            if (next < 0) break;
            lineStart = next + 1;
        }
        NeutralizeBracketFloods(text, ref copy);
        return copy is null ? text : new string(copy);
    }

    /// <summary>
    /// "#\tTitle": Markdig expands that tab to columns and then maps the heading's inline positions off by the
    /// difference (its text, its links' targets and ranges come out wrong, even on the line before). A tab between
    /// the '#' marks and the text means the same as a space, so it becomes one: same length, same heading.
    /// </summary>
    private static void SpaceAfterHeadingMarker(string text, int i, ref char[]? copy)
    {
        var hashes = 0;
        while (i + hashes < text.Length && text[i + hashes] == '#' && hashes < 7) hashes++;
        if (hashes is 0 or > 6) return;
        for (var j = i + hashes; j < text.Length && text[j] is ' ' or '\t'; j++)
        {
            if (text[j] != '\t') continue;
            copy ??= text.ToCharArray();
            copy[j] = ' ';
        }
    }

    /// <summary>
    /// Markdig nests each unclosed '[' of a paragraph one level deeper and, past 10,000 levels, throws for the whole
    /// note (every link of it lost). In a paragraph with more '[' than any real one has, each '[' that does not open
    /// a wikilink on its line is neutralized: the wikilinks there are still found.
    /// </summary>
    private const int MaxBracketsPerParagraph = 5000;

    private static void NeutralizeBracketFloods(string text, ref char[]? copy)
    {
        if (text.AsSpan().Count('[') <= MaxBracketsPerParagraph) return;
        var start = 0;
        while (start < text.Length)
        {
            var end = ParagraphEnd(text, start);
            if (text.AsSpan(start, end - start).Count('[') > MaxBracketsPerParagraph)
            {
                copy ??= text.ToCharArray();
                for (var i = start; i < end; i++)
                {
                    if (text[i] != '[') continue;
                    if (WikiLinkEnd(text, i, end) is > 0 and var close) i = close - 1;
                    else copy[i] = Neutral;
                }
            }
            start = end;
        }
    }

    /// <summary>The offset just past the first blank line at or after start (or the text's end).</summary>
    private static int ParagraphEnd(string text, int start)
    {
        var lineStart = start;
        while (lineStart < text.Length)
        {
            var next = text.IndexOfAny(LineEnds, lineStart);
            var lineEnd = next < 0 ? text.Length : next + 1 < text.Length && text[next] == '\r' && text[next + 1] == '\n' ? next + 2 : next + 1;
            if (text.AsSpan(lineStart, lineEnd - lineStart).Trim(" \t\r\n").IsEmpty) return lineEnd;
            lineStart = lineEnd;
        }
        return text.Length;
    }

    /// <summary>The end of "[[...]]" at i as <see cref="WikiLinkInlineParser"/> matches it (no '[' or line end inside), or -1.</summary>
    private static int WikiLinkEnd(string text, int i, int end)
    {
        if (i + 1 >= end || text[i + 1] != '[') return -1;
        for (var j = i + 2; j < end; j++)
        {
            switch (text[j])
            {
                case '[' or '\n' or '\r':
                    return -1;
                case ']':
                    return j + 1 < end && text[j + 1] == ']' ? j + 2 : -1;
            }
        }
        return -1;
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
