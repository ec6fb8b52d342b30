using System.Collections.Immutable;
using NoteLsp.Core.Config;
using NoteLsp.Core.Index;
using NoteLsp.Core.Model;

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
        throw new NotImplementedException("vault helper");

    /// <summary>Reads and parses one note; null (with an issue) when the file vanished or cannot be read.</summary>
    public static ParsedNote? ReadNote(string root, string relativePath, NoteLspConfig config, ICollection<ScanIssue>? issues = null) =>
        throw new NotImplementedException("vault helper");

    /// <summary>Enumerate + read + parse on all cores + build the snapshot. progress receives the count of notes parsed so far.</summary>
    public static ScanResult Scan(string root, NoteLspConfig config, IProgress<int>? progress = null, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException("vault helper");
}
