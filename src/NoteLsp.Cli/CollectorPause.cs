namespace NoteLsp.Cli;

/// <summary>
/// `check` asks the runtime not to collect garbage while it runs from a warm note cache. A check is one pass that ends
/// with its process, and on a warm cache most of what it allocates is the decoded notes and the index built from them,
/// which all live until the end: every collection in between only copies them from one generation to the next. At
/// 100,000 notes that copying was about 2 s of a 6.5 s check (docs/benchmarks.md §5). The region is sized from the
/// cache file and never larger than a quarter of the memory the process may use; past it the collector simply runs
/// again, as it would have anyway. Without a cache (a cold check, or --no-cache) parsing makes garbage that does not
/// live, and the collector runs as usual.
/// </summary>
public static class CollectorPause
{
    /// <summary>
    /// A whole warm check allocated 15 bytes per byte of cache file (1,865 MB for a 117.6 MB file at 100,000 notes, 185 MB
    /// for 11.9 MB at 10,000), plus what starting up, enumerating and printing take whatever the size; 20 leaves room for
    /// a vault with more problems to print.
    /// </summary>
    private const long HeapBytesPerCacheByte = 20;
    private const long FixedBytes = 256L << 20;

    /// <summary>The bytes to allocate without a collection for a cache file of cacheFileBytes; null: do not ask.</summary>
    public static long? Budget(long cacheFileBytes, long availableMemoryBytes)
    {
        if (cacheFileBytes <= 0 || availableMemoryBytes <= 0) return null;
        var budget = FixedBytes + Math.Min(cacheFileBytes, long.MaxValue / 2 / HeapBytesPerCacheByte) * HeapBytesPerCacheByte;
        return budget <= availableMemoryBytes / 4 ? budget : null;
    }

    /// <summary>Starts the region for the cache at cacheFilePath when the file is there and the memory allows; true when it started.</summary>
    public static bool Begin(string cacheFilePath)
    {
        long length;
        try
        {
            var info = new FileInfo(cacheFilePath);
            length = info.Exists ? info.Length : 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return false;
        }
        if (Budget(length, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes) is not { } budget) return false;
        try
        {
            return GC.TryStartNoGCRegion(budget);
        }
        // Over what this runtime can reserve at once, or a region already started: the check runs with the collector.
        catch (Exception e) when (e is ArgumentOutOfRangeException or InvalidOperationException)
        {
            return false;
        }
    }
}
