using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using NoteLsp.Core.Config;
using NoteLsp.Core.Index;
using NoteLsp.Core.Model;
using NoteLsp.Core.Parsing;

namespace NoteLsp.Core.Vault;

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
        var otherFiles = new List<string>();
        var notes = VaultEnumerator.Enumerate(root, config, issues, otherFiles).Select(f => f.Path).ToList();
        return (notes, otherFiles);
    }

    /// <summary>Whether the vault's ignore globs leave this vault-relative path out.</summary>
    public static bool IsIgnored(string relativePath, NoteLspConfig config) =>
        !config.Ignore.IsEmpty && new IgnoreGlobs(config.Ignore).Keep([relativePath]).Count == 0;

    /// <summary>Reads and parses one note; null (with an issue) when the file vanished or cannot be read.</summary>
    public static ParsedNote? ReadNote(string root, string relativePath, NoteLspConfig config, ICollection<ScanIssue>? issues = null)
    {
        var note = TryReadNote(root, relativePath, config, out var issue);
        if (issue is not null) issues?.Add(issue);
        return note;
    }

    /// <summary>Enumerate + read + parse on all cores + build the snapshot. progress receives the count of notes parsed so far.</summary>
    public static ScanResult Scan(string root, NoteLspConfig config, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
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
        var (paths, otherFiles) = EnumerateFiles(root, config, issues);
        cancellationToken.ThrowIfCancellationRequested();

        var notes = new ParsedNote?[paths.Count];
        var readIssues = new ConcurrentQueue<ScanIssue>();
        var parsed = 0;
        // About a hundred progress reports for the whole vault, whatever its size.
        var reportEvery = Math.Max(1, paths.Count / 100);
        var options = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount };
        Parallel.For(0, paths.Count, options, i =>
        {
            notes[i] = TryReadNote(root, paths[i], config, out var issue);
            if (issue is not null) readIssues.Enqueue(issue);
            var count = Interlocked.Increment(ref parsed);
            if (progress is not null && (count % reportEvery == 0 || count == paths.Count)) progress.Report(count);
        });

        issues.AddRange(readIssues);
        issues.Sort((a, b) =>
        {
            var byPath = string.CompareOrdinal(a.Path, b.Path);
            return byPath != 0 ? byPath : string.CompareOrdinal(a.Message, b.Message);
        });

        var snapshot = VaultSnapshot.Build(notes.Where(n => n is not null).Select(n => n!)).WithNoteExtensions(config.Extensions).WithOtherFiles(otherFiles);
        return new ScanResult(snapshot, [.. issues], stopwatch.Elapsed);
    }

    private static ParsedNote? TryReadNote(string root, string relativePath, NoteLspConfig config, out ScanIssue? issue)
    {
        issue = null;
        byte[] bytes;
        try
        {
            var fullPath = Path.Combine(root, relativePath.Replace('/', Path.DirectorySeparatorChar));
            bytes = ReadBytes(fullPath, config.MaxFileBytes, out var length);
            if (length > config.MaxFileBytes)
            {
                issue = new ScanIssue(relativePath, VaultEnumerator.TooBigMessage(length, config.MaxFileBytes));
                return null;
            }
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            issue = new ScanIssue(relativePath, "could not be read: the file no longer exists");
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            issue = new ScanIssue(relativePath, "could not be read: permission denied");
            return null;
        }
        catch (Exception e) when (e is IOException or ArgumentException or NotSupportedException or System.Security.SecurityException)
        {
            issue = new ScanIssue(relativePath, "could not be read: " + e.Message);
            return null;
        }

        var decoded = NoteText.Decode(bytes);
        try
        {
            return NoteParser.Parse(relativePath, decoded.Text, decoded.HadInvalidUtf8);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The parser promises never to throw; if it does on one odd note, the other 99,999 still get indexed.
            issue = new ScanIssue(relativePath, $"could not be parsed: {e.GetType().Name}: {e.Message}");
            return null;
        }
    }

    /// <summary>Reads the whole file unless it is (or has grown) bigger than max; length is its size as found.</summary>
    private static byte[] ReadBytes(string fullPath, long max, out long length)
    {
        // A named pipe or a device reports size 0 and opening it could block forever: an empty note is read
        // without opening the file (a real empty file gives the same empty text).
        length = new FileInfo(fullPath) is { Exists: true } info ? info.Length : throw new FileNotFoundException(null, fullPath);
        if (length == 0) return [];

        // Share everything: an editor may be saving the file right now.
        using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1, FileOptions.SequentialScan);
        length = stream.Length;
        if (length > max) return [];

        var buffer = new byte[length];
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = stream.Read(buffer, filled, buffer.Length - filled);
            if (read == 0) break; // shrank while reading
            filled += read;
        }
        if (filled < buffer.Length) return buffer[..filled];

        // Grew while reading: take the rest, up to the limit.
        var extra = new MemoryStream();
        var chunk = new byte[81920];
        int more;
        while ((more = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            extra.Write(chunk, 0, more);
            if (length + extra.Length > max)
            {
                length += extra.Length;
                return [];
            }
        }
        if (extra.Length == 0) return buffer;
        length += extra.Length;
        return [.. buffer, .. extra.ToArray()];
    }
}
