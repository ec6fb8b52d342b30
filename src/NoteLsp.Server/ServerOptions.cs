using Serilog;

namespace NoteLsp.Server;

/// <summary>How a server instance is built: the log, timings, and hooks tests use to hold the server at a precise point.</summary>
public sealed record ServerOptions
{
    public ILogger Log { get; init; } = Serilog.Core.Logger.None;

    /// <summary>Reported in serverInfo.</summary>
    public string Version { get; init; } = typeof(ServerOptions).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    public const long DefaultMaxMessageBytes = 100L * 1024 * 1024;

    /// <summary>
    /// The biggest message the client may send (100 MiB: a note twenty times maxFileBytes, JSON-escaped, still fits).
    /// A bigger one ends the connection at its header instead of being buffered whole.
    /// </summary>
    public long MaxMessageBytes { get; init; } = DefaultMaxMessageBytes;

    /// <summary>Quiet period before notes affected through links get their diagnostics re-sent.</summary>
    public TimeSpan DiagnosticsDebounce { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How often the editor's process (initialize's processId) is looked at.</summary>
    public TimeSpan EditorProcessPoll { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Quiet period after a file event on disk before the server's own watcher (no client watchers) passes the batch on.</summary>
    public TimeSpan VaultWatcherDebounce { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Notes parsed per batch while indexing (the first batch becomes visible to requests at once, later ones now and then).</summary>
    public int IndexBatchSize { get; init; } = 512;

    /// <summary>
    /// Where parsed notes are kept between runs (NoteCache: one file per vault, never inside it); null: no cache. The
    /// command line sets it (--cache-dir, NOTELSP_CACHE_DIR, else the user's cache folder; --no-cache leaves it null).
    /// </summary>
    public string? CacheDirectory { get; init; }

    /// <summary>Test hook: called with the cache file's path after a scan's background cache save ends (written or not). Null in production.</summary>
    public Action<string>? AfterCacheSave { get; init; }

    /// <summary>Test hook: called with the vault's root after the completion indexes were built once indexing ended. Null in production.</summary>
    public Action<string>? AfterCompletionIndexes { get; init; }

    /// <summary>Test hook: awaited before each indexing batch is handed over (batch number from 0). Null in production.</summary>
    public Func<int, CancellationToken, Task>? BeforeIndexBatch { get; init; }

    /// <summary>Test hook: awaited at the start of every request's work, after the snapshot is captured. Null in production.</summary>
    public Func<string, CancellationToken, Task>? BeforeRequest { get; init; }

    /// <summary>Test hook: called with the vault-relative path before an open document's text is parsed (off the message loop). Null in production.</summary>
    public Action<string>? BeforeParse { get; init; }

    /// <summary>Test hook: awaited before each batch of diagnostics is computed and pushed. Null in production.</summary>
    public Func<CancellationToken, Task>? BeforePublishDiagnostics { get; init; }
}
