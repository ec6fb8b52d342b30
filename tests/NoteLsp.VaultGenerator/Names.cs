using System.Globalization;
using System.Text;

namespace NoteLsp.VaultGenerator;

/// <summary>
/// The generator's own copy of the naming rules of docs/notes-format.md §3 (Key, Slug) and of GitHub anchors, written
/// independently of NoteLsp.Core so the ground truth does not inherit a bug of the code it checks.
/// </summary>
public static class Names
{
    /// <summary>NFKD, combining marks dropped, lower-cased, only letters and digits kept.</summary>
    public static string Key(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s.Normalize(NormalizationForm.FormKD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark) continue;
            if (char.IsLetterOrDigit(c)) sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }

    /// <summary>Lower-cased, each run of other characters than letters and digits replaced by one '_', trimmed of '_'.</summary>
    public static string Slug(string s)
    {
        var sb = new StringBuilder(s.Length);
        var pending = false;
        foreach (var c in s)
        {
            if (char.IsLetterOrDigit(c))
            {
                if (pending && sb.Length > 0) sb.Append('_');
                pending = false;
                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                pending = true;
            }
        }
        return sb.ToString();
    }

    /// <summary>The same text with accents dropped ("crème" → "creme"): a spelling that shares the Key.</summary>
    public static string FoldAccents(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) sb.Append(c);
        }
        return sb.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>GitHub anchor of a heading made of ASCII letters, digits and single spaces (the only kind the generator links by anchor).</summary>
    public static string AsciiAnchor(string headingText) => headingText.Trim().ToLowerInvariant().Replace(' ', '-');

    public static bool IsAscii(string s)
    {
        foreach (var c in s) if (c >= 0x80) return false;
        return true;
    }

    public static string Capitalize(string s) =>
        s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
