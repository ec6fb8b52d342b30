namespace NoteLsp.Core.Index;

/// <summary>How close two name keys are, for "did you mean" suggestions: lower is closer, int.MaxValue is unrelated.</summary>
internal static class KeyDistance
{
    private const int PrefixTier = 1_000;
    private const int ContainsTier = 2_000;
    private const int EditTier = 3_000;

    /// <summary>Shorter strings than this are not looked for inside longer ones ("a" is inside nearly every name).</summary>
    private const int MinContainedLength = 3;

    /// <summary>
    /// 0 for the same key; then one key a prefix of the other; then one inside the other; then a bounded edit distance.
    /// Within a tier, the smaller difference wins.
    /// </summary>
    public static int Score(string query, string candidate)
    {
        if (query.Length == 0 || candidate.Length == 0) return query == candidate ? 0 : int.MaxValue;
        if (query == candidate) return 0;
        var lengthGap = Math.Abs(query.Length - candidate.Length);
        if (candidate.StartsWith(query, StringComparison.Ordinal) || query.StartsWith(candidate, StringComparison.Ordinal))
        {
            return PrefixTier + lengthGap;
        }
        if (Math.Min(query.Length, candidate.Length) >= MinContainedLength
            && (candidate.Contains(query, StringComparison.Ordinal) || query.Contains(candidate, StringComparison.Ordinal)))
        {
            return ContainsTier + lengthGap;
        }
        var bound = Math.Clamp(query.Length / 3, 1, 4);
        var distance = BoundedLevenshtein(query, candidate, bound);
        return distance <= bound ? EditTier + distance : int.MaxValue;
    }

    /// <summary>Levenshtein distance (edits of one character: insert, delete, replace).</summary>
    public static int Levenshtein(string a, string b) => BoundedLevenshtein(a, b, int.MaxValue - 1);

    /// <summary>Levenshtein distance, or bound + 1 as soon as it must exceed the bound (O(length · bound) in practice).</summary>
    public static int BoundedLevenshtein(string a, string b, int bound)
    {
        if (Math.Abs(a.Length - b.Length) > bound) return bound + 1;
        // Called for every name of the vault: rows on the stack for ordinary name lengths.
        Span<int> previous = b.Length < 256 ? stackalloc int[b.Length + 1] : new int[b.Length + 1];
        Span<int> current = b.Length < 256 ? stackalloc int[b.Length + 1] : new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                rowMin = Math.Min(rowMin, current[j]);
            }
            if (rowMin > bound) return bound + 1;
            var swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.Length];
    }
}
