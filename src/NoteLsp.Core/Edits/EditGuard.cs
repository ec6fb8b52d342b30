using NoteLsp.Core.Config;
using NoteLsp.Core.Files;
using NoteLsp.Core.Index;
using NoteLsp.Core.Paths;

namespace NoteLsp.Core.Edits;

/// <summary>
/// What an edit the server proposes may touch in one vault (docs/security.md): text edits only notes of the index;
/// a new file only at a free, valid note path inside the vault; a file rename only from a note of the index to such a
/// path. Every check answers with the reason for a refusal, or null. "Inside" holds after symbolic links are followed,
/// and "free" means nothing at all is there (an lstat: a file, a folder, a dangling link, a file the index skips
/// because it is ignored, hidden or too big).
/// </summary>
/// <remarks>
/// One guard serves one request: it caches the real paths of folders it resolved, so a rename touching 60,000 notes
/// costs one lstat per note, not one per path component. The cache is safe to share between threads
/// (<see cref="CheckTextEdits"/> checks on every core).
/// </remarks>
public sealed class EditGuard(string root, NoteLspConfig config, VaultSnapshot snapshot)
{
    private readonly string _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Folder> _folders = new(StringComparer.Ordinal);
    private string? _realRoot;

    /// <summary>Null when a text edit of this vault-relative path is allowed.</summary>
    public string? CheckTextEdit(string path)
    {
        if (snapshot.GetNote(path) is null) return $"{path} is not a note of the vault";
        return InsideProblem(path, followLastLink: true) is { } problem ? $"{path} {problem}" : null;
    }

    /// <summary>
    /// The first refusal, in the order given, of text edits to these notes; null when every one is allowed. Checked on
    /// every core: a rename of the most-linked note of 100,000 edits 80,000 notes, one lstat each (130-270 ms on one core).
    /// </summary>
    public string? CheckTextEdits(IReadOnlyList<string> paths, CancellationToken cancellationToken = default)
    {
        var refusals = new string?[paths.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken };
        Parallel.For(0, paths.Count, options, i => refusals[i] = CheckTextEdit(paths[i]));
        return Array.Find(refusals, refusal => refusal is not null);
    }

    /// <summary>Null when a new file may be created at this vault-relative path (and only then filled).</summary>
    public string? CheckCreate(string path) => NewPathProblem(path, renamedFrom: null) is { } problem ? $"Cannot create \"{path}\": it {problem}." : null;

    /// <summary>Null when the note at oldPath may be renamed (moved) to newPath.</summary>
    public string? CheckRename(string oldPath, string newPath)
    {
        if (CheckTextEdit(oldPath) is { } source) return $"Cannot rename {oldPath}: {source}.";
        return NewPathProblem(newPath, renamedFrom: oldPath) is { } problem ? $"Cannot rename {oldPath} to \"{newPath}\": the new path {problem}." : null;
    }

    /// <summary>The full local path of a vault-relative path (valid once a check allowed it).</summary>
    public string FullPathOf(string path) => VaultPaths.FullPathUnder(root, path) ?? throw new ArgumentException($"{path} is not a path inside the vault", nameof(path));

    private string? NewPathProblem(string path, string? renamedFrom)
    {
        if (VaultPaths.NewPathProblem(path) is { } shape) return shape;
        if (!config.IsNoteFile(path)) return $"does not end with a note extension ({string.Join(", ", config.Extensions)})";
        // The vault's one membership rule: a file the index would skip is no place for a note.
        if (!VaultMembership.IsVaultFilePath(path, config))
        {
            return "lies in a hidden or node_modules folder or is matched by the vault's ignore globs, so the vault does not index it";
        }
        if (snapshot.GetNote(path) is not null && path != renamedFrom) return "is already a note";
        if (InsideProblem(path, followLastLink: false) is { } outside) return outside;
        var full = VaultPaths.FullPathUnder(root, path)!;
        if (Occupied(full) && !IsSameFile(full, renamedFrom)) return "already exists on disk (a file, a folder or a link)";
        return null;
    }

    /// <summary>
    /// Why the path, with its folders' symbolic links followed (and its own when asked), is not strictly under the real
    /// vault root; null when it is. Folders are resolved once per guard; a file costs one lstat.
    /// </summary>
    private string? InsideProblem(string path, bool followLastLink)
    {
        if (!VaultPaths.IsPlainRelative(path)) return "is not a path inside the vault";
        // Spans, not substrings: a rename of a hub note checks 80,000 paths, in a few folders.
        var slash = path.LastIndexOf('/');
        var folder = FolderOf(slash < 0 ? "" : path.AsSpan(0, slash));
        if (folder.Problem is not null) return folder.Problem;
        var full = string.Concat(folder.Full, SeparatorText, path.AsSpan(slash + 1));
        if (!followLastLink) return null;
        // The usual answer, not a link, in one lstat; anything else takes the long way below.
        if (SafeFile.IsSymbolicLink(full) == false) return null;
        string? target;
        try
        {
            target = new FileInfo(full).LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "cannot be inspected: " + e.Message;
        }
        if (target is null) return null;
        if (RealPath.Resolve(full) is not { } real) return "is a symbolic link that loops or cannot be read";
        return IsStrictlyInside(real) ? null : "leads outside the vault through a symbolic link";
    }

    private readonly record struct Folder(string Full, string? Problem);

    private static readonly string SeparatorText = Path.DirectorySeparatorChar.ToString();

    private Folder FolderOf(ReadOnlySpan<char> folderSpan)
    {
        if (_folders.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(folderSpan, out var known)) return known;
        var relativeFolder = folderSpan.ToString();
        // Two threads may both resolve it the first time: they find the same path.
        _realRoot ??= RealPath.Resolve(_root) ?? _root;
        var full = relativeFolder.Length == 0 ? _root : _root + Path.DirectorySeparatorChar + relativeFolder.Replace('/', Path.DirectorySeparatorChar);
        var real = RealPath.Resolve(full);
        var folder = real is null
            ? new Folder(full, "lies in a folder whose symbolic links loop or cannot be read")
            : RealPath.Comparer.Equals(real, _realRoot) || IsStrictlyInside(real)
                ? new Folder(full, null)
                : new Folder(full, "leads outside the vault through a symbolic link");
        _folders[relativeFolder] = folder;
        return folder;
    }

    private bool IsStrictlyInside(string real) => !RealPath.Comparer.Equals(real, _realRoot) && RealPath.IsInside(real, _realRoot!);

    /// <summary>Anything at all at the path, a dangling symbolic link included (Path.Exists answers true for one, as lstat does).</summary>
    private static bool Occupied(string full)
    {
        try
        {
            return Path.Exists(full) || new FileInfo(full).LinkTarget is not null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return true; // cannot tell: assume something is there
        }
    }

    /// <summary>A case-only rename ("Alpha.md" to "alpha.md") on a file system that ignores case finds the note itself there.</summary>
    private bool IsSameFile(string full, string? renamedFrom) =>
        renamedFrom is not null
        && RealPath.Comparer.Equals(full, VaultPaths.FullPathUnder(root, renamedFrom) ?? "")
        && RealPath.Comparison == StringComparison.OrdinalIgnoreCase;
}
