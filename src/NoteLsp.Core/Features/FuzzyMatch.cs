using NoteLsp.Core.Names;

namespace NoteLsp.Core.Features;

/// <summary>
/// How well a typed query matches a name, compared by Key (so case, accents and punctuation do not matter):
/// a prefix beats a match at a word start, which beats the letters appearing in order. Null: no match.
/// </summary>
public static class FuzzyMatch
{
    public const int Prefix = 0;
    public const int WordStart = 1;
    public const int Subsequence = 2;

    public static int? Score(string queryKey, string name)
    {
        if (queryKey.Length == 0) return Prefix;
        var nameKey = NoteNames.Key(name);
        if (nameKey.StartsWith(queryKey, StringComparison.Ordinal)) return Prefix;
        if (MatchesAtWordStart(queryKey, name)) return WordStart;
        return IsSubsequence(queryKey, nameKey) ? Subsequence : null;
    }

    /// <summary>The query is a prefix of the name's key taken from the start of one of its words ("scal" in "AI scaling").</summary>
    private static bool MatchesAtWordStart(string queryKey, string name)
    {
        for (var i = 1; i < name.Length; i++)
        {
            if (StartsWord(name, i) && NoteNames.Key(name[i..]).StartsWith(queryKey, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    /// <summary>A word starts at i (i ≥ 1): a letter or digit after something else, or an upper-case letter after a lower-case one.</summary>
    internal static bool StartsWord(string name, int i) =>
        char.IsLetterOrDigit(name[i]) && (!char.IsLetterOrDigit(name[i - 1]) || char.IsUpper(name[i]) && char.IsLower(name[i - 1]));

    internal static bool IsSubsequence(string query, ReadOnlySpan<char> text)
    {
        var q = 0;
        for (var t = 0; t < text.Length && q < query.Length; t++)
        {
            if (text[t] == query[q]) q++;
        }
        return q == query.Length;
    }
}
