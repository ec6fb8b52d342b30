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
        // Obsidian comments and callouts (docs/notes-format.md §10, §11): inline, block, unclosed, in code.
        "%%", "%%\n", "%", "`%%`", "> [!", "> [!note]", "> [!tip]- ", "[!", "+ ",
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
    /// Front matter nested deep: flow mappings and sequences (`{a: {a: [[…`), block mappings indented step by step, or
    /// both, closed or left open, then a note body. Depth up to a few thousand, so YAML depth limits are exercised.
    /// </summary>
    public static readonly Gen<string> NestedFrontMatter =
        Gen.Select(Gen.Int[1, 3000], Gen.Int[0, 3], Gen.Bool, Token.Array[0, 40], (depth, shape, closed, body) =>
        {
            var yaml = new System.Text.StringBuilder("---\nkey: ");
            switch (shape)
            {
                case 0:
                    for (var i = 0; i < depth; i++) yaml.Append("{a: ");
                    yaml.Append('1');
                    if (closed) yaml.Append('}', depth);
                    break;
                case 1:
                    yaml.Append('[', depth).Append('x');
                    if (closed) yaml.Append(']', depth);
                    break;
                case 2:
                    yaml.Append('\n');
                    for (var i = 0; i < Math.Min(depth, 400); i++) yaml.Append(' ', i + 1).Append("k:\n");
                    yaml.Append(' ', Math.Min(depth, 400) + 1).Append("v\n");
                    break;
                default:
                    for (var i = 0; i < depth; i++) yaml.Append(i % 2 == 0 ? "{a: " : "[");
                    if (closed)
                    {
                        for (var i = depth - 1; i >= 0; i--) yaml.Append(i % 2 == 0 ? "}" : "]");
                    }
                    break;
            }
            return yaml.Append("\n---\n").Append(string.Concat(body)).ToString();
        });

    /// <summary>Many headings at random levels (so section trees are deep and wide), or many links and timestamps on many lines.</summary>
    public static readonly Gen<string> ManyHeadingsAndLinks =
        Gen.Select(Gen.Int[1, 4000], Gen.Int[0, 2], Gen.Int[0, int.MaxValue], (count, shape, seed) =>
        {
            var random = new Random(seed);
            var text = new System.Text.StringBuilder();
            for (var i = 0; i < count; i++)
            {
                switch (shape)
                {
                    case 0:
                        text.Append('#', random.Next(1, 7)).Append(" H").Append(i).Append('\n');
                        break;
                    case 1:
                        text.Append("[[n").Append(random.Next(100)).Append(random.Next(3) == 0 ? "#H1" : "").Append("]] ");
                        if (random.Next(8) == 0) text.Append("[01:0").Append(random.Next(10)).Append("](#01:02) ^b").Append(i).Append('\n');
                        break;
                    default:
                        text.Append('#', random.Next(1, 7)).Append(" H").Append(i).Append(" [[H").Append(random.Next(count)).Append("]]\n");
                        break;
                }
            }
            return text.ToString();
        });

    /// <summary>Mostly <see cref="Note"/>, sometimes deeply nested front matter or thousands of headings and links.</summary>
    public static Gen<string> NoteWithShapes(int max) => Gen.Frequency(
        (38, Note(max)),
        (1, NestedFrontMatter),
        (1, ManyHeadingsAndLinks));

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
