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

    /// <summary>
    /// Positions asked in any order (the map remembers the last line as a hint): each the line and column of a plain
    /// count, offsets past the end clamped to it, before the start at (0, 0).
    /// </summary>
    [Property(MaxTest = 300)]
    public Property Positions_in_any_order_match_a_plain_count() => Prop.ForAll(
        Arb.From(Gen.Elements("\r", "\n", "\r\n", "x", "yz", "é", new string('w', 40)).ArrayOf().Select(string.Concat)),
        Arb.From(Gen.Choose(-3, 200).ArrayOf()),
        (text, asked) =>
        {
            TextPosition Expected(int offset)
            {
                offset = Math.Clamp(offset, 0, text.Length);
                var (line, column) = (0, 0);
                for (var i = 0; i < offset; i++)
                {
                    var crlf = text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n';
                    if (crlf && i + 1 == offset) return new TextPosition(line, column + 1); // between "\r" and "\n"
                    if (crlf) i++;
                    if (text[i] is '\r' or '\n') (line, column) = (line + 1, 0);
                    else column++;
                }
                return new TextPosition(line, column);
            }
            var map = LineMap.Build(text);
            // Every offset in order (the parser's way), then the generated ones in their random order.
            var offsets = Enumerable.Range(-1, text.Length + 3).Concat(asked.Select(a => a * Math.Max(1, text.Length) / 100));
            return offsets.All(offset => map.PositionAt(offset) == Expected(offset));
        });
}
