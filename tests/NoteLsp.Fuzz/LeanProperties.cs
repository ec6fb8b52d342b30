using System.Text.Json;
using CsCheck;
using NoteLsp.Core.Model;
using NoteLsp.Core.Parsing;

namespace NoteLsp.Fuzz;

/// <summary>
/// The lean scanner against Markdig: whenever <see cref="LeanScanner.TryParse"/> reads a note, it must read it exactly
/// as <see cref="NoteParser.Parse"/> does — every element, every range, every text.
/// </summary>
public static class LeanProperties
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true, IncludeFields = false };

    /// <summary>The whole note written out, every property and every element in order: equal texts, equal notes.</summary>
    public static string Describe(ParsedNote note) => JsonSerializer.Serialize(note, Options);

    /// <summary>True when the lean scanner read the note (and it matched); false when it gave up.</summary>
    public static bool LeanEqualsMarkdig(string text)
    {
        var lean = LeanScanner.TryParse("fuzz.md", text);
        if (lean is null) return false;
        var expected = Describe(NoteParser.Parse("fuzz.md", text));
        var actual = Describe(lean);
        if (expected == actual) return true;
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        var at = 0;
        while (at < Math.Min(e.Length, a.Length) && e[at] == a[at]) at++;
        static string Around(string[] lines, int at) => string.Join("\n", lines.Skip(Math.Max(0, at - 6)).Take(10));
        throw new InvalidOperationException($"lean scanner differs from Markdig at line {at}:\n--- Markdig\n{Around(e, at)}\n--- lean\n{Around(a, at)}");
    }

    /// <summary>Every note of a folder: the share the lean scanner reads, and any difference (exit code 1).</summary>
    public static int CompareFolder(string folder)
    {
        int notes = 0, read = 0, differ = 0;
        foreach (var path in Directory.EnumerateFiles(folder, "*.md", SearchOption.AllDirectories))
        {
            notes++;
            var text = File.ReadAllText(path);
            try
            {
                if (LeanEqualsMarkdig(text)) read++;
            }
            catch (InvalidOperationException e)
            {
                if (++differ <= 3) Console.WriteLine($"{path}: {e.Message}");
            }
        }
        Console.WriteLine($"{folder}: the lean scanner read {read:N0} of {notes:N0} notes ({100.0 * read / Math.Max(1, notes):0.0} %), {differ} differ from Markdig");
        return differ == 0 ? 0 : 1;
    }

    private static readonly string[] LineStarts =
    [
        "", "", "", "", "# ", "## ", "### x ", "- ", "* ", "+ ", "1. ", "2) ", "> ", ">", "> [!note] ", "> [!tip]- ", "> > ", "> - ",
        "    ", "  ", "\t", "---", "***", "===", "```", "```md", "~~~", "````", "<!-- ", "-->", "[^1]: ", "[a]: ", "<div>", "<br/>",
        "<a class=\"yt-timestamp\" data-t=\"01:02\">[01:02]</a> ", "%%", "#tag ", "#", "1.", "-", "[x] ",
    ];

    private static readonly string[] Words =
    [
        "alpha", "beta", "Gamma Note", " ", " ", " ", "  ", "[[alpha]]", "[[beta#Section One|label]]", "![[gamma_note]]", "[[#^b1]]",
        "[[x\\|y]]", "[[", "]]", "[^1]", "[^note]:", "[^ x]", "[label](alpha.md)", "[see](other/beta.md#Section%20One)", "[](x.md)",
        "[ spaced ](y.md#frag)", "[01:02](#01:02)", "[00:01:02](#1:02)", "[x](http://example.org/a)", "![img](pic.png)", "[a](<b c.md>)",
        "[a](b.md \"title\")", "[x]", "[x][y]", "](", "[", "]", "(", ")", "<a class=\"yt-timestamp\" data-t=\"1:02\">[1:02]</a>",
        "<a data-t='3:04' class='yt-timestamp'>3:04</a>", "<br/>", "<b>", "</b>", "<span class=\"x\">", "<!-- c -->", "< b", "<x",
        "#tag", "#nested/tag", "#1984", "a#b", "(#x)", "^b1", " ^block-2", "^", "%%", "%% hidden [[h]] %%", "`", "``", "```", "`code [[c]]`",
        "`` a ` b ``", "*em*", "**strong**", "_u_", "__", "*", "_", "\\", "\\[", "&amp;", "&#35;tag", "& ", "😀", "👩‍👩‍👧", "e\u0301", "中文",
        "\u00A0", "!", "!!", "#", "##", ":", "|", "\\|", "~~~", "-->", "<!--", "\u2028",
    ];

    private static readonly Gen<string> Body = Gen.OneOf(Words).Array[0, 8].Select(string.Concat);

    private static readonly Gen<string> Line = Gen.Select(Gen.OneOf(LineStarts), Body, (start, body) => start + body);

    private static readonly Gen<string> Ending = Gen.Frequency((8, Gen.Const("\n")), (2, Gen.Const("\r\n")), (1, Gen.Const("\r")), (3, Gen.Const("\n\n")));

    private static readonly Gen<string> FrontMatter = Gen.OneOf(
        Gen.Const(""), Gen.Const(""), Gen.Const("---\ntitle: T\ntags: [a, b]\n---\n"), Gen.Const("---\naliases: [x]\n---\r\n"), Gen.Const("---\nunclosed: 1\n"));

    /// <summary>Notes line by line: the block shapes the scanner reads and the ones it must give up on, with tricky inline text.</summary>
    public static Gen<string> Note(int maxLines) =>
        Gen.Select(FrontMatter, Gen.Select(Line, Ending, (l, e) => l + e).Array[0, maxLines], (fm, lines) => fm + string.Concat(lines));

    /// <summary>Line-shaped notes, short ones too (most of which the scanner reads), and some of the general token soup.</summary>
    public static Gen<string> Notes => Gen.Frequency((3, Note(24)), (3, Note(5)), (1, MarkdownishGen.Note(120)));
}
