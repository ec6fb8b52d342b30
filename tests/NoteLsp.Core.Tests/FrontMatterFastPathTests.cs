using System.Text;
using FsCheck.Xunit;
using NoteLsp.Core.Model;
using NoteLsp.Core.Parsing;
using NoteLsp.Core.Text;

namespace NoteLsp.Core.Tests;

/// <summary>
/// The plain-shape front matter reader must agree with YamlDotNet on everything it accepts (values and node ranges),
/// and give up on everything else. Front matters are built from pieces that are fine, subtle and wrong YAML.
/// </summary>
public class FrontMatterFastPathTests
{
    private static readonly string[] Keys = ["title", "videoId", "duration", "aliases", "tags", "other", "a-b", "_x"];

    private static readonly string[] Values =
    [
        "Hello world", "1:02:03", "a, b", "x]", "yes", "null", "~", "\"q: x\"", "'single'", "\"with \\\"escape\"", "'it''s'",
        "a #c", "a: b", "a:b", "-5", "[a, b]", "[]", "[ 'x', y ]", "[a, [b]]", "{a: b}", "&anchor x", "*ref", "!tag x", "|", ">",
        "é😀 ü", "\"\"", "a\tb", "\"  \"", "[a, ~]", "[a,, b]", "[a, b] # c", "\"x\" # c", "trailing:", "%x", "@x", "`x`",
        "qTogNUV3CAI", "[ x , 'y z' ]", "'#not comment'", "a\u2028b",
    ];

    private static readonly string[] Other =
    [
        "  - item", "- item", "  - 'q'", "    - deeper", "  -", "  - a: b", "# comment", "  # indented comment", "",
        "  continued", "title : spaced", "\"title\": quoted key", "? complex", "- top item",
    ];

    private static string FrontMatter(int seed)
    {
        var random = new Random(seed);
        var sb = new StringBuilder("---\n");
        for (var i = random.Next(9); i > 0; i--)
        {
            switch (random.Next(4))
            {
                case 0: sb.Append(Keys[random.Next(Keys.Length)]).Append(':').Append('\n'); break;
                case 1: sb.Append(Other[random.Next(Other.Length)]).Append('\n'); break;
                default: sb.Append(Keys[random.Next(Keys.Length)]).Append(": ").Append(Values[random.Next(Values.Length)]).Append('\n'); break;
            }
        }
        return sb.Append("---\nbody\n").ToString();
    }

    private static (FrontMatter FrontMatter, IReadOnlyDictionary<string, FrontMatterValue> Scalars)? Fast(string text, out (FrontMatter, IReadOnlyDictionary<string, FrontMatterValue>) yaml)
    {
        var lines = LineMap.Build(text);
        var closing = text.IndexOf("\n---\n", 3, StringComparison.Ordinal) + 1;
        var range = new TextRange(0, 0, 0, 0);
        yaml = FrontMatterReader.ParseYaml(text, 4, closing, range, lines);
        return SimpleFrontMatter.TryRead(text, 4, closing, range, lines);
    }

    private static string Describe(FrontMatter frontMatter, IReadOnlyDictionary<string, FrontMatterValue> scalars) =>
        string.Join("; ", scalars.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value.Value}@{kv.Value.Range}"))
        + " | aliases " + string.Join(",", frontMatter.Aliases.Select(a => $"{a.Value}@{a.Range}"))
        + " | tags " + string.Join(",", frontMatter.Tags.Select(a => $"{a.Value}@{a.Range}"));

    [Property(MaxTest = 3000)]
    public bool What_the_fast_path_accepts_YamlDotNet_reads_the_same(int seed)
    {
        var text = FrontMatter(seed);
        if (Fast(text, out var yaml) is not { } fast) return true;
        return yaml.Item1.Error is null && Describe(fast.FrontMatter, fast.Scalars) == Describe(yaml.Item1, yaml.Item2);
    }

    [Fact]
    public void The_usual_front_matter_takes_the_fast_path_with_exact_ranges()
    {
        var text = "---\ntitle: \"Scaling: 😀 challenges\"\nvideoId: qTogNUV3CAI\nduration: 1:02:03\naliases:\n  - Scaling\n  - 'Big models'\ntags: [ai, 'deep learning']\n# a comment\n---\nbody\n";
        var fast = Fast(text, out var yaml);
        Assert.NotNull(fast);
        Assert.Equal(Describe(yaml.Item1, yaml.Item2), Describe(fast.Value.FrontMatter, fast.Value.Scalars));
        Assert.Equal("Scaling: 😀 challenges", fast.Value.Scalars["title"].Value);
        Assert.Equal(["ai", "deep learning"], fast.Value.FrontMatter.Tags.Select(t => t.Value));
    }

    [Theory]
    [InlineData("title: Broken: yes\n")]
    [InlineData("title: a\ntitle: b\n")]
    [InlineData("tags: [unclosed\n")]
    [InlineData("title: >\n  folded\n")]
    [InlineData("title: \"esc\\\"aped\"\n")]
    [InlineData("nested:\n  key: value\n")]
    [InlineData("title:\ttab\n")]
    public void Anything_else_goes_to_YamlDotNet(string yaml) => Assert.Null(Fast("---\n" + yaml + "---\nbody\n", out _));

    [Fact]
    public void Many_generated_front_matters_take_the_fast_path()
    {
        // The property above would pass vacuously if the fast path refused everything.
        var accepted = Enumerable.Range(0, 500).Count(seed => Fast(FrontMatter(seed), out _) is not null);
        Assert.InRange(accepted, 50, 500);
    }
}
