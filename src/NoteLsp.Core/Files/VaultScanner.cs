using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using NoteLsp.Core.Cache;
using NoteLsp.Core.Config;
using NoteLsp.Core.Index;
using NoteLsp.Core.Model;
using NoteLsp.Core.Parsing;

namespace NoteLsp.Core.Files;

/// <summary>Something the scanner skipped or could not read, said in words a person understands.</summary>
public sealed record ScanIssue(string Path, string Message);

public sealed record ScanResult(VaultSnapshot Snapshot, ImmutableArray<ScanIssue> Issues, TimeSpan Elapsed);

/// <summary>Finds and parses every note of a vault folder, in parallel.</summary>
public static class VaultScanner
{
    /// <summary>
    /// Vault-relative paths ('/' separators) of the note files under root: skips hidden folders, node_modules,
    /// ignore globs, symlinks leading out of the vault; files over maxFileBytes are reported in issues.
    /// </summary>
    public static IReadOnlyList<string> EnumerateNotes(string root, NoteLspConfig config, ICollection<ScanIssue>? issues = null) =>
        VaultEnumerator.Enumerate(root, config, issues).Select(f => f.Path).ToList();

    /// <summary><see cref="EnumerateNotes"/>, and the paths of the vault's other files (attachments), found by the same rules but never read.</summary>
    public static (IReadOnlyList<string> Notes, IReadOnlyList<string> OtherFiles) EnumerateFiles(string root, NoteLspConfig config, ICollection<ScanIssue>? issues = null)
    {
        var (notes, _, otherFiles) = EnumerateFilesWithStamps(root, config, issues);
        return (notes, otherFiles);
    }

    /// <summary>
    /// <see cref="EnumerateFiles"/> with each note file's stamp as the enumeration saw it (size, modification time), in
    /// the order of the notes: what <see cref="ReadNotes"/> checks a cached note against, without a stat per file.
    /// </summary>
    public static (IReadOnlyList<string> Notes, IReadOnlyList<FileStamp?> Stamps, IReadOnlyList<string> OtherFiles) EnumerateFilesWithStamps(
        string root, NoteLspConfig config, ICollection<ScanIssue>? issues = null)
    {
        var otherFiles = new List<string>();
        var files = VaultEnumerator.Enumerate(root, config, issues, otherFiles);
        return (files.ConvertAll(f => f.Path), files.ConvertAll(f => (FileStamp?)new FileStamp(f.Length, f.LastWriteTicks)), otherFiles);
    }

    /// <summary>Reads and parses one note; null (with an issue) when the file vanished or cannot be read.</summary>
    /// <param name="rootReal">the root's real path (<see cref="SafeFile.RealRoot"/>), when the caller reads many notes; resolved here when null</param>
    public static ParsedNote? ReadNote(string root, string relativePath, NoteLspConfig config, ICollection<ScanIssue>? issues = null, string? rootReal = null)
    {
        var note = TryReadNote(root, rootReal ?? SafeFile.RealRoot(root), relativePath, config, out var issue);
        if (issue is not null) issues?.Add(issue);
        return note;
    }

    /// <summary>Enumerate + read + parse on all cores + build the snapshot. progress receives the count of notes parsed so far.</summary>
    /// <param name="enumerated">called once with the number of notes to parse, before parsing starts (a progress line's total)</param>
    /// <param name="cache">notes parsed by an earlier run, reused for files unchanged since; the caller saves it</param>
    /// <param name="cacheOpening">the same, still being loaded (<see cref="NoteCache.Open"/> on another thread): loading a
    /// large cache and enumerating the vault overlap; it is waited for once the files are known</param>
    public static ScanResult Scan(string root, NoteLspConfig config, IProgress<int>? progress = null, CancellationToken cancellationToken = default,
        Action<int>? enumerated = null, NoteCache? cache = null, Task<NoteCache?>? cacheOpening = null)
    {
        var stopwatch = Stopwatch.StartNew();
        var issues = new List<ScanIssue>();
        try
        {
            root = Path.GetFullPath(root);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            // EnumerateNotes reports the unusable path as an issue.
        }
        var (paths, stamps, otherFiles) = EnumerateFilesWithStamps(root, config, issues);
        cache ??= cacheOpening?.GetAwaiter().GetResult();
        var rootReal = SafeFile.RealRoot(root);
        cancellationToken.ThrowIfCancellationRequested();
        enumerated?.Invoke(paths.Count);

        var parsed = 0;
        // About a hundred progress reports for the whole vault, whatever its size.
        var reportEvery = Math.Max(1, paths.Count / 100);
        var notes = ReadNotes(root, rootReal, paths, config, issues, cancellationToken, () =>
        {
            var count = Interlocked.Increment(ref parsed);
            if (progress is not null && (count % reportEvery == 0 || count == paths.Count)) progress.Report(count);
        }, cache, stamps);

        issues.Sort((a, b) =>
        {
            var byPath = string.CompareOrdinal(a.Path, b.Path);
            return byPath != 0 ? byPath : string.CompareOrdinal(a.Message, b.Message);
        });

        // Under the vault's extensions at once (a build under others would be remade), with the cache's link-source groups.
        var snapshot = VaultSnapshot.Build(notes, config.Extensions, cache?.LinkSources).WithOtherFiles(otherFiles);
        cache?.ReleaseLinkSources();
        return new ScanResult(snapshot, [.. issues], stopwatch.Elapsed);
    }

