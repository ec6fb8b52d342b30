using NoteLsp.Core.Text;
using NoteLsp.Server.Protocol;

namespace NoteLsp.Server.Conversion;

/// <summary>A text with its line map: what position conversion and clamping need.</summary>
public sealed class TextLines
{
    public TextLines(string text)
    {
        Text = text;
        Map = LineMap.Build(text);
    }

    public TextLines(string text, LineMap map)
    {
        Text = text;
        Map = map;
    }

    public string Text { get; }

    public LineMap Map { get; }

    /// <summary>The characters of a line without its line end ("" past the last line).</summary>
    public ReadOnlySpan<char> Line(int line)
    {
        if (line < 0 || line >= Map.LineCount) return ReadOnlySpan<char>.Empty;
        var start = Map.LineStart(line);
        return Text.AsSpan(start, Map.LineContentEnd(Text, line) - start);
    }

    /// <summary>A UTF-16 position moved inside the text: past the end of a line → its end, past the last line → the text's end.</summary>
    public TextPosition Clamp(TextPosition position) => Map.PositionAt(Map.OffsetAt(Text, position));

    /// <summary>Lines longer than this get a table of UTF-8 byte counts, one entry per this many UTF-16 units.</summary>
    private const int Utf8CheckpointSpacing = 1024;

    private System.Collections.Concurrent.ConcurrentDictionary<int, int[]>? _utf8Checkpoints;

    /// <summary>
    /// The UTF-8 column of a UTF-16 position on its line. A short line is counted from its start; a long one from the
    /// nearest checkpoint, so converting every link of a 5 MB one-line note costs linear time, not quadratic.
    /// </summary>
    public int Utf8Column(TextPosition position)
    {
        var line = Line(position.Line);
        if (line.Length <= Utf8CheckpointSpacing * 4) return PositionEncoder.Utf16ToUtf8Column(line, position.Character);
        var column = Math.Min(Math.Max(0, position.Character), line.Length);
        var checkpoints = (_utf8Checkpoints ??= new()).GetOrAdd(position.Line, static (_, l) => Checkpoints(l.Text.AsSpan(l.Start, l.Length)), (Text: Text, Start: Map.LineStart(position.Line), line.Length));
        var index = column / Utf8CheckpointSpacing;
        var from = index * Utf8CheckpointSpacing;
        // A checkpoint inside a surrogate pair would split it: count that one from the line's start.
        if (from > 0 && from < line.Length && char.IsLowSurrogate(line[from]) && char.IsHighSurrogate(line[from - 1])) return PositionEncoder.Utf16ToUtf8Column(line, column);
        return checkpoints[index] + PositionEncoder.Utf16ToUtf8Column(line[from..], column - from);
    }

    /// <summary>checkpoints[k] = UTF-8 bytes of the line's first k × spacing UTF-16 units, in one pass.</summary>
    private static int[] Checkpoints(ReadOnlySpan<char> line)
    {
        var checkpoints = new int[line.Length / Utf8CheckpointSpacing + 1];
        var bytes = 0;
        var next = 1;
        var i = 0;
        while (i < line.Length)
        {
            while (next < checkpoints.Length && i >= next * Utf8CheckpointSpacing) checkpoints[next++] = bytes;
            var c = line[i];
            var isPair = char.IsHighSurrogate(c) && i + 1 < line.Length && char.IsLowSurrogate(line[i + 1]);
            bytes += isPair ? 4 : c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
            i += isPair ? 2 : 1;
        }
        while (next < checkpoints.Length) checkpoints[next++] = bytes;
        return checkpoints;
    }
}

/// <summary>
/// Converts between the Core's UTF-16 positions and the client's negotiated encoding (UTF-16 by default,
/// UTF-8 when the client offers it, as Helix does). UTF-8 columns need the line's text.
/// </summary>
public sealed class PositionEncoder
{
    public static PositionEncoder Utf16 { get; } = new(PositionEncodingKind.Utf16);

    public static PositionEncoder Utf8 { get; } = new(PositionEncodingKind.Utf8);

    private PositionEncoder(string kind) => Kind = kind;

    /// <summary>"utf-16" or "utf-8", as declared in the server capabilities.</summary>
    public string Kind { get; }

    public bool IsUtf8 => Kind == PositionEncodingKind.Utf8;

    /// <summary>UTF-8 whenever the client lists it in general.positionEncodings (Helix does), else the LSP default UTF-16.</summary>
    public static PositionEncoder Negotiate(IReadOnlyList<string>? offered) =>
        offered is not null && offered.Contains(PositionEncodingKind.Utf8) ? Utf8 : Utf16;

    /// <summary>Client position → Core position, clamped into the text when the text is known.</summary>
    public TextPosition FromLsp(LspPosition position, TextLines? lines)
    {
        var line = Math.Max(0, position.Line);
        var character = Math.Max(0, position.Character);
        if (lines is null) return new TextPosition(line, character);
        if (IsUtf8) character = Utf8ToUtf16Column(lines.Line(line), character);
        return lines.Clamp(new TextPosition(line, character));
    }

    /// <summary>Core position → client position. Without the text a UTF-8 column cannot be computed and is passed through.</summary>
    public LspPosition ToLsp(TextPosition position, TextLines? lines)
    {
        if (!IsUtf8 || lines is null) return new LspPosition(position.Line, position.Character);
        return new LspPosition(position.Line, lines.Utf8Column(position));
    }

    public LspRange ToLsp(TextRange range, TextLines? lines) => new(ToLsp(range.Start, lines), ToLsp(range.End, lines));

    public TextRange FromLsp(LspRange range, TextLines? lines) => new(FromLsp(range.Start, lines), FromLsp(range.End, lines));

    /// <summary>Number of UTF-8 bytes of the first utf16Column characters of the line (clamped to the line).</summary>
    public static int Utf16ToUtf8Column(ReadOnlySpan<char> line, int utf16Column)
    {
        var end = Math.Min(Math.Max(0, utf16Column), line.Length);
        var bytes = 0;
        for (var i = 0; i < end; i++)
        {
            var c = line[i];
            if (char.IsHighSurrogate(c) && i + 1 < line.Length && char.IsLowSurrogate(line[i + 1]))
            {
                bytes += 4;
                i++;
            }
            else
            {
                bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
            }
        }
        return bytes;
    }

    /// <summary>The UTF-16 column at a UTF-8 byte column; a column inside a character lands at that character's start, past the end at the line's end.</summary>
    public static int Utf8ToUtf16Column(ReadOnlySpan<char> line, int utf8Column)
    {
        var bytes = 0;
        var i = 0;
        while (i < line.Length)
        {
            var c = line[i];
            var isPair = char.IsHighSurrogate(c) && i + 1 < line.Length && char.IsLowSurrogate(line[i + 1]);
            var width = isPair ? 4 : c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
            if (bytes + width > utf8Column) return i;
            bytes += width;
            i += isPair ? 2 : 1;
        }
        return line.Length;
    }
}
