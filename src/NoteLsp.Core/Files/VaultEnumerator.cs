using System.IO.Enumeration;
using NoteLsp.Core.Config;

namespace NoteLsp.Core.Files;

/// <summary>A note file found by the enumeration: vault-relative path ('/'), size in bytes and last write time (UTC ticks), from the listing's own stat.</summary>
internal readonly record struct VaultFile(string Path, long Length, long LastWriteTicks);

/// <summary>
/// Walks a vault folder (docs/notes-format.md §1). First everything reachable without symbolic links, then the links
/// in the order met: a link is followed only when its real target lies inside the vault and was not reached
/// yet, so a real path wins over a link to it, nothing is listed twice and a link loop ends.
/// </summary>
internal sealed class VaultEnumerator
{
    private static readonly EnumerationOptions ListOptions = new()
    {
        RecurseSubdirectories = false,
        IgnoreInaccessible = false,
        AttributesToSkip = 0, // hidden entries are recognized by name below, on every platform alike
        ReturnSpecialDirectories = false,
    };

    private readonly NoteLspConfig _config;
    private readonly ICollection<ScanIssue>? _issues;
    private readonly string _rootReal;
    private readonly HashSet<string> _visitedDirectories = new(RealPath.Comparer);
    private readonly HashSet<string> _visitedFiles = new(RealPath.Comparer);
    private readonly Queue<(string RelativePath, string FullPath)> _links = new();
    private readonly List<VaultFile> _candidates = [];
    private readonly List<string>? _otherFiles;

    private VaultEnumerator(string rootReal, NoteLspConfig config, ICollection<ScanIssue>? issues, List<string>? otherFiles)
    {
        _otherFiles = otherFiles;
        _rootReal = rootReal;
        _config = config;
        _issues = issues;
    }

    /// <summary>The vault's note files, sorted by path; skipped big files, links out of the vault and unreadable folders go to issues.</summary>
    /// <param name="otherFiles">when given, receives the paths of the other files (attachments) found by the same rules, sorted; never opened</param>
    public static List<VaultFile> Enumerate(string root, NoteLspConfig config, ICollection<ScanIssue>? issues, List<string>? otherFiles = null)
    {
        string rootFull;
        try
        {
            rootFull = Path.GetFullPath(root);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            issues?.Add(new ScanIssue(".", $"not a usable folder path: {e.Message}"));
            return [];
        }
        if (!Directory.Exists(rootFull))
        {
            issues?.Add(new ScanIssue(".", $"the vault folder {rootFull} does not exist"));
            return [];
        }

        var found = otherFiles is null ? null : new List<string>();
        var enumerator = new VaultEnumerator(RealPath.Resolve(rootFull) ?? rootFull, config, issues, found);
        enumerator.Walk();

        var ignore = VaultMembership.Globs(config);
        if (found is not null)
        {
            var keptOthers = ignore.IsEmpty ? null : ignore.Keep(found);
            otherFiles!.AddRange(keptOthers is null ? found : found.Where(keptOthers.Contains));
            otherFiles.Sort(StringComparer.Ordinal);
        }
        var kept = ignore.IsEmpty ? null : ignore.Keep(enumerator._candidates.Select(c => c.Path));
        var result = new List<VaultFile>(enumerator._candidates.Count);
        foreach (var file in enumerator._candidates)
        {
            if (kept is not null && !kept.Contains(file.Path)) continue;
            if (file.Length > config.MaxFileBytes)
            {
                issues?.Add(new ScanIssue(file.Path, TooBigMessage(file.Length, config.MaxFileBytes)));
                continue;
            }
            result.Add(file);
        }
        result.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return result;
    }

    /// <summary>"skipped: 7.2 MB is over maxFileBytes (5 MB)"; exact byte counts when rounding would make both look the same.</summary>
    public static string TooBigMessage(long length, long max)
    {
        var size = FormatSize(length);
        var limit = FormatSize(max);
        if (size == limit)
        {
            size = $"{length:N0} bytes";
            limit = $"{max:N0} bytes";
        }
        return $"skipped: {size} is over maxFileBytes ({limit})";
    }

    private static string FormatSize(long bytes)
    {
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        if (bytes < 1024) return string.Format(culture, "{0} bytes", bytes);
        if (bytes < 1024 * 1024) return string.Format(culture, "{0:0.#} KB", bytes / 1024.0);
        return string.Format(culture, "{0:0.#} MB", bytes / (1024.0 * 1024.0));
    }

