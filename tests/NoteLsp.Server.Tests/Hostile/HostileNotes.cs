using System.Text;

namespace NoteLsp.Server.Tests.Hostile;

/// <summary>The notes a messy vault really holds: exports, binary files named .md, half-typed links, huge pastes.</summary>
public static class HostileNotes
{
    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static string Repeat(string s, int count) => new StringBuilder(s.Length * count).Insert(0, s, count).ToString();

    /// <summary>Front matter that YamlDotNet cannot parse: each must give frontmatter-invalid, and the note stays indexed.</summary>
    public static readonly Dictionary<string, string> BrokenYaml = new()
    {
        ["yaml-unclosed-flow.md"] = "---\ntitle: [unclosed\n---\n# Yaml note A\n",
        ["yaml-unclosed-quote.md"] = "---\ntitle: \"never ends\n---\n# Yaml note B\n",
        ["yaml-tab-indent.md"] = "---\nmap:\n\tkey: value\n---\n# Yaml note C\n",
        ["yaml-bad-indent.md"] = "---\na: b\n  c: d\n---\n# Yaml note E\n",
        ["yaml-key-colon-only.md"] = "---\n: :\n- a\nb: c\n---\n# Yaml note F\n",
        ["yaml-unclosed-map.md"] = "---\n{a: 1, b: [2\n---\n# Yaml note G\n",
    };

    /// <summary>Every hostile note by vault path, as bytes on disk (the 50 MB one is left to its own test).</summary>
    public static Dictionary<string, byte[]> Files()
    {
        var files = BrokenYaml.ToDictionary(kv => kv.Key, kv => Utf8(kv.Value));
        // An alias to no anchor is invalid YAML, but YamlDotNet's parser does not report it: no diagnostic (known gap).
        files["yaml-undefined-alias.md"] = Utf8("---\ntitle: *nowhere\n---\n# Yaml note D\n");
        files["yaml-odd-but-valid.md"] = Utf8("---\ntitle: x\ntags: !!binary aGVsbG8=\naliases: &a [one]\nother: *a\n---\n# Yaml note H\n");
        files["frontmatter-never-closed.md"] = Utf8("---\ntitle: no end\naliases: [x]\n\n# Body heading\n\nSee [[alpha]].\n");
        files["invalid-utf8.md"] = [.. Utf8("# Bad bytes \n"), 0xC3, 0x28, 0xA0, 0xA1, 0xFF, .. Utf8("\n[[alpha]]\n")];
        files["utf16-bom.md"] = [.. new UnicodeEncoding(false, true).GetPreamble(), .. new UnicodeEncoding(false, false).GetBytes("# Sixteen\n\nLinks [[alpha]] and [[nowhere16]].\n")];
        files["utf16-odd-byte.md"] = [0xFF, 0xFE, (byte)'#', 0, (byte)' ', 0, (byte)'x', 0, 0x00, 0xD8, (byte)'y'];
        files["nul-bytes.md"] = Utf8("# Nul\0 title\n\0\0[[al\0pha]]\0 [[alpha]]\n\0");
        files["binary.md"] = Enumerable.Range(0, 65536).Select(i => (byte)(i * 7919 % 251)).ToArray();
        files["one-5mb-line.md"] = Utf8(Repeat("word [[alpha]] ", 300_000));
        files["open-brackets.md"] = Utf8(Repeat("[[[[", 50_000));
        files["close-brackets.md"] = Utf8(Repeat("]]]]", 50_000));
        files["ten-thousand-open.md"] = Utf8(Repeat("[[", 10_000) + "\n");
        files["nested-lists.md"] = Utf8(string.Concat(Enumerable.Range(0, 1000).Select(i => new string(' ', i * 2) + "- level " + i + " [[alpha]]\n")));
        files["nested-quotes.md"] = Utf8(string.Concat(Enumerable.Range(1, 1000).Select(i => new string('>', i) + " quote [[alpha]]\n")));
        files["nested-one-line.md"] = Utf8(Repeat("> - ", 1000) + "[[alpha]]\n");
        files["unterminated-fence.md"] = Utf8("# Fence\n\n```js\n[[not a link]]\n" + Repeat("code line\n", 10_000));
        files["long-target.md"] = Utf8("[[" + new string('t', 10_000) + "]]\n");
        files["emoji-edges.md"] = Utf8("👩‍👩‍👧[[👩‍👩‍👧]]e\u0301[[e\u0301\u0301]]🎉\n[[😀|😀]]\n");
        files["cr-only.md"] = Utf8("# CR title\r\rSee [[missing_cr]] and [[alpha]].\r## Second\r");
        files["mixed-line-ends.md"] = Utf8("# M\r\n\rline [[missing_mixed]]\n\r\n[[alpha]]\r");
        files["unclosed-html-comment.md"] = Utf8("# C\n<!-- never closed\n[[not a link]]\n" + Repeat("text\n", 1000));
        files["empty.md"] = [];
        files["only-bom.md"] = [0xEF, 0xBB, 0xBF];
        files["only-dashes.md"] = Utf8("---");
        files["timestamps-hostile.md"] = Utf8("---\nvideoId: bad id!\nduration: forever\n---\n[99:99:99](#99:99:99) <a class=\"yt-timestamp\" data-t=\"\">[]</a> <a class=\"yt-timestamp\"" + Repeat(" data-t=\"1:00\"", 1000) + ">[1:00]</a>\n");
        return files;
    }
}
