using CsCheck;
using NoteLsp.Core.Text;
using NoteLsp.Server.Conversion;
using NoteLsp.Server.Protocol;

namespace NoteLsp.Server.Tests;

public class ConversionTests
{
    [Theory]
    [InlineData("abc", 2, 2)]
    [InlineData("é😀x", 1, 2)]
    [InlineData("é😀x", 3, 6)]
    [InlineData("é😀x", 4, 7)]
    [InlineData("中文", 2, 6)]
    [InlineData("short", 99, 5)]
    public void Utf16_columns_become_utf8_byte_columns(string line, int utf16, int utf8) =>
        Assert.Equal(utf8, PositionEncoder.Utf16ToUtf8Column(line, utf16));

    [Theory]
    [InlineData("é😀x", 2, 1)]
    [InlineData("é😀x", 6, 3)]
    [InlineData("é😀x", 4, 1)] // inside the emoji: its start
    [InlineData("é😀x", 99, 4)]
    public void Utf8_byte_columns_become_utf16_columns(string line, int utf8, int utf16) =>
        Assert.Equal(utf16, PositionEncoder.Utf8ToUtf16Column(line, utf8));

    [Fact]
    public void Positions_past_a_line_or_the_text_are_clamped_and_line_ends_of_every_kind_count()
    {
        var lines = new TextLines("ab\r\ncd\re\n");
        Assert.Equal(new TextPosition(0, 2), PositionEncoder.Utf16.FromLsp(new LspPosition(0, 40), lines));
        Assert.Equal(new TextPosition(2, 1), PositionEncoder.Utf16.FromLsp(new LspPosition(2, 9), lines));
        Assert.Equal(new TextPosition(3, 0), PositionEncoder.Utf16.FromLsp(new LspPosition(30, 3), lines));
    }

    [Theory]
    [InlineData("/home/u/notes/a b.md", "file:///home/u/notes/a%20b.md")]
    [InlineData("/home/u/Café/#1 100%.md", "file:///home/u/Caf%C3%A9/%231%20100%25.md")]
    [InlineData("/home/u/notes/plain-name_1.v2~.md", "file:///home/u/notes/plain-name_1.v2~.md")]
    public void Paths_and_uris_round_trip(string path, string uri)
    {
        Assert.Equal(uri, DocumentUri.FromLocalPath(path));
        Assert.Equal(path, DocumentUri.ToLocalPath(uri));
    }

    [Fact]
    public void Differently_encoded_uris_of_one_file_decode_to_the_same_path()
    {
        Assert.Equal("/home/u/a:b.md", DocumentUri.ToLocalPath("file:///home/u/a%3Ab.md"));
        Assert.Equal("/home/u/a:b.md", DocumentUri.ToLocalPath("file:///home/u/a:b.md"));
        Assert.Equal("/home/u/café.md", DocumentUri.ToLocalPath("file://localhost/home/u/caf%c3%a9.md"));
        Assert.Null(DocumentUri.ToLocalPath("untitled:Untitled-1"));
    }

    /// <summary>Names made of letters, digits, blanks, marks URIs reserve, non-ASCII and emoji (no NUL, no '/').</summary>
    private static readonly Gen<string> Names = Gen.OneOf<string>(
            "a", "Z", "0", "9", " ", "-", ".", "_", "~", "%", "#", "?", ";", ":", "@", "&", "=", "+", "$", ",", "!", "'", "(", ")",
            "[", "]", "{", "}", "\\", "é", "ß", "中", "😀", "\t")
        .Array[1, 12].Select(pieces => string.Concat(pieces));

    [Fact]
    public void Every_path_becomes_a_uri_that_says_it_in_escaped_utf8()
    {
        Names.Where(n => n is not ("." or "..")).Array[1, 4].Sample(segments =>
        {
            var path = "/" + string.Join('/', segments);
            if (path.Contains('\\')) return; // a separator on Windows: not a name to test here
            var uri = DocumentUri.FromLocalPath(path);
            Assert.StartsWith("file:///", uri);
            // Only what URIs carry as it is, and %XX escapes: decoded once, the same path.
            Assert.Matches("^file://(/|[A-Za-z0-9._~-]|%[0-9A-F]{2})*$", uri);
            Assert.Equal(path, Uri.UnescapeDataString(uri["file://".Length..]));
            if (!OperatingSystem.IsWindows()) Assert.Equal(path, DocumentUri.ToLocalPath(uri));
        });
    }

    [Theory]
    [InlineData("/srv/vault")]
    [InlineData("/srv/vault/")]
    [InlineData("/srv/other/../vault")]
    [InlineData("/")]
    public void A_note_path_under_a_root_is_the_full_path_the_system_gives(string root)
    {
        if (OperatingSystem.IsWindows()) return; // Unix roots
        // The concatenation for plain paths must agree with GetFullPath; paths with dot or empty segments take GetFullPath itself.
        Names.Where(n => n is not ("." or "..")).Array[1, 4].Sample(segments =>
        {
            var relative = string.Join('/', segments);
            Assert.Equal(Path.GetFullPath(Path.Combine(root, relative)), DocumentUri.Combine(root, relative));
        });
        foreach (var odd in new[] { "a/../b.md", "./a.md", "a//b.md", "a/./b.md", "../outside.md", "a/" })
        {
            Assert.Equal(Path.GetFullPath(Path.Combine(root, odd)), DocumentUri.Combine(root, odd));
        }
    }
}
