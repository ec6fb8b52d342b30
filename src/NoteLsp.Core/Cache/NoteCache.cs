using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.IO.Hashing;
using System.Text;
using NoteLsp.Core.Config;
using NoteLsp.Core.Files;
using NoteLsp.Core.Index;
using NoteLsp.Core.Model;

namespace NoteLsp.Core.Cache;

/// <summary>
/// The parsed notes of one vault kept between runs, so a start on an unchanged vault reads and parses nothing again.
/// Lives outside the vault (<see cref="DefaultDirectory"/>), one file per vault named by a hash of its real path.
/// A note is reused only when its file's size and modification time are those it had when it was read, and that time
/// is over <see cref="RacyWindow"/> older than the cache file (git's racy-clean rule: a change within the clock's
/// granularity could keep both). One scan uses one instance: what it reads (from the cache or parsed) is what
/// <see cref="Save"/> writes, so deleted notes drop out.
/// </summary>
public sealed class NoteCache
{
    /// <summary>A file changed this close before the cache was written may have changed unseen: it is read again.</summary>
    public static readonly TimeSpan RacyWindow = TimeSpan.FromSeconds(2);

    private readonly Dictionary<string, CachedNote> _loaded;
    private readonly ConcurrentDictionary<string, CachedNote> _current = new(StringComparer.Ordinal);
    private readonly string _settingsKey;
    private readonly string _vaultRealPath;
    private readonly Action<string> _log;
    private int _hits;

    /// <summary>The vault's note extensions as a snapshot normalizes them: the link tables stored are those made under them.</summary>
    private readonly ImmutableArray<string> _noteExtensions;

    private NoteCache(string filePath, string settingsKey, string vaultRealPath, ImmutableArray<string> noteExtensions, Dictionary<string, CachedNote> loaded,
        Action<string> log)
    {
        FilePath = filePath;
        _noteExtensions = noteExtensions;
        _settingsKey = settingsKey;
        _vaultRealPath = vaultRealPath;
        _loaded = loaded;
        _log = log;
    }

    /// <summary>The cache file of this vault.</summary>
    public string FilePath { get; }

    /// <summary>How many notes were loaded from the file (the racy ones excluded).</summary>
    public int LoadedCount => _loaded.Count;

    /// <summary>How many notes were taken from the cache rather than read and parsed.</summary>
    public int Hits => _hits;

    /// <summary>
    /// The loaded notes' link-source groups, for the scan's build (<see cref="VaultSnapshot.Build(IEnumerable{ParsedNote}, IEnumerable{string}, LinkSourceSeed?)"/>);
    /// null when there are none, or once <see cref="ReleaseLinkSources"/> dropped them.
    /// </summary>
    public LinkSourceSeed? LinkSources { get; private set; }

    /// <summary>The groups are only for the scan's build: a cache kept for later saves need not hold them (megabytes at 100,000 notes).</summary>
    public void ReleaseLinkSources() => LinkSources = null;

    /// <summary>$XDG_CACHE_HOME/notelsp, else ~/.cache/notelsp; %LOCALAPPDATA%\notelsp\cache on Windows. Null when there is no home.</summary>
    public static string? DefaultDirectory()
    {
        if (OperatingSystem.IsWindows())
        {
            var local = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
            return local.Length == 0 ? null : Path.Combine(local, "notelsp", "cache");
        }
        if (Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg && Path.IsPathFullyQualified(xdg)) return Path.Combine(xdg, "notelsp");
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return home.Length == 0 ? null : Path.Combine(home, ".cache", "notelsp");
    }

    /// <summary>The cache directory a command uses: none with --no-cache, else --cache-dir, else $NOTELSP_CACHE_DIR, else <see cref="DefaultDirectory"/>.</summary>
    public static string? ChooseDirectory(bool noCache, string? cacheDirOption) =>
        noCache ? null
        : cacheDirOption is { Length: > 0 } ? cacheDirOption
        : Environment.GetEnvironmentVariable("NOTELSP_CACHE_DIR") is { Length: > 0 } fromEnvironment ? fromEnvironment
        : DefaultDirectory();

    /// <summary>Why a cache directory cannot serve a vault (it lies inside it: the cache must never become part of the vault), else null.</summary>
    public static string? DirectoryProblem(string cacheDirectory, string vaultRoot)
    {
        try
        {
            var cacheFull = Path.GetFullPath(cacheDirectory);
            var cacheReal = RealPath.Resolve(cacheFull) ?? cacheFull;
            var vaultFull = Path.GetFullPath(vaultRoot);
            var vaultReal = SafeFile.RealRoot(vaultFull);
            return RealPath.IsInside(cacheFull, vaultFull) || RealPath.IsInside(cacheReal, vaultReal) || RealPath.IsInside(cacheReal, vaultFull)
                ? $"the cache directory {cacheFull} is inside the vault {vaultFull}; not using a cache"
                : null;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return $"the cache directory is not a usable path: {e.Message}";
        }
    }

    /// <summary>The file that holds the cache of the vault at vaultRoot in cacheDirectory (it may not exist yet).</summary>
    public static string FilePathFor(string vaultRoot, string cacheDirectory) =>
        FileIn(cacheDirectory, SafeFile.RealRoot(Path.GetFullPath(vaultRoot)));