    /// <summary>
    /// Reads and parses the notes on all cores: the one parallel read-and-parse, for a whole scan and for the server's
    /// batches. The notes come back in the order of <paramref name="paths"/>; what cannot be read or parsed is added to
    /// <paramref name="issues"/> (sorted by path) instead. <paramref name="onRead"/> is called once per path, from any thread.
    /// </summary>
    /// <param name="rootReal">the root's real path (<see cref="SafeFile.RealRoot"/>), resolved once by the caller</param>
    /// <param name="cache">when given, a note whose file is unchanged comes from it, and every note read is added to it</param>
    /// <param name="stamps">the files' stamps from the enumeration (same order as paths); without them each file is stat'ed</param>
    public static List<ParsedNote> ReadNotes(string root, string rootReal, IReadOnlyList<string> paths, NoteLspConfig config,
        ICollection<ScanIssue> issues, CancellationToken cancellationToken = default, Action? onRead = null,
        NoteCache? cache = null, IReadOnlyList<FileStamp?>? stamps = null)
    {
        var notes = new ParsedNote?[paths.Count];
        var readIssues = new ConcurrentQueue<ScanIssue>();
        var options = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount };
        Parallel.For(0, paths.Count, options, i =>
        {
            try
            {
                notes[i] = cache is null
                    ? TryReadNote(root, rootReal, paths[i], config, out var issue)
                    : TryReadCachedNote(root, rootReal, paths[i], config, cache, stamps?[i], out issue);
                if (issue is not null) readIssues.Enqueue(issue);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One file failing in an unforeseen way must not stop the other 99,999.
                readIssues.Enqueue(new ScanIssue(paths[i], $"could not be read: {e.GetType().Name}: {e.Message}"));
            }
            onRead?.Invoke();
        });
        foreach (var issue in readIssues.OrderBy(i => i.Path, StringComparer.Ordinal)) issues.Add(issue);
        var result = new List<ParsedNote>(paths.Count);
        foreach (var note in notes)
        {
            if (note is not null) result.Add(note);
        }
        return result;
    }

    /// <param name="stamp">the file's stamp, taken before it is read (so a change made while it is read shows next time)</param>
    private static ParsedNote? TryReadCachedNote(string root, string rootReal, string relativePath, NoteLspConfig config, NoteCache cache,
        FileStamp? stamp, out ScanIssue? issue)
    {
        stamp ??= NoteCache.Stamp(Path.Combine(root, relativePath.Replace('/', Path.DirectorySeparatorChar)));
        if (stamp is { } known && cache.TryGet(relativePath, known, out var cached))
        {
            issue = null;
            return cached;
        }
        var note = TryReadNote(root, rootReal, relativePath, config, out issue);
        if (note is not null && stamp is { } taken) cache.Add(relativePath, taken, note);
        return note;
    }

    private static ParsedNote? TryReadNote(string root, string rootReal, string relativePath, NoteLspConfig config, out ScanIssue? issue)
    {
        issue = null;
        var fullPath = Path.Combine(root, relativePath.Replace('/', Path.DirectorySeparatorChar));
        var read = SafeFile.Read(fullPath, rootReal, config.MaxFileBytes);
        if (read.Bytes is not { } bytes)
        {
            issue = new ScanIssue(relativePath, read.Problem ?? "could not be read");
            return null;
        }

        var decoded = NoteText.Decode(bytes);
        try
        {
            return NoteParser.ParseClosed(relativePath, decoded.Text, decoded.HadInvalidUtf8);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The parser promises never to throw; if it does on one odd note, the other 99,999 still get indexed.
            issue = new ScanIssue(relativePath, $"could not be parsed: {e.GetType().Name}: {e.Message}");
            return null;
        }
    }
}
