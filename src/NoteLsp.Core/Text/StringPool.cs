namespace NoteLsp.Core.Text;

/// <summary>
/// One shared copy of the short strings that repeat across a vault: link targets (a popular note is linked thousands
/// of times), headings, tags, front-matter values, name keys and video times ("12:30"). Looked up by span, so a string
/// already pooled costs no allocation. Thread-safe and lock-free; bounded: when half its slots are taken it grows to
/// twice as many, up to 2^21 slots, and past that starts afresh (pooled strings stay valid, they are just no longer
/// shared with later ones).
/// </summary>
/// <remarks>
/// Written here rather than taken from a library: the parsing threads of a 100,000-note scan intern millions of texts
/// at once, and a table with locks (a ConcurrentDictionary with 32 stripes, before this) had them spinning on each
/// other's locks for 12 % of the scan's thread time. This is an open-addressing table of string slots: a look-up is a
/// hash and a few slot reads, an insert one compare-and-swap into an empty slot. Growing copies the entries into a new
/// table that replaces the old one; an insert made into the old table meanwhile is made again in the new one.
/// </remarks>
public static class StringPool
{
    private const int MaxLength = 256;

    // 2^19 slots (4 MB of references) to start. A 100,000-note vault interns about a million distinct texts: with a
    // fixed 2^19 the pool started afresh several times during a cold scan, and 30 MB of link targets were kept twice.
    private const int InitialSlotBits = 19;
    private const int MaxSlotBits = 21;

    // Linear probing at most half full needs 2.5 probes on average to find an empty slot; past a few, give up sharing.
    private const int MaxProbes = 8;

    private static string?[] _slots = new string?[1 << InitialSlotBits];
    private static int _taken;
    private static int _resizing;

    public static string Intern(ReadOnlySpan<char> text) => Intern(text, instance: null);

    /// <summary>The pooled string equal to <paramref name="text"/>; the string itself when it is new or too long to pool (no copy).</summary>
    public static string Intern(string text) => Intern(text, instance: text);

    private static string Intern(ReadOnlySpan<char> text, string? instance)
    {
        if (text.Length == 0) return "";
        if (text.Length > MaxLength) return instance ?? new string(text);
        // Randomized per process (Marvin): a vault cannot be written to make its texts collide.
        var hash = string.GetHashCode(text);
        string? created = null;
        while (true)
        {
            var slots = Volatile.Read(ref _slots);
            var mask = slots.Length - 1;
            var index = hash & mask;
            var moved = false;
            for (var probe = 0; probe < MaxProbes; probe++, index = (index + 1) & mask)
            {
                var existing = Volatile.Read(ref slots[index]);
                if (existing is null)
                {
                    created ??= instance ?? new string(text);
                    existing = Interlocked.CompareExchange(ref slots[index], created, null);
                    if (existing is null)
                    {
                        // Inserted while the table was being copied into a larger one: the copy may have missed it, so
                        // it goes into the new table too (or the equal string found there is the one to share).
                        if (Volatile.Read(ref _resizing) != 0 || Volatile.Read(ref _slots) != slots)
                        {
                            moved = true;
                            break;
                        }
                        if (Interlocked.Increment(ref _taken) >= slots.Length / 2) Grow(slots);
                        return created;
                    }
                    // Another thread filled the slot first: it may be this very text.
                }
                if (text.SequenceEqual(existing)) return existing;
            }
            if (!moved) return created ?? instance ?? new string(text);
            var wait = new SpinWait();
            while (Volatile.Read(ref _resizing) != 0) wait.SpinOnce();
        }
    }

    public static string Intern(string text, int start, int length) => Intern(text.AsSpan(start, length));

    /// <summary>Replaces a half-full table by one twice its size holding its entries, or by an empty one at the largest size.</summary>
    private static void Grow(string?[] full)
    {
        if (Interlocked.CompareExchange(ref _resizing, 1, 0) != 0) return;
        try
        {
            if (Volatile.Read(ref _slots) != full) return;
            // From here until _resizing is 0 again, an insert into the old table is made again in the new one (Intern).
            if (full.Length >= 1 << MaxSlotBits)
            {
                Volatile.Write(ref _taken, 0);
                Volatile.Write(ref _slots, new string?[full.Length]);
                return;
            }
            var larger = new string?[full.Length * 2];
            var mask = larger.Length - 1;
            var count = 0;
            foreach (var text in full)
            {
                if (text is null) continue;
                // The hash Intern looks up by (of the characters, randomized per process).
                var index = string.GetHashCode(text.AsSpan()) & mask;
                for (var probe = 0; probe < MaxProbes; probe++, index = (index + 1) & mask)
                {
                    if (larger[index] is not null) continue;
                    larger[index] = text;
                    count++;
                    break;
                }
            }
            Volatile.Write(ref _taken, count);
            Volatile.Write(ref _slots, larger);
        }
        finally
        {
            Volatile.Write(ref _resizing, 0);
        }
    }
}
