namespace NoteLsp.Core.Parsing;

/// <summary>
/// A YouTube link at a moment on one line (docs/notes-format.md §6.2). Start/End are the columns it covers with its
/// container: the bare URL, <c>&lt;url&gt;</c>, or the whole <c>[label](url)</c> (Label then holds the label's text).
/// </summary>
public sealed record VideoLink(int Start, int End, string VideoId, int Seconds, string? Label);

/// <summary>Finds <c>https://youtu.be/ID?t=119</c> and <c>https://www.youtube.com/watch?v=ID&amp;t=1m59s</c> links in a line, without regular expressions.</summary>
public static class VideoLinks
{
    public static IEnumerable<VideoLink> In(ReadOnlySpan<char> line)
    {
        var result = new List<VideoLink>();
        var from = 0;
        while (from < line.Length)
        {
            var at = line[from..].IndexOf("http", StringComparison.OrdinalIgnoreCase);
            if (at < 0) break;
            var start = from + at;
            var end = start;
            while (end < line.Length && !IsUrlEnd(line[end])) end++;
            while (end > start && line[end - 1] is '.' or ',' or ';' or ':' or '!' or '?') end--;
            from = Math.Max(end, start + 4);
            if (InCodeSpan(line, start) || !TryParse(line[start..end], out var id, out var seconds)) continue;
            result.Add(Contained(line, start, end, id, seconds));
        }
        return result;
    }

    private static bool IsUrlEnd(char c) => char.IsWhiteSpace(c) || c is '<' or '>' or ')' or ']' or '"' or '\'' or '`';

    /// <summary>An odd number of backticks before the link on its line: it sits in a code span.</summary>
    private static bool InCodeSpan(ReadOnlySpan<char> line, int start) => line[..start].Count('`') % 2 == 1;

    private static VideoLink Contained(ReadOnlySpan<char> line, int start, int end, string id, int seconds)
    {
        if (start > 0 && line[start - 1] == '<' && end < line.Length && line[end] == '>') return new VideoLink(start - 1, end + 1, id, seconds, null);
        if (start > 1 && line[start - 1] == '(' && line[start - 2] == ']' && end < line.Length && line[end] == ')')
        {
            var open = line[..(start - 2)].LastIndexOf('[');
            if (open >= 0 && (open == 0 || line[open - 1] != '!'))
            {
                var label = line[(open + 1)..(start - 2)].Trim().ToString();
                // A label that only repeats the link or the time adds nothing next to the timestamp.
                var keep = label.Length > 0 && !label.StartsWith("http", StringComparison.OrdinalIgnoreCase) && !TimeText.LooksLikeTime(label);
                return new VideoLink(open, end + 1, id, seconds, keep ? label : null);
            }
        }
        return new VideoLink(start, end, id, seconds, null);
    }

    /// <summary>A youtu.be or youtube.com/watch URL with a video id and a moment (t=119, 119s, 1m59s, 1h2m3s).</summary>
    public static bool TryParse(ReadOnlySpan<char> url, out string videoId, out int seconds)
    {
        videoId = "";
        seconds = 0;
        if (url.StartsWith("https://", StringComparison.OrdinalIgnoreCase)) url = url[8..];
        else if (url.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) url = url[7..];
        else return false;
        var slash = url.IndexOf('/');
        if (slash < 0) return false;
        var host = url[..slash];
        var rest = url[(slash + 1)..];
        var queryAt = rest.IndexOfAny('?', '#');
        var path = queryAt < 0 ? rest : rest[..queryAt];
        var query = queryAt < 0 ? ReadOnlySpan<char>.Empty : rest[(queryAt + 1)..];
        string? id = null;
        int? moment = null;
        if (host.Equals("youtu.be", StringComparison.OrdinalIgnoreCase))
        {
            id = path.ToString();
        }
        else if (host.Equals("youtube.com", StringComparison.OrdinalIgnoreCase) || host.Equals("www.youtube.com", StringComparison.OrdinalIgnoreCase)
            || host.Equals("m.youtube.com", StringComparison.OrdinalIgnoreCase))
        {
            if (!path.Equals("watch", StringComparison.Ordinal)) return false;
        }
        else
        {
            return false;
        }
        foreach (var range in query.SplitAny('&', '#'))
        {
            var pair = query[range];
            if (pair.StartsWith("v=", StringComparison.Ordinal) && id is null) id = pair[2..].ToString();
            else if (pair.StartsWith("t=", StringComparison.Ordinal) && TryParseMoment(pair[2..], out var s)) moment = s;
        }
        if (id is not { Length: > 0 } || !IsVideoId(id) || moment is not { } found) return false;
        videoId = id;
        seconds = found;
        return true;
    }

    private static bool IsVideoId(string id) => id.Length <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>119, 119s, 1m59s, 1h2m3s, 2m.</summary>
    private static bool TryParseMoment(ReadOnlySpan<char> text, out int seconds)
    {
        seconds = 0;
        if (text.IsEmpty) return false;
        long total = 0, number = 0;
        var digits = 0;
        var lastUnit = 4;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                if (++digits > 6) return false;
                number = number * 10 + (c - '0');
                continue;
            }
            var unit = c switch { 'h' => 3, 'm' => 2, 's' => 1, _ => 0 };
            if (unit == 0 || digits == 0 || unit >= lastUnit) return false;
            total += number * (unit == 3 ? 3600 : unit == 2 ? 60 : 1);
            number = 0;
            digits = 0;
            lastUnit = unit;
        }
        if (digits > 0)
        {
            if (lastUnit != 4) return false; // "1m59" : a bare number only as the whole value
            total = number;
        }
        if (total > int.MaxValue / 2) return false;
        seconds = (int)total;
        return true;
    }
}
