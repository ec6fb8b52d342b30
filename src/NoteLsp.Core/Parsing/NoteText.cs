namespace NoteLsp.Core.Parsing;

public readonly record struct DecodedText(string Text, bool HadInvalidUtf8);

/// <summary>Turns a file's bytes into text: UTF-8 (BOM stripped), UTF-16 with a BOM, invalid UTF-8 read with U+FFFD and flagged.</summary>
public static class NoteText
{
    public static DecodedText Decode(ReadOnlySpan<byte> bytes) => throw new NotImplementedException("parser helper");
}
