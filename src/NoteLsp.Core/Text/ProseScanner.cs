namespace NoteLsp.Core.Text;

/// <summary>
/// The prose of a note's text, line by line: what unlinked mentions (docs/notes-format.md §13) may look at. Left out:
/// front matter, fenced code, heading lines, inline code, wikilinks, Markdown links and images, bare URLs, HTML
/// comments and <c>%%</c> comments. A light lexical pass over the text, since a parsed note keeps no text and no code spans.
/// </summary>
public sealed class ProseScanner(string text)
{
    private int _offset;
    private int _lineNumber = -1;
    private bool _inFrontMatter;
    private string? _fence;
    private string? _openComment; // "-->" or "%%" while a comment spans lines

    /// <summary>The next line's number and text (without its line break); false at the end.</summary>
    public bool NextLine(out int lineNumber, out string line)
    {
        line = "";
        lineNumber = 0;
        if (_offset > text.Length || _offset == text.Length && _lineNumber >= 0) return false;
        var end = text.IndexOfAny(['\n', '\r'], _offset);
        if (end < 0) end = text.Length;
        line = text[_offset..end];
        _offset = end < text.Length && text[end] == '\r' && end + 1 < text.Length && text[end + 1] == '\n' ? end + 2 : end + 1;
        lineNumber = ++_lineNumber;
        return true;
    }

    /// <summary>The [start, end) column spans of the line that are prose; call once per line, in order.</summary>
    public IEnumerable<(int Start, int End)> ProseSegments(string line)
    {
        var trimmed = line.TrimStart();
        var indent = line.Length - trimmed.Length;
        if (_lineNumber == 0 && line.TrimEnd() == "---")
        {
            _inFrontMatter = true;
            yield break;
        }
        if (_inFrontMatter)
        {
            if (line.TrimEnd() is "---" or "...") _inFrontMatter = false;
            yield break;
        }
        if (_fence is not null)
        {
            if (indent < 4 && trimmed.StartsWith(_fence, StringComparison.Ordinal) && trimmed.TrimEnd().Trim(_fence[0]).Length == 0) _fence = null;
            yield break;
        }
        if (_openComment is null && indent < 4 && (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal)))
        {
            var fenceChar = trimmed[0];
            var length = 0;
            while (length < trimmed.Length && trimmed[length] == fenceChar) length++;
            _fence = new string(fenceChar, length);
            yield break;
        }
        if (_openComment is null && indent < 4 && trimmed.StartsWith('#'))
        {
            var level = 0;
            while (level < trimmed.Length && trimmed[level] == '#') level++;
            if (level <= 6 && (level == trimmed.Length || trimmed[level] is ' ' or '\t')) yield break;
        }

        var start = 0;
        var i = 0;
        if (_openComment is { } closing)
        {
            var close = line.IndexOf(closing, StringComparison.Ordinal);
            if (close < 0) yield break;
            _openComment = null;
            start = i = close + closing.Length;
        }
        while (i < line.Length)
        {
            var skipTo = SkipAt(line, i);
            if (skipTo < 0)
            {
                i++;
                continue;
            }
            if (i > start) yield return (start, i);
            if (skipTo == int.MaxValue) yield break; // a comment that goes on past this line
            start = i = skipTo;
        }
        if (line.Length > start) yield return (start, line.Length);
    }

    /// <summary>Where a construct that is not prose, starting at i, ends; -1 when none starts there; MaxValue past the line.</summary>
    private int SkipAt(string line, int i)
    {
        var c = line[i];
        var rest = line.AsSpan(i);
        switch (c)
        {
            case '`':
                var ticks = 0;
                while (i + ticks < line.Length && line[i + ticks] == '`') ticks++;
                var closeTicks = line.IndexOf(new string('`', ticks), i + ticks, StringComparison.Ordinal);
                return closeTicks < 0 ? i + ticks : closeTicks + ticks;
            case '[' when rest.StartsWith("[["):
                var closeLink = line.IndexOf("]]", i + 2, StringComparison.Ordinal);
                return closeLink < 0 ? line.Length : closeLink + 2;
            case '[' or '!':
                var open = c == '!' ? i + 1 : i;
                if (open >= line.Length || line[open] != '[') return -1;
                var middle = line.IndexOf("](", open + 1, StringComparison.Ordinal);
                var closeParen = middle < 0 ? -1 : line.IndexOf(')', middle + 2);
                return closeParen < 0 ? -1 : closeParen + 1;
            case '<' when rest.StartsWith("<!--"):
                var closeComment = line.IndexOf("-->", i + 4, StringComparison.Ordinal);
                if (closeComment >= 0) return closeComment + 3;
                _openComment = "-->";
                return int.MaxValue;
            case '%' when rest.StartsWith("%%"):
                var closePercent = line.IndexOf("%%", i + 2, StringComparison.Ordinal);
                if (closePercent >= 0) return closePercent + 2;
                _openComment = "%%";
                return int.MaxValue;
            case 'h' when rest.StartsWith("http://") || rest.StartsWith("https://"):
                var space = line.IndexOfAny([' ', '\t', ')', '>'], i);
                return space < 0 ? line.Length : space;
            default:
                return -1;
        }
    }
}
