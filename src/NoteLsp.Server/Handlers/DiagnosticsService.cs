using System.Security.Cryptography;
using System.Text.Json;
using NoteLsp.Core.Diagnostics;
using NoteLsp.Server.Conversion;
using NoteLsp.Server.Protocol;
using NoteLsp.Server.State;
using NoteLsp.Server.Transport;
using Serilog;

namespace NoteLsp.Server.Handlers;

/// <summary>
/// Computes diagnostics and, for push clients, publishes them: a changed note at once, notes affected through
/// links after a quiet period, only sets that differ from what the client already has. For pull clients it asks
/// for a refresh instead. A vault's diagnostics wait until its first scan is done (no flash of broken links).
/// </summary>
public sealed class DiagnosticsService : IDisposable
{
    private static readonly JsonSerializerOptions FingerprintOptions = CreateOptions();

    private static readonly string EmptyFingerprint = Fingerprint([]);

    private readonly Workspace _workspace;
    private readonly ClientConnection _client;
    private readonly Func<ClientFeatures> _features;
    private readonly TimeSpan _debounce;
    private readonly ILogger _log;
    private readonly object _gate = new();
    private readonly HashSet<NoteKey> _urgent = [];
    private readonly Dictionary<NoteKey, DateTime> _delayed = [];
    private readonly Dictionary<NoteKey, (string Uri, string Fingerprint)> _published = [];
    private readonly SemaphoreSlim _signal = new(0);
    private readonly CancellationTokenSource _stop = new();
    private DateTime? _refreshDue;
    private DateTime? _parseDue;
    private bool _parsing;

    /// <summary>Batches taken from the queue and not yet published (see <see cref="WhenQuietAsync"/>).</summary>
    private int _publishing;

    /// <summary>During a burst of edits, changed text is parsed at most this often (a lone edit is parsed at once).</summary>
    private static readonly TimeSpan ParseInterval = TimeSpan.FromMilliseconds(20);
    private Task? _loop;

    private readonly Func<CancellationToken, Task>? _beforePublish;

    public DiagnosticsService(Workspace workspace, ClientConnection client, Func<ClientFeatures> features, TimeSpan debounce, ILogger log,
        Func<CancellationToken, Task>? beforePublish = null)
    {
        _beforePublish = beforePublish;
        _workspace = workspace;
        _client = client;
        _features = features;
        _debounce = debounce;
        _log = log;
        workspace.Swapped += OnSwapped;
    }

    /// <summary>Requests in flight, which a pass over many notes leaves a core to (none: the pass never waits).</summary>
    public RequestActivity? Requests { get; init; }

    /// <summary>How long one pass may wait, in all, for requests (per worker): a client that never pauses cannot stall it.</summary>
    private static readonly TimeSpan StepAsideBudget = TimeSpan.FromSeconds(3);

    public void Start() => _loop ??= Task.Run(() => RunAsync(_stop.Token));

    /// <summary>
    /// Changed notes go out at once; the notes whose links they make or break follow after the debounce. Every swap of
    /// the workspace arrives here (subscribed in the constructor), whoever made it.
    /// </summary>
    private void OnSwapped(WorkspaceSwap swap)
    {
        var changes = swap.Notes;
        if (changes.Count == 0) return;
        var view = swap.Next;
        var affected = new List<NoteKey>();
        foreach (var change in changes)
        {
            if (view.VaultById(change.VaultId) is not { } vault) continue;
            try
            {
                foreach (var path in vault.Snapshot.NotesAffectedBy(change.Before, change.After)) affected.Add(new NoteKey(vault.Id, path));
            }
            catch (Exception e)
            {
                _log.Error(e, "Finding the notes affected by {Path} failed", change.Path);
            }
        }
        Enqueue(changes.Select(c => c.Key), affected);
    }

    /// <summary>
    /// An open document's text changed: parse it off the message loop. At once, unless edits come faster than parsing
    /// (this one arrived while the last one was being parsed): then within <see cref="ParseInterval"/>, so a burst of
    /// a thousand changes a second costs fifty parses, and the edit → wait for diagnostics → edit rhythm costs no delay.
    /// </summary>
    public void TextChanged()
    {
        lock (_gate)
        {
            _parseDue ??= _parsing ? DateTime.UtcNow + ParseInterval : DateTime.UtcNow;
        }
        if (_signal.CurrentCount == 0) _signal.Release();
    }

