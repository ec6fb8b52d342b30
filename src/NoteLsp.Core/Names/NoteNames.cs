using System.Globalization;
using System.Text;
using NoteLsp.Core.Text;

namespace NoteLsp.Core.Names;

/// <summary>The one place that knows how names compare (docs/notes-format.md §3) and how the server writes them.</summary>
public static class NoteNames
{
    /// <summary>
    /// Key(s): Unicode NFKD, combining marks dropped, lower-cased (invariant), then every character
    /// that is not a letter or a digit removed. "Pre-training vs post-training" and "pretraining_vs_posttraining" share a key.
    /// </summary>
    public static string Key(string s)
    {
        if (s.Length == 0) return s;
        // Fast path: plain ASCII needs no normalization.
        var ascii = true;
        foreach (var c in s)
        {
            if (c >= 0x80) { ascii = false; break; }
        }
        if (ascii)
        {
            return string.Create(CountAsciiAlnum(s), s, static (span, src) =>
            {
                var i = 0;
                foreach (var c in src)
                {
                    if (c is >= 'a' and <= 'z' or >= '0' and <= '9') span[i++] = c;
                    else if (c is >= 'A' and <= 'Z') span[i++] = (char)(c + 32);
                }
            });
        }

        return KeyByTable(s) ?? KeyByNormalization(s);
    }

    /// <summary>
    /// The key of each single character of Latin-1 and Latin Extended-A/B (U+0080–U+024F) and General Punctuation
    /// (U+2000–U+206F), computed once by the full rule. NFKD maps each character on its own and only reorders
    /// combining marks, which the key drops, so the key of a name made of ASCII and these characters is the
    /// concatenation of its characters' keys: accented names ("façades", "Über") skip the ICU call, which was the
    /// largest single cost of resolving every link of a vault (a warm `notelsp check` of 10,000 notes).
    /// </summary>
    private static readonly string[] LatinKeys = KeysOfRange(0x80, 0x250);

    private static readonly string[] PunctuationKeys = KeysOfRange(0x2000, 0x2070);

    private static string[] KeysOfRange(int first, int end)
    {
        var keys = new string[end - first];
        for (var c = first; c < end; c++) keys[c - first] = KeyByNormalization(((char)c).ToString());
        return keys;
    }

    /// <summary>For a character from U+0080 up (ASCII is handled inline).</summary>
    private static string? KeyOfChar(char c) => c switch
    {
        < '\u0250' => LatinKeys[c - 0x80],
        >= '\u2000' and < '\u2070' => PunctuationKeys[c - 0x2000],
        _ => null,
    };

