using System.Text;

namespace NoteLsp.VaultGenerator;

/// <summary>A 0-based line and UTF-16 column, as LSP counts them.</summary>
public readonly record struct Pos(int Line, int Character);

/// <summary>
/// Builds one note's text and knows where it is: every write goes through here, so the position of each
/// planted element is exact (lines and UTF-16 columns) whatever the line ends are.
/// </summary>
internal sealed class NoteWriter
{
    /// <summary>Stands for one invalid byte in the output; a private-use character never written otherwise.</summary>
    public const char InvalidBytePlaceholder = '\uE000';

    private readonly StringBuilder _text;
    private readonly string _newLine;
    private int _line;
    private int _column;

    public NoteWriter(string newLine, int capacity)
    {
        _newLine = newLine;
        _text = new StringBuilder(capacity);
    }

    public Pos Position => new(_line, _column);

    public int CurrentLine => _line;

    public int Length => _text.Length;

    /// <summary>Text without line breaks.</summary>
    public NoteWriter Write(string s)
    {
        if (s.AsSpan().IndexOfAny('\n', '\r') >= 0) throw new ArgumentException("use NewLine for line breaks", nameof(s));
        _text.Append(s);
        _column += s.Length;
        return this;
    }

    public NoteWriter Write(char c)
    {
        if (c is '\n' or '\r') throw new ArgumentException("use NewLine for line breaks", nameof(c));
        _text.Append(c);
        _column++;
        return this;
    }

    public NoteWriter NewLine()
    {
        _text.Append(_newLine);
        _line++;
        _column = 0;
        return this;
    }

    public NoteWriter WriteLine(string s) => Write(s).NewLine();

    public bool AtLineStart => _column == 0;

    /// <summary>UTF-8 bytes; each placeholder becomes the single byte 0xE9 (a Latin-1 'é'), which is not valid UTF-8 before a space.</summary>
    public byte[] ToBytes(bool withBom)
    {
        var text = _text.ToString();
        var utf8 = new UTF8Encoding(false, true);
        var placeholder = utf8.GetBytes(InvalidBytePlaceholder.ToString());
        var bytes = utf8.GetBytes(text);
        var hasPlaceholder = text.Contains(InvalidBytePlaceholder);
        if (!hasPlaceholder && !withBom) return bytes;
        using var output = new MemoryStream(bytes.Length + 3);
        if (withBom) output.Write([0xEF, 0xBB, 0xBF]);
        var span = bytes.AsSpan();
        while (true)
        {
            var at = span.IndexOf(placeholder);
            if (at < 0) { output.Write(span); break; }
            output.Write(span[..at]);
            output.WriteByte(0xE9);
            span = span[(at + placeholder.Length)..];
        }
        return output.ToArray();
    }

    public override string ToString() => _text.ToString();
}
