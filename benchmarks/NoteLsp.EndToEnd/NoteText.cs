namespace NoteLsp.EndToEnd;

/// <summary>Line arithmetic on a note's text in UTF-16 code units (LSP's default encoding): lines end at \n, \r\n or \r.</summary>
public sealed class NoteText
{
    private readonly List<int> _lineStarts = [0];

    public NoteText(string text)
    {
        Text = text;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
            if (text[i] is '\n' or '\r') _lineStarts.Add(i + 1);
        }
    }

    public string Text { get; }

    public int LineCount => _lineStarts.Count;

    /// <summary>The line's text without its line end.</summary>
    public string Line(int line)
    {
        var start = _lineStarts[line];
        var end = line + 1 < _lineStarts.Count ? _lineStarts[line + 1] : Text.Length;
        while (end > start && Text[end - 1] is '\n' or '\r') end--;
        return Text[start..end];
    }

    /// <summary>The position just past the last character.</summary>
    public (int Line, int Character) End => (LineCount - 1, Line(LineCount - 1).Length);

    public static string Read(string path) => File.ReadAllText(path);
}