    private void Walk()
    {
        _visitedDirectories.Add(_rootReal);
        WalkTree("", _rootReal, _rootReal);

        while (_links.Count > 0)
        {
            var (relativePath, fullPath) = _links.Dequeue();
            FollowLink(relativePath, fullPath);
        }
    }

    /// <summary>Lists a folder and everything under it that is reached without a link; links are queued.</summary>
    private void WalkTree(string relativePath, string fullPath, string realPath)
    {
        var pending = new Stack<(string Relative, string Full, string Real)>();
        pending.Push((relativePath, fullPath, realPath));
        while (pending.Count > 0)
        {
            var (relative, full, real) = pending.Pop();
            var subfolders = new List<(string, string, string)>();
            foreach (var entry in List(relative, full))
            {
                if (VaultMembership.IsSkippedName(entry.Name)) continue;
                var childRelative = relative.Length == 0 ? entry.Name : relative + "/" + entry.Name;
                var childFull = Path.Combine(full, entry.Name);
                if (entry.IsLink)
                {
                    _links.Enqueue((childRelative, childFull));
                }
                else if (entry.IsDirectory)
                {
                    var childReal = Path.Combine(real, entry.Name);
                    if (_visitedDirectories.Add(childReal)) subfolders.Add((childRelative, childFull, childReal));
                }
                else if (_config.IsNoteFile(entry.Name) && _visitedFiles.Add(Path.Combine(real, entry.Name)))
                {
                    _candidates.Add(new VaultFile(childRelative, entry.Length, entry.LastWriteTicks));
                }
                else if (!_config.IsNoteFile(entry.Name))
                {
                    _otherFiles?.Add(childRelative);
                }
            }
            // Depth-first in name order, so which path a link alias gets is the same on every run.
            for (var i = subfolders.Count - 1; i >= 0; i--) pending.Push(subfolders[i]);
        }
    }

    private void FollowLink(string relativePath, string fullPath)
    {
        var isNoteName = _config.IsNoteFile(relativePath);
        var target = RealPath.Resolve(fullPath);
        if (target is null)
        {
            _issues?.Add(new ScanIssue(relativePath, "not followed: the symbolic link loops or cannot be read"));
            return;
        }
        if (Directory.Exists(target))
        {
            if (!RealPath.IsInside(target, _rootReal))
            {
                _issues?.Add(new ScanIssue(relativePath, "not followed: the symbolic link leads outside the vault"));
                return;
            }
            // Already listed under its real path (or under another link, or it is an ancestor: a loop).
            if (!_visitedDirectories.Add(target)) return;
            WalkTree(relativePath, fullPath, target);
            return;
        }
        if (!isNoteName) return;
        if (!File.Exists(target))
        {
            _issues?.Add(new ScanIssue(relativePath, "not followed: the symbolic link's target does not exist"));
            return;
        }
        if (!RealPath.IsInside(target, _rootReal))
        {
            _issues?.Add(new ScanIssue(relativePath, "not followed: the symbolic link leads outside the vault"));
            return;
        }
        if (!_visitedFiles.Add(target)) return;
        long length, lastWriteTicks;
        try
        {
            var info = new FileInfo(target);
            (length, lastWriteTicks) = (info.Length, info.LastWriteTimeUtc.Ticks);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _issues?.Add(new ScanIssue(relativePath, "could not be read: " + e.Message));
            return;
        }
        _candidates.Add(new VaultFile(relativePath, length, lastWriteTicks));
    }

    private readonly record struct Entry(string Name, bool IsDirectory, bool IsLink, long Length, long LastWriteTicks);

    /// <summary>A folder's entries sorted by name; a folder that cannot be listed (fully) becomes an issue.</summary>
    private List<Entry> List(string relativePath, string fullPath)
    {
        var entries = new List<Entry>();
        try
        {
            var enumerable = new FileSystemEnumerable<Entry>(fullPath, static (ref FileSystemEntry e) =>
            {
                var isLink = (e.Attributes & FileAttributes.ReparsePoint) != 0;
                // A link's size is its target's, measured when the link is followed.
                var isFile = !e.IsDirectory && !isLink;
                // Length and time come from the one stat the listing makes of the entry anyway.
                return new Entry(e.FileName.ToString(), e.IsDirectory, isLink, isFile ? e.Length : 0, isFile ? e.LastWriteTimeUtc.UtcTicks : 0);
            }, ListOptions);
            foreach (var entry in enumerable) entries.Add(entry);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            var name = relativePath.Length == 0 ? "." : relativePath;
            _issues?.Add(new ScanIssue(name, e is UnauthorizedAccessException
                ? "folder skipped: permission denied"
                : $"folder skipped: {e.Message}"));
        }
        entries.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return entries;
    }
}
