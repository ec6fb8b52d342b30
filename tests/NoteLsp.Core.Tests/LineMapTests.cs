using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NoteLsp.Core.Text;

namespace NoteLsp.Core.Tests;

/// <summary>Where lines start: "\r\n", a lone "\r" and "\n" each end one line, as editors count them.</summary>
public class LineMapTests
{
    [Theory]
    [InlineData("", new[] { 0 })]
    [InlineData("a", new[] { 0 })]
    [InlineData("a\n", new[] { 0, 2 })]
    [InlineData("a\r\nb", new[] { 0, 3 })]
    [InlineData("a\rb\nc", new[] { 0, 2, 4 })]
    [InlineData("\r\r\n\n", new[] { 0, 1, 3, 4 })]
    [InlineData("\n\r", new[] { 0, 1, 2 })]
    public void Lines_start_after_each_line_end(string text, int[] starts)
    {
        var map = LineMap.Build(text);
        Assert.Equal(starts.Length, map.LineCount);
        Assert.Equal(starts, Enumerable.Range(0, map.LineCount).Select(map.LineStart));
    }

    /// <summary>The same starts as a character-by-character count, on texts made of line ends and a few other characters (long enough for vectorized search).</summary>
    [Property(MaxTest = 300)]
    public Property Starts_match_a_plain_count() => Prop.ForAll(
        Arb.From(Gen.Elements("\r", "\n", "\r\n", "x", "yz", "é", new string('w', 40)).ArrayOf().Select(string.Concat)),
        text =>
        {
            var expected = new List<int> { 0 };
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                if (text[i] is '\r' or '\n') expected.Add(i + 1);
            }
            var map = LineMap.Build(text);
            return map.LineCount == expected.Count && expected.Select((start, line) => map.LineStart(line) == start).All(same => same);
        });
}
