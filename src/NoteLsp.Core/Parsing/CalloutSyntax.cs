using NoteLsp.Core.Model;
using NoteLsp.Core.Text;

namespace NoteLsp.Core.Parsing;

/// <summary>Reads the first line of a block quote as a callout header, <c>&gt; [!type]±</c> (docs/notes-format.md §11).</summary>
public static class CalloutSyntax
{
    /// <summary>Whether a character may be part of a callout type.</summary>
    public static bool IsTypeChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_';

    /// <param name="start">where the quote starts (at its '&gt;')</param>
    /// <param name="end">where the quote ends (exclusive)</param>
    internal static Callout? Read(string text, int start, int end, LineMap lines)
    {
        end = Math.Min(end, text.Length);
        var i = start;
        if (i >= end || text[i] != '>') return null;
        i++;
        if (i < end && text[i] is ' ' or '\t') i++;
        if (i + 1 >= end || text[i] != '[' || text[i + 1] != '!') return null;
        var typeStart = i + 2;
        var j = typeStart;
        while (j < end && IsTypeChar(text[j])) j++;
        if (j == typeStart || j >= end || text[j] != ']') return null;
        char? fold = j + 1 < end && text[j + 1] is '+' or '-' ? text[j + 1] : null;
        return new Callout(StringPool.Intern(text, typeStart, j - typeStart), lines.RangeAt(typeStart, j), fold, lines.RangeAt(start, end));
    }
}