    /// <summary>The key by the per-character tables, or null when a character is outside them.</summary>
    private static string? KeyByTable(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9') sb.Append(c);
            else if (c is >= 'A' and <= 'Z') sb.Append((char)(c + 32));
            else if (c < 0x80) continue;
            else if (KeyOfChar(c) is { } key) sb.Append(key);
            else return null;
        }
        return sb.ToString();
    }

    /// <summary>The key by the rule itself (NFKD through ICU); the reference the tables are built from and tested against.</summary>
    internal static string KeyByNormalization(string s)
    {
        var decomposed = NormalizeKd(s);
        var sb = new StringBuilder(decomposed.Length);
        for (var i = 0; i < decomposed.Length; i++)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(decomposed, i);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                if (char.IsHighSurrogate(decomposed[i])) i++;
                continue;
            }
            if (char.IsHighSurrogate(decomposed[i]) && i + 1 < decomposed.Length)
            {
                var pair = decomposed.Substring(i, 2);
                if (char.IsLetterOrDigit(decomposed, i)) sb.Append(pair.ToLowerInvariant());
                i++;
                continue;
            }
            var c = decomposed[i];
            if (char.IsLetterOrDigit(c)) sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }

    /// <summary>
    /// Key(s) as one shared copy (Text/StringPool.cs), for keys an index keeps: a popular note's key is otherwise stored
    /// once per linking note (75,591 copies of one key in a 100,000-note vault). A plain-ASCII key already pooled costs
    /// no allocation. Not for keys of a request's text, which would only churn the pool.
    /// </summary>
    public static string PooledKey(string s)
    {
        if (s.Length == 0) return s;
        return s.Length > 256 || !Ascii.IsValid(s) ? StringPool.Intern(Key(s)) : PooledAsciiKey(s);
    }

    /// <inheritdoc cref="PooledKey(string)"/>
    public static string PooledKey(ReadOnlySpan<char> s)
    {
        if (s.Length == 0) return "";
        return s.Length > 256 || !Ascii.IsValid(s) ? StringPool.Intern(Key(s.ToString())) : PooledAsciiKey(s);
    }

    private static string PooledAsciiKey(ReadOnlySpan<char> s)
    {
        Span<char> key = stackalloc char[s.Length];
        var n = 0;
        foreach (var c in s)
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9') key[n++] = c;
            else if (c is >= 'A' and <= 'Z') key[n++] = (char)(c + 32);
        }
        return StringPool.Intern(key[..n]);
    }

    /// <summary>Key(text) == key, without building Key(text) when the text is plain ASCII (heading look-ups run per link).</summary>
    public static bool KeyEquals(string text, string key) => KeyEquals(text.AsSpan(), key);

    /// <inheritdoc cref="KeyEquals(string, string)"/>
    public static bool KeyEquals(ReadOnlySpan<char> text, string key)
    {
        var k = 0;
        foreach (var c in text)
        {
            if (c >= 0x80) return Key(text.ToString()) == key;
            char folded;
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9') folded = c;
            else if (c is >= 'A' and <= 'Z') folded = (char)(c + 32);
            else continue;
            if (k >= key.Length || key[k] != folded) return false;
            k++;
        }
        return k == key.Length;
    }

    private static int CountAsciiAlnum(string s)
    {
        var n = 0;
        foreach (var c in s)
        {
            if (c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9') n++;
        }
        return n;
    }

    /// <summary>
    /// Slug(s), for names the server writes: lower-cased, each run of non-letters/digits replaced by one '_', trimmed of '_'.
    /// "Development and challenges in AI" -> "development_and_challenges_in_ai".
    /// </summary>
    public static string Slug(string s)
    {
        var sb = new StringBuilder(s.Length);
        var pendingSeparator = false;
        for (var i = 0; i < s.Length; i++)
        {
            var isPair = char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]);
            var letterOrDigit = char.IsLetterOrDigit(s, i);
            if (letterOrDigit)
            {
                if (pendingSeparator && sb.Length > 0) sb.Append('_');
                pendingSeparator = false;
                if (isPair) sb.Append(s.Substring(i, 2).ToLowerInvariant());
                else sb.Append(char.ToLowerInvariant(s[i]));
            }
            else
            {
                pendingSeparator = true;
            }
            if (isPair) i++;
        }
        return sb.ToString();
    }

    /// <summary>
    /// GitHub-style anchor of a heading text, without the duplicate suffix: lower-cased, characters other than
    /// letters, digits, marks, '-', '_' and spaces removed, each space turned into '-'.
    /// </summary>
    public static string GitHubAnchor(string headingText)
    {
        var sb = new StringBuilder(headingText.Length);
        var text = headingText.Trim();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == ' ') { sb.Append('-'); continue; }
            if (c is '-' or '_') { sb.Append(c); continue; }
            var category = CharUnicodeInfo.GetUnicodeCategory(text, i);
            var keep = char.IsLetterOrDigit(text, i)
                || category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.ConnectorPunctuation;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length)
            {
                if (keep) sb.Append(text.AsSpan(i, 2));
                i++;
                continue;
            }
            if (keep) sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }

    /// <summary>
    /// NFKD, where a lone surrogate counts as U+FFFD: Normalize throws on one, and a client's edit can split an emoji
    /// in two (the note's Key must still be computed, or the whole edit is lost).
    /// </summary>
    private static string NormalizeKd(string s)
    {
        try
        {
            return s.Normalize(NormalizationForm.FormKD);
        }
        catch (ArgumentException)
        {
            var chars = s.ToCharArray();
            for (var i = 0; i < chars.Length; i++)
            {
                if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1])) i++;
                else if (char.IsSurrogate(chars[i])) chars[i] = '\uFFFD';
            }
            return new string(chars).Normalize(NormalizationForm.FormKD);
        }
    }

    /// <summary>Anchors for a note's headings in order, with GitHub's duplicate suffixes: "a", "a-1", "a-2".</summary>
    public static IReadOnlyList<string> UniqueAnchors(IEnumerable<string> headingTexts)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new List<string>();
        foreach (var text in headingTexts)
        {
            var anchor = GitHubAnchor(text);
            var candidate = anchor;
            if (seen.TryGetValue(anchor, out var count))
            {
                do
                {
                    count++;
                    candidate = $"{anchor}-{count}";
                } while (seen.ContainsKey(candidate));
                seen[anchor] = count;
            }
            seen.TryAdd(candidate, 0);
            result.Add(candidate);
        }
        return result;
    }
}
