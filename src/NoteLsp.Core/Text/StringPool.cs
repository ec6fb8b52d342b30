using System.Collections.Concurrent;

namespace NoteLsp.Core.Text;

/// <summary>
/// One shared copy of the short strings that repeat across a vault: link targets (a popular note is linked thousands
/// of times) and video times ("12:30"). Looked up by span, so a string already pooled costs no allocation.
/// Thread-safe; bounded: when it grows past <see cref="MaxEntries"/> it starts afresh (pooled strings stay valid,
/// they are just no longer shared with later ones).
/// </summary>
public static class StringPool
{
    private const int MaxLength = 256;
    private const int MaxEntries = 1 << 18;

    private static ConcurrentDictionary<string, string> _pool = NewPool();

    /// <summary>
    /// Many lock stripes and room for a vault's worth of strings from the start: every core adds to the pool while a
    /// vault is read, and with the defaults (one stripe per core, a small table that grows by locking every stripe)
    /// the parsing threads waited on each other's adds (7 % of the sampled thread time of a 10,000-note scan).
    /// </summary>
    private static ConcurrentDictionary<string, string> NewPool() =>
        new(concurrencyLevel: 16 * Environment.ProcessorCount, capacity: 1 << 16, StringComparer.Ordinal);

    /// <summary>Approximate size (ConcurrentDictionary.Count takes every lock: far too slow per call).</summary>
    private static int _added;

    public static string Intern(ReadOnlySpan<char> text)
    {
        if (text.Length == 0) return "";
        if (text.Length > MaxLength) return new string(text);
        var pool = _pool;
        if (pool.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(text, out var pooled)) return pooled;
        if (Interlocked.Increment(ref _added) > MaxEntries)
        {
            Interlocked.Exchange(ref _added, 0);
            Interlocked.CompareExchange(ref _pool, NewPool(), pool);
            pool = _pool;
        }
        var value = new string(text);
        return pool.GetOrAdd(value, value);
    }

    public static string Intern(string text, int start, int length) => Intern(text.AsSpan(start, length));
}
