namespace NoteLsp.Core.Parsing;

/// <summary>
/// Obsidian comments (docs/notes-format.md §10): `%%` opens, the next `%%` closes, on the same line or many lines later;
/// an unclosed `%%` runs to the end of the note. `%%` inside a fenced code block or an inline code span is text.
/// One pass over the note, linear in its length.
/// </summary>
public static class CommentSyntax
{
    /// <summary>The comments of <paramref name="text"/> from <paramref name="bodyStart"/> on (past the front matter), as offsets, in text order.</summary>
    public static CommentSpans Find(string text, int bodyStart = 0)
    {
        if (text.IndexOf("%%", Math.Clamp(bodyStart, 0, text.Length), StringComparison.Ordinal) < 0) return CommentSpans.None;
        var spans = new List<(int Start, int End)>();
        var fenceChar = '\0';
        var fenceLength = 0;
        var atLineStart = true;
        var p = Math.Max(bodyStart, 0);
        while (p < text.Length)
        {
            var lineEnd = text.AsSpan(p).IndexOfAny('\r', '\n');
            lineEnd = lineEnd < 0 ? text.Length : p + lineEnd;
            var next = lineEnd < text.Length && text[lineEnd] == '\r' && lineEnd + 1 < text.Length && text[lineEnd + 1] == '\n' ? lineEnd + 2 : Math.Min(lineEnd + 1, text.Length);
            if (atLineStart)
            {
                if (fenceChar != '\0')
                {
                    if (Fence(text, p, lineEnd) is { } closing && closing.Char == fenceChar && closing.Length >= fenceLength && closing.InfoIsBlank) fenceChar = '\0';
                    p = next;
                    continue;
                }
                if (Fence(text, p, lineEnd) is { } opening)
                {
                    (fenceChar, fenceLength) = (opening.Char, opening.Length);
                    p = next;
                    continue;
                }
            }
            var open = OpeningOutsideCode(text, p, lineEnd);
            if (open < 0)
            {
                p = next;
                atLineStart = true;
                continue;
            }
            var close = text.IndexOf("%%", open + 2, StringComparison.Ordinal);
            var end = close < 0 ? text.Length : close + 2;
            spans.Add((open, end));
            p = end;
            atLineStart = false;
            if (p < text.Length && text[p] is '\r' or '\n')
            {
                // The comment ended its line: what follows starts a new line (a fence may open there).
                p = text[p] == '\r' && p + 1 < text.Length && text[p + 1] == '\n' ? p + 2 : p + 1;
                atLineStart = true;
            }
        }
        return new CommentSpans([.. spans]);
    }

    private readonly record struct FenceLine(char Char, int Length, bool InfoIsBlank);

    /// <summary>A ``` or ~~~ fence line (up to three spaces of indent), or null.</summary>
    private static FenceLine? Fence(string text, int start, int end)
    {
        var i = start;
        while (i < end && i - start < 4 && text[i] == ' ') i++;
        if (i - start > 3 || i >= end || text[i] is not ('`' or '~')) return null;
        var c = text[i];
        var runStart = i;
        while (i < end && text[i] == c) i++;
        var length = i - runStart;
        if (length < 3) return null;
        var info = text.AsSpan(i, end - i);
        if (c == '`' && info.Contains('`')) return null;
        return new FenceLine(c, length, info.IsWhiteSpace());
    }

    /// <summary>Where the first `%%` outside an inline code span sits on [start, end), or -1.</summary>
    private static int OpeningOutsideCode(string text, int start, int end)
    {
        var line = text.AsSpan(start, end - start);
        var firstPercent = line.IndexOf("%%", StringComparison.Ordinal);
        if (firstPercent < 0) return -1;
        var firstTick = line.IndexOf('`');
        if (firstTick < 0 || firstTick > firstPercent) return start + firstPercent;
        var spans = CodeSpans(text, start, end);
        var s = 0;
        for (var i = start; i + 1 < end; i++)
        {
            while (s < spans.Count && spans[s].End <= i) s++;
            if (s < spans.Count && spans[s].Start <= i)
            {
                i = spans[s].End - 1;
                continue;
            }
            if (text[i] == '%' && text[i + 1] == '%') return i;
        }
        return -1;
    }

    /// <summary>
    /// The code spans of one line: a backtick run closes at the next run of the same length. Runs are listed once and
    /// each is paired through a "next run of this length" table, so a line full of unmatched backticks stays linear.
    /// </summary>
    private static List<(int Start, int End)> CodeSpans(string text, int start, int end)
    {
        var runs = new List<(int Start, int Length)>();
        for (var i = start; i < end;)
        {
            if (text[i] != '`')
            {
                i++;
                continue;
            }
            var runStart = i;
            while (i < end && text[i] == '`') i++;
            runs.Add((runStart, i - runStart));
        }
        var nextSame = new int[runs.Count];
        var lastByLength = new Dictionary<int, int>();
        for (var r = runs.Count - 1; r >= 0; r--)
        {
            nextSame[r] = lastByLength.GetValueOrDefault(runs[r].Length, -1);
            lastByLength[runs[r].Length] = r;
        }
        var spans = new List<(int Start, int End)>();
        for (var r = 0; r < runs.Count;)
        {
            var close = nextSame[r];
            if (close < 0)
            {
                r++;
                continue;
            }
            spans.Add((runs[r].Start, runs[close].Start + runs[close].Length));
            r = close + 1;
        }
        return spans;
    }
}

/// <summary>The comments of one note as sorted, disjoint offset spans [Start, End) that include the `%%` marks.</summary>
public sealed class CommentSpans((int Start, int End)[] spans)
{
    public static CommentSpans None { get; } = new([]);

    public IReadOnlyList<(int Start, int End)> Spans => spans;

    /// <summary>Whether the character at <paramref name="offset"/> is part of a comment (binary search; O(1) without comments).</summary>
    public bool Contains(int offset)
    {
        if (spans.Length == 0) return false;
        int lo = 0, hi = spans.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (offset < spans[mid].Start) hi = mid - 1;
            else if (offset >= spans[mid].End) lo = mid + 1;
            else return true;
        }
        return false;
    }
}