    // One file per vault, named by its real path: two names of one folder share it, two vaults never do.
    private static string FileIn(string cacheDirectory, string vaultReal) =>
        Path.Combine(Path.GetFullPath(cacheDirectory), $"vault-{XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(vaultReal)):x16}.cache");

    /// <summary>
    /// The vault's cache, loaded from cacheDirectory when a valid file is there, else empty (with one log line saying why);
    /// null, with a log line, when the directory is inside the vault. Never throws but for cancellation.
    /// </summary>
    public static NoteCache? Open(string vaultRoot, NoteLspConfig config, string cacheDirectory, Action<string>? log = null,
        CancellationToken cancellationToken = default)
    {
        log ??= _ => { };
        if (DirectoryProblem(cacheDirectory, vaultRoot) is { } problem)
        {
            log(problem);
            return null;
        }
        var vaultReal = SafeFile.RealRoot(Path.GetFullPath(vaultRoot));
        var settingsKey = NoteCacheFile.SettingsKey(config);
        var noteExtensions = VaultSnapshot.NormalizeExtensions(config.Extensions);
        var filePath = FileIn(cacheDirectory, vaultReal);
        var loaded = new Dictionary<string, CachedNote>(StringComparer.Ordinal);
        LinkSourceSeed? linkSources = null;
        try
        {
            var info = new FileInfo(filePath);
            // No file yet is the normal first run: nothing to say.
            if (!info.Exists)
            {
                return new NoteCache(filePath, settingsKey, vaultReal, noteExtensions, loaded, log);
            }
            if (info.Length > NoteCacheFile.MaxFileBytes)
            {
                log($"Note cache {filePath} ignored: {info.Length} bytes is over the {NoteCacheFile.MaxFileBytes} byte limit");
            }
            else
            {
                var content = NoteCacheFile.Decode(File.ReadAllBytes(filePath), settingsKey, vaultReal, noteExtensions, out var why, cancellationToken);
                if (content is null)
                {
                    log($"Note cache {filePath} ignored: {why}");
                }
                else
                {
                    linkSources = content.LinkSources;
                    var racyFrom = content.WrittenAtTicks - RacyWindow.Ticks;
                    foreach (var (path, cached) in content.Notes)
                    {
                        if (cached.Stamp.LastWriteTicks < racyFrom) loaded.Add(path, cached);
                    }
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log($"Note cache {filePath} ignored: {e.GetType().Name}: {e.Message}");
            loaded.Clear();
            linkSources = null;
        }
        return new NoteCache(filePath, settingsKey, vaultReal, noteExtensions, loaded, log) { LinkSources = linkSources };
    }

    /// <summary>False when this scan took every note from the cache and the cache held no other: saving would write the same notes again.</summary>
    public bool NeedsSave => _hits != _current.Count || _hits != _loaded.Count;

    /// <summary>The file's stamp as the enumeration or a stat sees it; null when it cannot be had (the note is then read and not cached).</summary>
    public static FileStamp? Stamp(string fullPath)
    {
        try
        {
            var info = new FileInfo(fullPath);
            return info.Exists ? new FileStamp(info.Length, info.LastWriteTimeUtc.Ticks) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>The cached note of path when its file still has the stamp it had; it is then kept for the next <see cref="Save"/>.</summary>
    public bool TryGet(string path, FileStamp stamp, out ParsedNote note)
    {
        if (_loaded.TryGetValue(path, out var cached) && cached.Stamp == stamp)
        {
            note = cached.Note;
            _current[path] = cached;
            Interlocked.Increment(ref _hits);
            return true;
        }
        note = null!;
        return false;
    }

    /// <summary>A note just read and parsed, with the stamp its file had before it was read.</summary>
    public void Add(string path, FileStamp stamp, ParsedNote note) => _current[path] = new CachedNote(stamp, note);

    /// <summary>
    /// Writes the notes of this scan to the cache file, atomically (a temporary file in the same folder, then a rename);
    /// the directory is created readable by the user only. Returns false, with a log line, when it cannot.
    /// </summary>
    public bool Save(CancellationToken cancellationToken = default)
    {
        var directory = Path.GetDirectoryName(FilePath)!;
        var temporary = $"{FilePath}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            var writtenAt = DateTime.UtcNow.Ticks;
            var notes = _current.ToArray();
            Array.Sort(notes, (a, b) => string.CompareOrdinal(a.Key, b.Key));
            if (OperatingSystem.IsWindows()) Directory.CreateDirectory(directory);
            else Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using (var stream = new FileStream(temporary, options))
            {
                NoteCacheFile.Write(stream, _settingsKey, _vaultRealPath, writtenAt, notes, _noteExtensions, cancellationToken);
            }
            File.Move(temporary, FilePath, overwrite: true);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _log($"Note cache {FilePath} not written: {e.GetType().Name}: {e.Message}");
            TryDelete(temporary);
            return false;
        }
        catch (OperationCanceledException)
        {
            TryDelete(temporary);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover temporary file is harmless: the next save writes another.
        }
    }
}
