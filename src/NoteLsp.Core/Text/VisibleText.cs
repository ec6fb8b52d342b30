using System.Text;

namespace NoteLsp.Core.Text;

/// <summary>
/// Text from a vault or a client (file names, link targets, messages) made safe to print on one line: a newline in a
/// file name must not start a line of its own in `notelsp check` output (GitHub Actions runs a stdout line that begins
/// with `::` as a workflow command) or in the log (a forged log line). Control characters, Unicode line and paragraph
/// separators and bidirectional overrides become visible escapes (`\n`, `\r`, `\t`, `\u001B`, `\u2028`, …).
/// </summary>
public static class VisibleText
{
    /// <summary>The text with every character that could break a line or hide text escaped; the text itself when there is none.</summary>
    public static string Escape(string text)
    {
        var first = IndexOfUnsafe(text);
        if (first < 0) return text;
        var builder = new StringBuilder(text.Length + 16);
        builder.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (!IsUnsafe(c))
            {
                builder.Append(c);
                continue;
            }
            switch (c)
            {
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default: builder.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture)); break;
            }
        }
        return builder.ToString();
    }

    /// <summary>True when <see cref="Escape"/> would change the text.</summary>
    public static bool NeedsEscape(string text) => IndexOfUnsafe(text) >= 0;

    private static int IndexOfUnsafe(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (IsUnsafe(text[i])) return i;
        }
        return -1;
    }

    /// <summary>C0 and C1 controls (with DEL and NEL), U+2028/U+2029, and the bidi embeddings, overrides and isolates.</summary>
    public static bool IsUnsafe(char c) =>
        char.IsControl(c) || c is '\u2028' or '\u2029' || c is >= '\u202A' and <= '\u202E' || c is >= '\u2066' and <= '\u2069';
}
