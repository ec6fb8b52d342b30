namespace NoteLsp.Core.Text;

/// <summary>A zero-based line and a zero-based column counted in UTF-16 code units (the LSP default).</summary>
public readonly record struct TextPosition(int Line, int Character) : IComparable<TextPosition>
{
    public int CompareTo(TextPosition other) =>
        Line != other.Line ? Line.CompareTo(other.Line) : Character.CompareTo(other.Character);

    public static bool operator <(TextPosition a, TextPosition b) => a.CompareTo(b) < 0;
    public static bool operator >(TextPosition a, TextPosition b) => a.CompareTo(b) > 0;
    public static bool operator <=(TextPosition a, TextPosition b) => a.CompareTo(b) <= 0;
    public static bool operator >=(TextPosition a, TextPosition b) => a.CompareTo(b) >= 0;

    public override string ToString() => $"{Line}:{Character}";
}

/// <summary>A half-open range [Start, End) in UTF-16 positions.</summary>
public readonly record struct TextRange(TextPosition Start, TextPosition End)
{
    public TextRange(int startLine, int startCharacter, int endLine, int endCharacter)
        : this(new TextPosition(startLine, startCharacter), new TextPosition(endLine, endCharacter)) { }

    public static TextRange Empty(TextPosition at) => new(at, at);

    public bool IsEmpty => Start == End;

    /// <summary>True when the position is inside the range or touches its end (a cursor right after a link is on it).</summary>
    public bool Contains(TextPosition position) => Start <= position && position <= End;

    public override string ToString() => $"{Start}-{End}";
}
