namespace NoteLsp.Core.Parsing;

/// <summary>Video times (docs/notes-format.md §6): F:SS or F:MM:SS, F 1–3 digits, later fields exactly two digits 00–59.</summary>
public static class TimeText
{
    /// <summary>True when the text is a valid time; seconds is the moment it names.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out int seconds)
    {
        seconds = 0;
        var first = text.IndexOf(':');
        if (first < 1 || first > 3) return false;
        var head = text[..first];
        foreach (var c in head) if (!char.IsAsciiDigit(c)) return false;
        var rest = text[(first + 1)..];
        var fields = new List<int>(2);
        while (true)
        {
            if (rest.Length < 2 || !char.IsAsciiDigit(rest[0]) || !char.IsAsciiDigit(rest[1])) return false;
            var value = (rest[0] - '0') * 10 + (rest[1] - '0');
            if (value > 59) return false;
            fields.Add(value);
            if (rest.Length == 2) break;
            if (rest[2] != ':' || fields.Count == 2) return false;
            rest = rest[3..];
        }
        var lead = int.Parse(head);
        seconds = fields.Count == 1 ? lead * 60 + fields[0] : lead * 3600 + fields[0] * 60 + fields[1];
        return true;
    }

    /// <summary>"Looks like a time": non-empty, only digits and colons, at least one colon and one digit (Form B detection).</summary>
    public static bool LooksLikeTime(ReadOnlySpan<char> text)
    {
        if (text.Length == 0) return false;
        bool colon = false, digit = false;
        foreach (var c in text)
        {
            if (c == ':') colon = true;
            else if (char.IsAsciiDigit(c)) digit = true;
            else return false;
        }
        return colon && digit;
    }

    /// <summary>A duration from front matter: H:MM:SS, MM:SS or whole seconds.</summary>
    public static bool TryParseDuration(string text, out int seconds)
    {
        text = text.Trim();
        if (text.Length > 0 && text.All(char.IsAsciiDigit))
        {
            return int.TryParse(text, out seconds);
        }
        return TryParse(text, out seconds);
    }

    /// <summary>Formats seconds the way the note shows times: M:SS / MM:SS under an hour, H:MM:SS above.</summary>
    public static string Format(int seconds, bool withHours)
    {
        var h = seconds / 3600;
        var m = seconds % 3600 / 60;
        var s = seconds % 60;
        return withHours || h > 0 ? $"{h:00}:{m:00}:{s:00}" : $"{m:00}:{s:00}";
    }
}
