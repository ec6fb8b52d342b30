namespace NoteLsp.Core.Text;

/// <summary>
/// One shared copy of the short strings that repeat across a vault: link targets (a popular note is linked thousands
/// of times) and video times ("12:30"). Looked up by span, so a string already pooled costs no allocation.
/// Thread-safe and lock-free; bounded: when half its slots are taken it starts afresh (pooled strings stay valid, they
/// are just no longer shared with later ones).
/// </summary>
/// <remarks>
/// Written here rather than taken from a library: the parsing threads of a 100,000-note scan intern millions of texts
/// at once, and a table with locks (a ConcurrentDictionary with 32 stripes, before this) had them spinning on each
/// other's locks for 12 % of the scan's thread time. This is an open-addressing table of string slots: a look-up is a
/// hash and a few slot reads, an insert one compare-and-swap into an empty slot, and nothing is ever moved or resized.
/// </remarks>
public static class StringPool
{
    private const int MaxLength = 256;

    // 2^19 slots (4 MB of references), reset at half full: about the 262,144 entries the pool has always kept.
    private const int SlotBits = 19;
    private const int MaxEntries = 1 << (SlotBits - 1);

    // Linear probing at most half full needs 2.5 probes on average to find an empty slot; past a few, give up sharing.
    private const int MaxProbes = 8;

    private static string?[] _slots = new string?[1 << SlotBits];
    private static int _taken;

    public static string Intern(ReadOnlySpan<char> text) => Intern(text, instance: null);

    /// <summary>The pooled string equal to <paramref name="text"/>; the string itself when it is new or too long to pool (no copy).</summary>
    public static string Intern(string text) => Intern(text, instance: text);

    private static string Intern(ReadOnlySpan<char> text, string? instance)
    {
        if (text.Length == 0) return "";
        if (text.Length > MaxLength) return instance ?? new string(text);
        var slots = Volatile.Read(ref _slots);
        var mask = slots.Length - 1;
        // Randomized per process (Marvin): a vault cannot be written to make its texts collide.
        var index = string.GetHashCode(text) & mask;
        string? created = null;
        for (var probe = 0; probe < MaxProbes; probe++, index = (index + 1) & mask)
        {
            var existing = Volatile.Read(ref slots[index]);
            if (existing is null)
            {
                created ??= instance ?? new string(text);
                existing = Interlocked.CompareExchange(ref slots[index], created, null);
                if (existing is null)
                {
                    if (Interlocked.Increment(ref _taken) >= MaxEntries) StartAfresh(slots);
                    return created;
                }
                // Another thread filled the slot first: it may be this very text.
            }
            if (text.SequenceEqual(existing)) return existing;
        }
        return created ?? instance ?? new string(text);
    }

    public static string Intern(string text, int start, int length) => Intern(text.AsSpan(start, length));

    private static void StartAfresh(string?[] full)
    {
        if (Interlocked.CompareExchange(ref _slots, new string?[full.Length], full) == full) Volatile.Write(ref _taken, 0);
    }
}
