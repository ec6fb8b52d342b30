using System.Text;
using System.Text.Unicode;

namespace NoteLsp.Core.Parsing;

/// <param name="Text">the decoded text, without a byte order mark</param>
/// <param name="HadInvalidUtf8">the bytes were not a valid encoding (invalid UTF-8, or broken UTF-16 after a UTF-16 BOM) and were decoded with U+FFFD</param>
public readonly record struct DecodedText(string Text, bool HadInvalidUtf8);

/// <summary>Turns a file's bytes into text: UTF-8 (BOM stripped), UTF-16 with a BOM, invalid UTF-8 read with U+FFFD and flagged.</summary>
public static class NoteText
{
    private static readonly UTF8Encoding Utf8Replacing = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);
    private static readonly UnicodeEncoding Utf16LeReplacing = new(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: false);
    private static readonly UnicodeEncoding Utf16BeReplacing = new(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: false);
    private static readonly UnicodeEncoding Utf16LeStrict = new(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true);
    private static readonly UnicodeEncoding Utf16BeStrict = new(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true);

    /// <summary>Never throws: any byte sequence (empty, NUL bytes, binary) gives some text.</summary>
    public static DecodedText Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty) return new DecodedText(string.Empty, false);

        if (bytes is [0xEF, 0xBB, 0xBF, ..]) return DecodeUtf8(bytes[3..]);
        if (bytes is [0xFF, 0xFE, ..]) return DecodeUtf16(bytes[2..], Utf16LeStrict, Utf16LeReplacing);
        if (bytes is [0xFE, 0xFF, ..]) return DecodeUtf16(bytes[2..], Utf16BeStrict, Utf16BeReplacing);
        return DecodeUtf8(bytes);
    }

    private static DecodedText DecodeUtf8(ReadOnlySpan<byte> bytes)
    {
        // Utf8.IsValid is vectorized; the replacing decoder then yields U+FFFD per maximal invalid subpart.
        var valid = Utf8.IsValid(bytes);
        return new DecodedText(Utf8Replacing.GetString(bytes), !valid);
    }

    private static DecodedText DecodeUtf16(ReadOnlySpan<byte> bytes, UnicodeEncoding strict, UnicodeEncoding replacing)
    {
        // An odd trailing byte or a lone surrogate makes the file as broken as invalid UTF-8; the strict decoder
        // tells (exceptions only happen for broken files, so the cost does not matter).
        try
        {
            return new DecodedText(strict.GetString(bytes), false);
        }
        catch (DecoderFallbackException)
        {
            return new DecodedText(replacing.GetString(bytes), true);
        }
    }
}