    /// <summary>Every note of the vault again (after a scan or a config change).</summary>
    public void RecheckVault(string vaultId)
    {
        var vault = _workspace.Current.VaultById(vaultId);
        if (vault is null) return;
        IEnumerable<NoteKey> keys = vault.Snapshot.Notes.Select(n => new NoteKey(vaultId, n.Path)).ToList();
        lock (_gate)
        {
            // Notes that disappeared in a rescan must have their old diagnostics cleared too.
            keys = keys.Concat(_published.Keys.Where(k => k.VaultId == vaultId)).ToList();
        }
        Enqueue(keys, []);
    }

    private void Enqueue(IEnumerable<NoteKey> urgent, IEnumerable<NoteKey> delayed)
    {
        var due = DateTime.UtcNow + _debounce;
        lock (_gate)
        {
            foreach (var key in urgent)
            {
                _urgent.Add(key);
                _delayed.Remove(key);
            }
            foreach (var key in delayed)
            {
                if (!_urgent.Contains(key)) _delayed[key] = due;
            }
            _refreshDue ??= due;
        }
        if (_signal.CurrentCount == 0) _signal.Release();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var parse = false;
            lock (_gate)
            {
                if (_parseDue is { } parseDue && parseDue <= DateTime.UtcNow)
                {
                    parse = true;
                    _parseDue = null;
                    _parsing = true;
                }
            }
            if (parse)
            {
                try
                {
                    _workspace.ParseStale();
                }
                catch (Exception e)
                {
                    _log.Error(e, "Parsing changed documents failed");
                }
                finally
                {
                    lock (_gate) _parsing = false;
                }
            }
            List<NoteKey> batch = [];
            TimeSpan wait = Timeout.InfiniteTimeSpan;
            var refresh = false;
            var view = _workspace.Current;
            lock (_gate)
            {
                var now = DateTime.UtcNow;
                foreach (var key in _urgent.ToList())
                {
                    if (IsIndexed(view, key)) { batch.Add(key); _urgent.Remove(key); }
                }
                foreach (var (key, due) in _delayed.ToList())
                {
                    if (due <= now && IsIndexed(view, key)) { batch.Add(key); _delayed.Remove(key); }
                }
                // Counted under the lock that took the keys out of the queue: WhenQuietAsync never sees them nowhere.
                if (batch.Count > 0) Interlocked.Increment(ref _publishing);
                if (_refreshDue is { } refreshDue && refreshDue <= now)
                {
                    refresh = true;
                    _refreshDue = null;
                }
                var next = _delayed.Where(kv => IsIndexed(view, kv.Key)).Select(kv => kv.Value)
                    .Concat(_refreshDue is { } r ? [r] : []).Concat(_parseDue is { } p ? [p] : [])
                    .DefaultIfEmpty(DateTime.MaxValue).Min();
                if (next != DateTime.MaxValue) wait = next > now ? next - now : TimeSpan.Zero;
            }
            try
            {
                if (batch.Count > 0)
                {
                    try
                    {
                        if (_beforePublish is not null) await _beforePublish(cancellationToken).ConfigureAwait(false);
                        Publish(batch);
                    }
                    finally
                    {
                        Interlocked.Decrement(ref _publishing);
                    }
                }
                if (refresh && _features() is { PullDiagnostics: true, DiagnosticRefresh: true })
                {
                    await _client.RequestAsync(LspMethods.DiagnosticRefresh, new object(), cancellationToken).ConfigureAwait(false);
                }
                // Link counts in other notes' lenses change with the same edits, after the same quiet period.
                if (refresh && _features() is { CodeLensRefresh: true })
                {
                    await _client.RequestAsync(LspMethods.CodeLensRefresh, new object(), cancellationToken).ConfigureAwait(false);
                }
                if (batch.Count == 0 && !refresh)
                {
                    await _signal.WaitAsync(wait, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e)
            {
                _log.Error(e, "Publishing diagnostics failed");
            }
        }
    }

    /// <summary>
    /// Completes when no note waits to be published at once and no batch is being computed (the vault-wide pass after a
    /// scan is over), or after <paramref name="atMost"/>: background work that can wait (writing the note cache) then
    /// leaves the cores to the diagnostics and the first requests after indexing.
    /// </summary>
    public async Task WhenQuietAsync(TimeSpan atMost, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + atMost;
        while (DateTime.UtcNow < deadline)
        {
            bool quiet;
            lock (_gate) quiet = _urgent.Count == 0 && Volatile.Read(ref _publishing) == 0;
            if (quiet) return;
            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Pending notes of a vault still being scanned wait; a vault that is gone is "indexed" (its notes are cleared).</summary>
    private static bool IsIndexed(WorkspaceView view, NoteKey key) => view.VaultById(key.VaultId) is not { } vault || vault.IsIndexed;

    private void Publish(IReadOnlyList<NoteKey> keys)
    {
        var features = _features();
        if (features.PullDiagnostics) return;
        var view = _workspace.Current;
        var computed = ComputeAll(view, features, keys);
        var converter = new LspConverter(view, features);
        for (var i = 0; i < keys.Count; i++)
        {
            if (computed[i] is not var (diagnostics, fingerprint)) continue;
            var key = keys[i];
            var vault = view.VaultById(key.VaultId);
            string uri;
            lock (_gate)
            {
                _published.TryGetValue(key, out var last);
                // A note without problems that never had any needs no empty publish: most notes of a vault.
                if (last.Fingerprint is null && diagnostics.Count == 0) continue;
                if (last.Fingerprint == fingerprint) continue;
                uri = vault is null ? last.Uri : converter.Uri(vault, key.Path);
                if (diagnostics.Count == 0) _published.Remove(key);
                else _published[key] = (uri, fingerprint);
            }
            // The version whose text these diagnostics were computed from (newer edits may wait to be parsed).
            var version = vault is null ? null : view.DocumentOf(vault, key.Path)?.ParsedVersion;
            _client.Notify(LspMethods.PublishDiagnostics, new PublishDiagnosticsParams(uri, version, diagnostics));
        }
    }

    /// <summary>
    /// Each note's diagnostics and fingerprint (null for a note to skip now). A whole vault (after a scan) is computed
    /// on every core: the notes are independent and the snapshot is immutable; each worker has its own converter (it caches).
    /// </summary>
    private (IReadOnlyList<LspDiagnostic> Diagnostics, string Fingerprint)?[] ComputeAll(WorkspaceView view, ClientFeatures features, IReadOnlyList<NoteKey> keys)
    {
        var results = new (IReadOnlyList<LspDiagnostic>, string)?[keys.Count];
        var workers = keys.Count < 256 ? 1 : Environment.ProcessorCount;
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, worker =>
        {
            var converter = new LspConverter(view, features);
            var budget = StepAsideBudget;
            for (var i = worker; i < keys.Count; i += workers)
            {
                // Every few notes: a request that arrived meanwhile gets this worker's core while it is computed.
                if (workers > 1 && (i / workers) % 16 == 0) Requests?.StepAside(worker, ref budget);
                var key = keys[i];
                var vault = view.VaultById(key.VaultId);
                // UTF-8 columns are counted on the document's current text, which is newer than the parsed note while it
                // is stale: wait for its parse (already scheduled), which enqueues it again.
                if (vault is not null && features.Encoder.IsUtf8 && view.DocumentOf(vault, key.Path) is { IsStale: true }) continue;
                IReadOnlyList<LspDiagnostic> diagnostics = vault is null ? [] : Compute(converter, vault, key.Path, view.DocumentOf(vault, key.Path));
                results[i] = (diagnostics, diagnostics.Count == 0 ? EmptyFingerprint : Fingerprint(diagnostics));
            }
        });
        return results;
    }

    /// <summary>
    /// The note's diagnostics in LSP form; none for a note that is not (or no longer) indexed. An open note also gets its
    /// unlinked mentions, from its current text (docs/notes-format.md §13).
    /// </summary>
    public IReadOnlyList<LspDiagnostic> Compute(LspConverter converter, Vault vault, string path, OpenDocument? open = null)
    {
        var note = vault.Snapshot.GetNote(path);
        if (note is null) return [];
        try
        {
            var mentions = open is null ? [] : Core.Features.UnlinkedMentionDiagnostics.Compute(vault.Snapshot, path, open.Lines.Text, vault.Config.Diagnostics);
            return NoteDiagnostics.Compute(vault.Snapshot, note, vault.Config.Diagnostics).Concat(mentions)
                .Select(d => converter.Diagnostic(vault, path, d))
                .ToList();
        }
        catch (Exception e)
        {
            _log.Error(e, "Computing the diagnostics of {Path} failed", path);
            return [];
        }
    }

    /// <summary>A stable id of a diagnostic set: the pull model's resultId and the push model's "did it change".</summary>
    public static string Fingerprint(IReadOnlyList<LspDiagnostic> diagnostics)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(diagnostics, FingerprintOptions);
        return Convert.ToHexString(SHA256.HashData(json), 0, 12).ToLowerInvariant();
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions();
        LspJsonRpc.ConfigureSerializer(options);
        return options;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _signal.Release();
    }
}
