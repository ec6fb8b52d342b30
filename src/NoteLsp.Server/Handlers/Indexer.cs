using System.Collections.Concurrent;
using System.Diagnostics;
using NoteLsp.Core.Cache;
using NoteLsp.Core.Features;
using NoteLsp.Core.Files;
using NoteLsp.Core.Index;
using NoteLsp.Core.Model;
using NoteLsp.Server.Protocol;
using NoteLsp.Server.State;
using NoteLsp.Server.Transport;
using Serilog;

namespace NoteLsp.Server.Handlers;

/// <summary>
/// Scans vaults in the background, batch by batch, and builds the vault's snapshot from all notes at the end; requests
/// during indexing see the notes read so far, published now and then (<see cref="Workspace.PublishScanned"/>). Reports work-done progress when the client supports it.
/// </summary>
public sealed class Indexer(
    Workspace workspace,
    DiagnosticsService diagnostics,
    ClientConnection client,
    Func<ClientFeatures> features,
    ServerOptions options,
    ILogger log)
{
    private int _progressTokens;
    private readonly CancellationTokenSource _stop = new();

    /// <summary>Starts indexing the vaults without waiting for it.</summary>
    public Task Start(IReadOnlyList<string> vaultIds) => Task.Run(() => RunAsync(vaultIds));

    /// <summary>Indexes the vaults until done or until the server shuts down.</summary>
    public Task RunAsync(IReadOnlyList<string> vaultIds) => IndexAsync(vaultIds, _stop.Token);

    public void Stop() => _stop.Cancel();

    public async Task IndexAsync(IReadOnlyList<string> vaultIds, CancellationToken cancellationToken)
    {
        if (vaultIds.Count == 0) return;
        var stopwatch = Stopwatch.StartNew();
        var token = $"notelsp/indexing/{Interlocked.Increment(ref _progressTokens)}";
        var progress = features().WorkDoneProgress
            && await client.RequestAsync(LspMethods.WorkDoneProgressCreate, new WorkDoneProgressCreateParams(token), cancellationToken).ConfigureAwait(false);
        try
        {
            var plans = new List<(string VaultId, int Generation, IReadOnlyList<string> Paths, IReadOnlyList<FileStamp?> Stamps)>();
            foreach (var id in vaultIds)
            {
                var generation = workspace.BeginRescan(id);
                var vault = workspace.Current.VaultById(id);
                if (generation < 0 || vault is null) continue;
                // The note cache loads (seconds at 100,000 notes) while the vault is enumerated; the first batch waits for it.
                _ = Task.Run(() => CacheFor(vault, cancellationToken), cancellationToken);
                var issues = new List<ScanIssue>();
                var (paths, stamps, otherFiles) = VaultScanner.EnumerateFilesWithStamps(vault.Root, vault.Config, issues);
                workspace.SetScannedOtherFiles(id, generation, otherFiles);
                foreach (var issue in issues) log.Information("Skipped {Path}: {Message}", issue.Path, issue.Message);
                plans.Add((id, generation, paths, stamps));
            }
            var total = plans.Sum(p => p.Paths.Count);
            if (progress) client.Notify(LspMethods.Progress, new ProgressParams(token, new IndexingProgressBegin("Indexing notes", false, $"0/{total} notes", 0, 0, total)));

            var done = 0;
            var batchNumber = 0;
            var lastReport = Stopwatch.StartNew();
            foreach (var (vaultId, generation, paths, stamps) in plans)
            {
                var vault = workspace.Current.VaultById(vaultId);
                if (vault is null) continue;
                var batchSize = Math.Max(1, options.IndexBatchSize);
                var batches = paths.Chunk(batchSize).ToList();
                // Each batch with the stamps the enumeration saw: the note cache checks them without a stat per file.
                var stampBatches = stamps.Chunk(batchSize).ToList();
                var scanned = new List<ParsedNote>(paths.Count);
                VaultSnapshot? published = null;
                var sincePublish = Stopwatch.StartNew();
                var stale = false;
                // Read and parse the next batch on all cores while this one is handed over.
                // Awaiting Task.Run also keeps this work off the connection's thread (the continuation of the
                // progress request would otherwise run the whole scan there and stall every message behind it).
                var next = batches.Count > 0 ? Task.Run(() => Read(vault, batches[0], stampBatches[0], cancellationToken), cancellationToken) : null;
                for (var i = 0; i < batches.Count && !stale; i++)
                {
                    var notes = await next!.ConfigureAwait(false);
                    var following = i + 1;
                    next = following < batches.Count ? Task.Run(() => Read(vault, batches[following], stampBatches[following], cancellationToken), cancellationToken) : null;
                    if (options.BeforeIndexBatch is { } hook) await hook(batchNumber, cancellationToken).ConfigureAwait(false);
                    scanned.AddRange(notes);
                    // Requests meanwhile are answered from the notes read so far, published rarely: the first batch at
                    // once, then when the count has grown fourfold and a second has passed, until half the vault is
                    // read. Each publish builds every index anew: the fourfold growth keeps their total under 4/3 of
                    // the last one's, and the last is of at most half the vault, so the intermediate builds cost at most
                    // 2/3 of the final build. Past half, the final build is nearer than one more publish would pay for
                    // (at 100,000 notes cold, a publish at 60,000 notes cost 1.4 s of the scan's 13 s). The clock keeps a
                    // fast scan from building anything but the first batch before the end.
                    if (published is null
                        || (scanned.Count >= 4 * published.Count && sincePublish.ElapsedMilliseconds >= 1000 && 2 * scanned.Count <= paths.Count))
                    {
                        published = workspace.PublishScanned(vaultId, generation, scanned, published, finished: false, cancellationToken);
                        stale = published is null;
                        sincePublish.Restart();
                    }
                    else
                    {
                        stale = workspace.Current.VaultById(vaultId)?.Generation != generation;
                    }
                    batchNumber++;
                    done += batches[i].Length;
                    if (progress && lastReport.ElapsedMilliseconds >= 100)
                    {
                        lastReport.Restart();
                        client.Notify(LspMethods.Progress, new ProgressParams(token, new IndexingProgressReport($"{done}/{total} notes", total == 0 ? 100 : done * 100 / total, done, total)));
                    }
                }
                if (next is not null) await next.ConfigureAwait(false); // a stale scan: let the read in flight finish
                // The final build takes the link-source groups of the notes the cache gave (a warm start's largest saving in the build).
                var cache = stale ? null : CacheFor(vault, cancellationToken);
                var built = stale ? null : workspace.PublishScanned(vaultId, generation, scanned, published, finished: true, cancellationToken, cache?.LinkSources);
                cache?.ReleaseLinkSources();
                if (built is null) continue;
                diagnostics.RecheckVault(vaultId);
                AfterIndexingInBackground(vaultId, generation);
                log.Information("Indexed {Count} notes of {Root} in {Elapsed} ms (GC so far: {Gen0}/{Gen1}/{Gen2} collections, {Pause:0} ms paused, heap {Heap} MB)",
                    paths.Count, vault.Root, stopwatch.ElapsedMilliseconds, GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2),
                    GC.GetTotalPauseDuration().TotalMilliseconds, GC.GetTotalMemory(false) >> 20);
            }
            if (progress) client.Notify(LspMethods.Progress, new ProgressParams(token, new IndexingProgressEnd($"Indexed {done} notes in {stopwatch.Elapsed.TotalSeconds:0.0} s", done)));
        }
        catch (OperationCanceledException)
        {
            if (progress) client.Notify(LspMethods.Progress, new ProgressParams(token, new WorkDoneProgressEnd("Indexing stopped")));
        }
        catch (Exception e)
        {
            log.Error(e, "Indexing failed");
            if (progress) client.Notify(LspMethods.Progress, new ProgressParams(token, new WorkDoneProgressEnd("Indexing failed: " + e.Message)));
            // What was indexed stays; let diagnostics follow for it.
            foreach (var id in vaultIds)
            {
                if (workspace.Current.VaultById(id) is { } vault) workspace.FinishScan(id, vault.Generation);
                diagnostics.RecheckVault(id);
            }
        }
    }

    private List<ParsedNote> Read(Vault vault, IReadOnlyList<string> paths, IReadOnlyList<FileStamp?> stamps, CancellationToken cancellationToken)
    {
        var issues = new List<ScanIssue>();
        var rootReal = SafeFile.RealRoot(vault.Root); // once per batch, not once per note
        var cache = CacheFor(vault, cancellationToken);
        var notes = VaultScanner.ReadNotes(vault.Root, rootReal, paths, vault.Config, issues, cancellationToken, cache: cache, stamps: stamps);
        foreach (var issue in issues) log.Information("Skipped {Path}: {Message}", issue.Path, issue.Message);
        return notes;
    }

    /// <summary>One note cache per scan of a vault (its generation), loaded by the scan's first batch; null when caching is off.</summary>
    private readonly ConcurrentDictionary<(string VaultId, int Generation), Lazy<NoteCache?>> _caches = new();

    private NoteCache? CacheFor(Vault vault, CancellationToken cancellationToken)
    {
        if (options.CacheDirectory is not { } directory || vault.IsSingleNote) return null;
        return _caches.GetOrAdd((vault.Id, vault.Generation), _ => new Lazy<NoteCache?>(() =>
        {
            var cache = NoteCache.Open(vault.Root, vault.Config, directory, line => log.Information("{Line}", line), cancellationToken);
            if (cache is not null) log.Information("Note cache {File}: {Count} notes loaded", cache.FilePath, cache.LoadedCount);
            return cache;
        })).Value;
    }

    /// <summary>
    /// Once the vault's diagnostics are out (the user waits for those now): builds the indexes the first completion would
    /// otherwise build while the user waits (most of a second at 100,000 notes), then writes what the finished scan read
    /// to the vault's cache (for the next start), off the request path; forgets the vault's older scans' caches.
    /// </summary>
    private void AfterIndexingInBackground(string vaultId, int generation)
    {
        Lazy<NoteCache?>? finished = null;
        foreach (var key in _caches.Keys)
        {
            if (key.VaultId == vaultId && key.Generation <= generation && _caches.TryRemove(key, out var removed) && key.Generation == generation) finished = removed;
        }
        var cache = finished is { IsValueCreated: true, Value: { NeedsSave: true } toSave } ? toSave : null;
        _ = Task.Run(async () =>
        {
            await diagnostics.WhenQuietAsync(TimeSpan.FromSeconds(60), _stop.Token).ConfigureAwait(false);
            if (workspace.Current.VaultById(vaultId) is { } vault && vault.Generation == generation)
            {
                var stopwatch = Stopwatch.StartNew();
                try
                {
                    NoteCompletion.PrepareIndexes(vault.Snapshot, _stop.Token);
                    log.Information("Completion indexes of {Root} built in {Elapsed} ms", vault.Root, stopwatch.ElapsedMilliseconds);
                    options.AfterCompletionIndexes?.Invoke(vault.Root);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Only a head start: the first completion builds them itself.
                    log.Warning(e, "Building the completion indexes of {Root} failed", vault.Root);
                }
            }
            if (cache is not null)
            {
                var saving = Stopwatch.StartNew();
                if (cache.Save(_stop.Token)) log.Information("Note cache {File} written in {Elapsed} ms ({Hits} notes were reused)", cache.FilePath, saving.ElapsedMilliseconds, cache.Hits);
                options.AfterCacheSave?.Invoke(cache.FilePath);
            }
            await diagnostics.WhenQuietAsync(TimeSpan.FromSeconds(10), _stop.Token).ConfigureAwait(false);
            ReleaseIndexingMemory();
        }, _stop.Token);
    }

    /// <summary>Past this heap (a vault of a few thousand notes), what indexing left behind is worth a full compacting collection to give back.</summary>
    private const long ReleaseAboveHeapBytes = 64L << 20;

    /// <summary>
    /// Gives the memory indexing used and no longer needs back to the system, once, when the vault is large: one full
    /// compacting collection that also returns the free space (<see cref="GCCollectionMode.Aggressive"/>).
    /// </summary>
    /// <remarks>
    /// Indexing a large vault leaves its garbage (the files' text, the cache's decoding, the builds' tables) as free space
    /// among the notes, which background collections sweep but do not compact. Measured with a raw client after a warm
    /// start: at 100,000 notes the process held 1.15-1.2 GB for a live heap of about 600 MB and this brought it to about
    /// 690 MB; at 10,000 notes 254-257 MB became 141-142 MB. It pauses every thread, once: 0.3-0.5 s at 100,000 notes,
    /// 40-90 ms at 10,000. Run after the diagnostics, the completion indexes and the cache are
    /// done and the diagnostics have been quiet; a smaller vault is left to the collector.
    /// </remarks>
    private void ReleaseIndexingMemory()
    {
        var before = GC.GetGCMemoryInfo();
        if (before.HeapSizeBytes < ReleaseAboveHeapBytes) return;
        var stopwatch = Stopwatch.StartNew();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var after = GC.GetGCMemoryInfo();
        log.Information("Released the memory indexing left behind in {Elapsed} ms: heap {HeapBefore} → {HeapAfter} MB, committed {CommittedBefore} → {CommittedAfter} MB",
            stopwatch.ElapsedMilliseconds, before.HeapSizeBytes >> 20, after.HeapSizeBytes >> 20, before.TotalCommittedBytes >> 20, after.TotalCommittedBytes >> 20);
    }
}
