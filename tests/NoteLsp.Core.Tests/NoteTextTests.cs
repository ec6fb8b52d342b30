using System.Text;
using FsCheck.Xunit;
using NoteLsp.Core.Parsing;

namespace NoteLsp.Core.Tests;

public class NoteTextTests
{
    private const string Sample = "# Café 😀\nline two — ünïcödé\n漢字";

    private static byte[] Bytes(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    [Fact]
    public void Utf8_without_bom_is_decoded_as_is()
    {
        var decoded = NoteText.Decode(Encoding.UTF8.GetBytes(Sample));
        Assert.Equal(Sample, decoded.Text);
        Assert.False(decoded.HadInvalidUtf8);
    }

    [Fact]
    public void Utf8_bom_is_stripped()
    {
        var decoded = NoteText.Decode(Bytes([0xEF, 0xBB, 0xBF], Encoding.UTF8.GetBytes(Sample)));
        Assert.Equal(Sample, decoded.Text);
        Assert.False(decoded.HadInvalidUtf8);
    }

    [Fact]
    public void Only_one_bom_is_stripped()
    {
        // A second U+FEFF is content (a zero-width no-break space), not an encoding mark.
        var decoded = NoteText.Decode(Bytes([0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF], "x"u8.ToArray()));
        Assert.Equal("\uFEFFx", decoded.Text);
    }

    [Fact]
    public void Utf16_little_endian_with_bom_is_decoded_as_utf16()
    {
        var decoded = NoteText.Decode(Bytes([0xFF, 0xFE], Encoding.Unicode.GetBytes(Sample)));
        Assert.Equal(Sample, decoded.Text);
        Assert.False(decoded.HadInvalidUtf8);
    }

    [Fact]
    public void Utf16_big_endian_with_bom_is_decoded_as_utf16()
    {
        var decoded = NoteText.Decode(Bytes([0xFE, 0xFF], Encoding.BigEndianUnicode.GetBytes(Sample)));
        Assert.Equal(Sample, decoded.Text);
        Assert.False(decoded.HadInvalidUtf8);
    }

    [Fact]
    public void Broken_utf16_is_flagged_and_keeps_its_valid_part()
    {
        // An odd trailing byte cannot be a UTF-16 code unit.
        var decoded = NoteText.Decode(Bytes([0xFF, 0xFE], Encoding.Unicode.GetBytes("ok"), [0x41]));
        Assert.True(decoded.HadInvalidUtf8);
        Assert.StartsWith("ok", decoded.Text);
        Assert.Contains('\uFFFD', decoded.Text);
    }

    [Fact]
    public void Invalid_utf8_is_flagged_and_replaced_with_fffd_keeping_valid_parts()
    {
        var decoded = NoteText.Decode(Bytes("abc "u8.ToArray(), [0xFF], " déjà vu"u8.ToArray()));
        Assert.True(decoded.HadInvalidUtf8);
        Assert.Equal("abc \uFFFD déjà vu", decoded.Text);
    }

    [Fact]
    public void Latin1_text_is_invalid_utf8()
    {
        // What a note saved by an old Windows editor looks like.
        var decoded = NoteText.Decode(Encoding.Latin1.GetBytes("Caf\u00e9 cr\u00e8me\n"));
        Assert.True(decoded.HadInvalidUtf8);
        Assert.Equal("Caf\uFFFD cr\uFFFDme\n", decoded.Text);
    }

    [Fact]
    public void Truncated_sequence_at_the_end_is_flagged()
    {
        // The first two bytes of "€" (E2 82 AC).
        var decoded = NoteText.Decode(Bytes("price "u8.ToArray(), [0xE2, 0x82]));
        Assert.True(decoded.HadInvalidUtf8);
        Assert.Equal("price \uFFFD", decoded.Text);
    }

    [Fact]
    public void Overlong_encoding_and_encoded_surrogate_are_invalid()
    {
        Assert.True(NoteText.Decode(new byte[] { 0xC0, 0xAF }).HadInvalidUtf8);
        Assert.True(NoteText.Decode(new byte[] { 0xED, 0xA0, 0x80 }).HadInvalidUtf8);
    }

    [Fact]
    public void Invalid_bytes_after_a_utf8_bom_are_flagged_and_the_bom_still_stripped()
    {
        var decoded = NoteText.Decode(new byte[] { 0xEF, 0xBB, 0xBF, 0x61, 0xFE, 0x62 });
        Assert.True(decoded.HadInvalidUtf8);
        Assert.Equal("a\uFFFDb", decoded.Text);
    }

    [Fact]
    public void Nul_bytes_are_kept_and_are_valid_utf8()
    {
        var decoded = NoteText.Decode(new byte[] { 0x61, 0x00, 0x00, 0x62 });
        Assert.False(decoded.HadInvalidUtf8);
        Assert.Equal("a\0\0b", decoded.Text);
    }

    [Fact]
    public void Empty_input_and_a_lone_bom_give_empty_text()
    {
        Assert.Equal(new DecodedText("", false), NoteText.Decode([]));
        Assert.Equal(new DecodedText("", false), NoteText.Decode(new byte[] { 0xEF, 0xBB, 0xBF }));
        Assert.Equal(new DecodedText("", false), NoteText.Decode(new byte[] { 0xFF, 0xFE }));
    }

    [Fact]
    public void Five_megabytes_of_mixed_text_decode_completely()
    {
        var line = Encoding.UTF8.GetBytes("A line with [[links]], ünïcödé and 😀 emoji.\n");
        var count = 5 * 1024 * 1024 / line.Length;
        var bytes = new byte[line.Length * count];
        for (var i = 0; i < count; i++) line.CopyTo(bytes, i * line.Length);
        bytes[bytes.Length / 2] = 0xFF; // one bad byte in the middle

        var decoded = NoteText.Decode(bytes);
        Assert.True(decoded.HadInvalidUtf8);
        Assert.Equal(1, decoded.Text.Count(c => c == '\uFFFD'));
        Assert.Equal(count, decoded.Text.Count(c => c == '\n'));
    }

    [Property(MaxTest = 500)]
    public bool Any_bytes_decode_without_throwing_and_valid_ones_are_not_flagged(byte[] bytes)
    {
        var decoded = NoteText.Decode(bytes);
        var hasBom = bytes is [0xEF, 0xBB, 0xBF, ..] or [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..];
        // Without a BOM, the flag is exactly "not valid UTF-8"; flagged text always shows the damage.
        return (hasBom || decoded.HadInvalidUtf8 == !IsValidUtf8(bytes))
               && (!decoded.HadInvalidUtf8 || decoded.Text.Contains('\uFFFD'));
    }

    [Property(MaxTest = 500)]
    public bool Any_text_survives_a_utf8_round_trip(string text)
    {
        if (text is null || !IsWellFormedUtf16(text) || text.StartsWith('\uFEFF')) return true;
        var decoded = NoteText.Decode(Encoding.UTF8.GetBytes(text));
        return decoded.Text == text && !decoded.HadInvalidUtf8;
    }

    /// <summary>An independent validity check: a strict decoder throws on invalid input.</summary>
    private static bool IsValidUtf8(byte[] bytes)
    {
        try
        {
            new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static bool IsWellFormedUtf16(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1])) return false;
                i++;
            }
            else if (char.IsLowSurrogate(text[i]))
            {
                return false;
            }
        }
        return true;
    }
}
