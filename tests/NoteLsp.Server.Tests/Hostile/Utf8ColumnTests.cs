using System.Text;
using NoteLsp.Core.Text;
using NoteLsp.Server.Conversion;

namespace NoteLsp.Server.Tests.Hostile;

public class Utf8ColumnTests
{
    [Fact]
    public void Long_lines_give_the_same_utf8_columns_as_counting_from_the_line_start()
    {
        // Emoji (surrogate pairs) land on and across the 1,024-unit checkpoints; every column is compared.
        var random = new Random(6);
        string[] pieces = ["a", "é", "中", "😀", "👩‍👩‍👧", "[[x]]", "e\u0301", "\uD800"];
        var line = new StringBuilder();
        while (line.Length < 20_000) line.Append(pieces[random.Next(pieces.Length)]);
        var text = "first line\n" + line + "\nlast";
        var lines = new TextLines(text);
        var span = lines.Line(1);
        for (var column = 0; column <= span.Length + 3; column++)
        {
            var expected = Encoding.UTF8.GetByteCount(span[..Math.Min(column, span.Length)].ToString().Replace("\uD800", "\uFFFD"));
            // A column inside a pair counts the whole pair, as the plain count does.
            var plain = PositionEncoder.Utf16ToUtf8Column(span, column);
            Assert.Equal(plain, lines.Utf8Column(new TextPosition(1, column)));
            if (column == 0 || column >= span.Length || !char.IsLowSurrogate(span[column])) Assert.Equal(expected, plain);
        }
    }
}
