using CsCheck;

namespace NoteLsp.Fuzz;

/// <summary>
/// Seeded generators of Markdown-ish note text: the syntax NoteLsp cares about (wikilinks, front matter, timestamps,
/// code, comments, containers), the line ends and the characters that break column arithmetic. CsCheck shrinks a
/// failing text towards fewer and simpler tokens.
/// </summary>
public static class MarkdownishGen
{
    private static readonly string[] Tokens =
    [
        "[[", "]]", "|", "\\|", "#", "#^", "^", "![[", "[", "]", "(", ")", "](", ".md", ".md#", "/", "../", "%20",
        " ", "  ", "\t", "\n", "\r\n", "\r", "\n\n",
        "---\n", "...\n", "title: ", "aliases: [", "videoId: ", "duration: ", "tags:\n  - ", ": ", "\"", "'", "{", "}", "&a ", "*a",
        "- ", "* ", "> ", "1. ", "    ", "```\n", "`", "~~~\n", "<!--", "-->", "<div>\n", "\\",
        "<a class=\"yt-timestamp\" data-t=\"", "\">", "</a>", "[01:02](#01:02)", "01:02", "1:60", "75:30", "00:00:01", "123:45:06",
        "*", "_", "&amp;", "&#x1F600;", "😀", "👩‍👩‍👧", "e\u0301", "\u0301", "中文", "\0", "\uFFFD", "\uD800", "\uDC00", "\u00A0",
        "<", ">", "http://example.org/x", "# ", "## ", "======\n",
        "alpha", "beta", "Gamma Note", "gamma_note", "Section One", "x", "a b",
    ];

    public static readonly Gen<string> Token = Gen.Frequency(
        (12, Gen.OneOf(Tokens)),
        (3, Gen.Char['a', 'z'].Select(c => c.ToString())),
        (1, Gen.Char.Select(c => c.ToString())));

    /// <summary>A note of up to max tokens, sometimes opened as front matter.</summary>
    public static Gen<string> Note(int max) =>
        Gen.Select(Gen.Bool, Token.Array[0, max], (frontMatter, tokens) => (frontMatter ? "---\n" : "") + string.Concat(tokens));

    /// <summary>
    /// Without lone surrogates: JSON cannot carry them (System.Text.Json reads a lone "\uD800" escape as U+FFFD), so
    /// no client's text can hold one on the server's side. Same length, so positions are not affected.
    /// </summary>
    public static Gen<string> WireSafe(Gen<string> text) => text.Select(t => string.Concat(t.EnumerateRunes().Select(r => r.ToString())));

    /// <summary>Text to insert in an edit: empty (a deletion), a token or a few, or several lines.</summary>
    public static readonly Gen<string> Insert = Gen.Frequency(
        (2, Gen.Const("")),
        (6, Token),
        (3, Token.Array[1, 8].Select(string.Concat)));
}
