using System.Threading.Channels;
using NoteLsp.Core.Config;
using NoteLsp.Core.Files;
using NoteLsp.Server.Conversion;
using NoteLsp.Server.Protocol;
using Serilog;

namespace NoteLsp.Server.State;

/// <summary>
/// The server's own eye on the vault folders, for clients that offer no dynamic `workspace/didChangeWatchedFiles`
/// registration (some Neovim setups): FileSystemWatcher events are collected until the folder has been quiet for a
/// moment, merged per path, filtered by the vault's membership rule (<see cref="VaultMembership"/>), and handed to the
/// very code that handles the client's `workspace/didChangeWatchedFiles`. The queue is bounded: when it (or the
/// operating system's own buffer) overflows, the vaults are rescanned instead, which is what the events would have
/// amounted to.
/// </summary>
public sealed class VaultWatcher : IDisposable
{
    /// <summary>Events waiting at most; past this a rescan replaces them.</summary>
    public const int MaxPending = 10_000;

    /// <summary>A stream of events that never goes quiet is still passed on this often.</summary>
    private static readonly TimeSpan MaxBatchDelay = TimeSpan.FromSeconds(2);

    /// <summary>How often the watched folders are matched to the vaults (workspace folders come and go).</summary>
    private static readonly TimeSpan SyncInterval = TimeSpan.FromSeconds(2);

    private readonly Func<WorkspaceView> _view;
    private readonly Action<DidChangeWatchedFilesParams> _apply;
    private readonly Action<IReadOnlyList<string>> _rescan;
    private readonly TimeSpan _debounce;
    private readonly ILogger _log;
    private readonly Channel<(string Path, int Type)> _events =
        Channel.CreateBounded<(string, int)>(new BoundedChannelOptions(MaxPending) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private readonly Dictionary<string, FileSystemWatcher> _watchers = new(WorkspaceView.PathComparer);
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Timer _sync;
    private volatile bool _overflowed;

    /// <param name="view">the current workspace (which vaults there are, their configs)</param>
    /// <param name="apply">the workspace/didChangeWatchedFiles handler</param>
    /// <param name="rescan">rescans vaults by id, after an overflow</param>
    public VaultWatcher(Func<WorkspaceView> view, Action<DidChangeWatchedFilesParams> apply, Action<IReadOnlyList<string>> rescan, TimeSpan debounce, ILogger log)
    {
        _view = view;
        _apply = apply;
        _rescan = rescan;
        _debounce = debounce;
        _log = log;
        SyncFolders();
        _sync = new Timer(_ => SyncFolders(), null, SyncInterval, SyncInterval);
        _ = Task.Run(() => PassOnAsync(_stop.Token));
    }

    /// <summary>The folders being watched (vault roots).</summary>
    public IReadOnlyList<string> Folders
    {
        get
        {
            lock (_gate) return [.. _watchers.Keys];
        }
    }

    /// <summary>Watches every folder vault of the workspace, and only those.</summary>
    public void SyncFolders()
    {
        lock (_gate)
        {
            if (_stop.IsCancellationRequested) return;
            var roots = _view().Vaults.Where(v => !v.IsSingleNote && Directory.Exists(v.Root)).Select(v => v.Root).ToHashSet(WorkspaceView.PathComparer);
            foreach (var gone in _watchers.Keys.Where(r => !roots.Contains(r)).ToList())
            {
                _watchers[gone].Dispose();
                _watchers.Remove(gone);
            }
            foreach (var root in roots.Where(r => !_watchers.ContainsKey(r)))
            {
                try
                {
                    _watchers[root] = Watch(root);
                    _log.Information("Watching {Root} for changes on disk (the client registers no file watchers)", root);
                }
                catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException or PlatformNotSupportedException)
                {
                    _log.Warning("Cannot watch {Root} for changes on disk: {Message}", root, e.Message);
                }
            }
        }
    }

    private FileSystemWatcher Watch(string root)
    {
        var watcher = new FileSystemWatcher(root)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            InternalBufferSize = 64 * 1024,
        };
        watcher.Created += (_, e) => Enqueue(e.FullPath, FileChangeType.Created);
        watcher.Changed += (_, e) => Enqueue(e.FullPath, FileChangeType.Changed);
        watcher.Deleted += (_, e) => Enqueue(e.FullPath, FileChangeType.Deleted);
        watcher.Renamed += (_, e) =>
        {
            Enqueue(e.OldFullPath, FileChangeType.Deleted);
            Enqueue(e.FullPath, FileChangeType.Created);
        };
        watcher.Error += (_, e) =>
        {
            _log.Warning("Watching files on disk lost events ({Message}); rescanning", e.GetException().Message);
            Overflow();
        };
        watcher.EnableRaisingEvents = true;
        return watcher;
    }

    private void Enqueue(string fullPath, int type)
    {
        if (!_events.Writer.TryWrite((fullPath, type))) Overflow();
    }

    private void Overflow()
    {
        _overflowed = true;
        _events.Writer.TryWrite(("", 0)); // wakes the reader; dropped when full, and then the reader is awake anyway
    }

    private async Task PassOnAsync(CancellationToken cancellationToken)
    {
        var reader = _events.Reader;
        try
        {
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var batch = new Dictionary<string, int>(WorkspaceView.PathComparer);
                var started = DateTime.UtcNow;
                do
                {
                    // Editors save through a temporary file and a rename: one burst, one pass.
                    while (reader.TryRead(out var e))
                    {
                        if (e.Path.Length > 0) batch[e.Path] = e.Type;
                    }
                    await Task.Delay(_debounce, cancellationToken).ConfigureAwait(false);
                } while (reader.TryPeek(out _) && DateTime.UtcNow - started < MaxBatchDelay);
                PassOn(batch);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void PassOn(Dictionary<string, int> batch)
    {
        try
        {
            var view = _view();
            if (_overflowed)
            {
                _overflowed = false;
                var watched = Folders.ToHashSet(WorkspaceView.PathComparer);
                var ids = view.Vaults.Where(v => !v.IsSingleNote && watched.Contains(v.Root)).Select(v => v.Id).ToList();
                if (ids.Count > 0) _rescan(ids);
                return;
            }
            var changes = batch.Where(c => Wanted(view, c.Key, c.Value))
                .Select(c => new FileEvent(DocumentUri.FromLocalPath(c.Key), c.Value))
                .ToList();
            if (changes.Count > 0) _apply(new DidChangeWatchedFilesParams(changes));
        }
        catch (Exception e)
        {
            _log.Error(e, "Passing on changes seen on disk failed");
        }
    }

    /// <summary>
    /// What the client's registration would have sent: notes (any change), the config and ignore files at a vault's
    /// root, and other files or folders of the vault coming or going; never anything the vault leaves out.
    /// </summary>
    private static bool Wanted(WorkspaceView view, string fullPath, int type)
    {
        if (view.VaultOf(fullPath) is not { IsSingleNote: false } vault || vault.RelativePathOf(fullPath) is not { Length: > 0 } relative) return false;
        if (!relative.Contains('/') && (relative == NoteLspConfig.FileName || VaultIgnoreFiles.IsIgnoreFileName(relative))) return true;
        if (!VaultMembership.IsVaultFilePath(relative, vault.Config)) return false;
        return type != FileChangeType.Changed || vault.Config.IsNoteFile(relative);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_stop.IsCancellationRequested) return;
            _stop.Cancel();
            _sync.Dispose();
            foreach (var watcher in _watchers.Values) watcher.Dispose();
            _watchers.Clear();
        }
        _events.Writer.TryComplete();
    }
}
