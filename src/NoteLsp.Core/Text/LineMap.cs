namespace NoteLsp.Core.Text;

/// <summary>
/// Maps UTF-16 offsets of a text to line/character positions and back.
/// Lines end at "\n", "\r\n" or a lone "\r" (docs/notes-format.md §8).
/// </summary>
public sealed class LineMap
{
    private readonly int[] _lineStarts;
    private readonly int _length;

    private LineMap(int[] lineStarts, int length)
    {
        _lineStarts = lineStarts;
        _length = length;
    }

    public static LineMap Build(string text)
    {
        // Every note read makes one, so no list that grows and is copied: the line ends are counted with a vectorized
        // search, then their offsets written into an array of the exact size (the list and its copies were a large share
        // of a cold scan's garbage).
        var span = text.AsSpan();
        var count = 1;
        for (var next = NextLineStart(span, 0); next >= 0; next = NextLineStart(span, next)) count++;
        var starts = new int[count];
        for (int next = NextLineStart(span, 0), line = 1; next >= 0; next = NextLineStart(span, next)) starts[line++] = next;
        return new LineMap(starts, text.Length);
    }

    /// <summary>Where the line after the first line end at or after from starts ("\r\n", "\r" and "\n" each end a line); -1 when no line end follows.</summary>
    private static int NextLineStart(ReadOnlySpan<char> text, int from)
    {
        var found = text[from..].IndexOfAny('\r', '\n');
        if (found < 0) return -1;
        var at = from + found;
        return text[at] == '\r' && at + 1 < text.Length && text[at + 1] == '\n' ? at + 2 : at + 1;
    }

    public int LineCount => _lineStarts.Length;

    public int TextLength => _length;

    /// <summary>Offset of the first character of a line (clamped to the text).</summary>
    public int LineStart(int line) =>
        line < 0 ? 0 : line >= _lineStarts.Length ? _length : _lineStarts[line];

    /// <summary>Offset just past the line's last character, before its line end.</summary>
    public int LineContentEnd(string text, int line)
    {
        if (line < 0) return 0;
        if (line >= _lineStarts.Length) return _length;
        var end = line + 1 < _lineStarts.Length ? _lineStarts[line + 1] : _length;
        if (end > _lineStarts[line] && end <= text.Length && end - 1 >= 0 && (text[end - 1] == '\n' || text[end - 1] == '\r'))
        {
            end--;
            if (end > _lineStarts[line] && text[end] == '\n' && text[end - 1] == '\r') end--;
        }
        return end;
    }

    /// <summary>
    /// The line of the last <see cref="PositionAt"/>: a hint only, checked before use. The parser asks for the
    /// positions of a note's elements in order, mostly on the same line or the next, and a binary search per
    /// position was 4 % of a cold scan's CPU. Requests on other threads may share a map: any line written here is a
    /// valid one, so a race only costs a search.
    /// </summary>
    private int _lastLine;

    public TextPosition PositionAt(int offset)
    {
        if (offset <= 0) return new TextPosition(0, 0);
        if (offset > _length) offset = _length;
        var starts = _lineStarts;
        var hint = _lastLine;
        for (var line = hint; line < starts.Length && line <= hint + 1 && starts[line] <= offset; line++)
        {
            if (line + 1 == starts.Length || offset < starts[line + 1])
            {
                _lastLine = line;
                return new TextPosition(line, offset - starts[line]);
            }
        }
        var index = starts.AsSpan().BinarySearch(offset);
        var found = index >= 0 ? index : ~index - 1;
        _lastLine = found;
        return new TextPosition(found, offset - starts[found]);
    }

    public TextRange RangeAt(int startOffset, int endOffset) => new(PositionAt(startOffset), PositionAt(endOffset));

    /// <summary>The offset of a position; a position past the end of its line is clamped to the line's end, past the last line to the text's end.</summary>
    public int OffsetAt(string text, TextPosition position)
    {
        if (position.Line < 0) return 0;
        if (position.Line >= _lineStarts.Length) return _length;
        var start = _lineStarts[position.Line];
        var end = LineContentEnd(text, position.Line);
        var character = Math.Max(0, position.Character);
        return Math.Min(start + character, end);
    }
}
