using NoteLsp.Core.Config;
using NoteLsp.Core.Files;
using NoteLsp.Core.Index;
using NoteLsp.Server.Conversion;

namespace NoteLsp.Server.State;

/// <summary>
/// One vault (a workspace folder, or a single note opened outside every folder): its root, its effective
/// configuration and its current immutable snapshot. Immutable; the workspace swaps whole values.
/// </summary>
public sealed record Vault
{
    /// <summary>Absolute local path of the folder.</summary>
    public required string Root { get; init; }

    /// <summary>For a note opened outside every workspace folder: its path. Such a vault holds only that note and is never scanned.</summary>
    public string? SingleNotePath { get; init; }

    public bool IsSingleNote => SingleNotePath is not null;

    /// <summary>Identifies the vault: its root, or for a single-note vault the note's full path.</summary>
    public string Id => SingleNotePath is null ? Root : FullPathOf(SingleNotePath);

    /// <summary>What `.notelsp.yml` says (defaults when absent or bad).</summary>
    public required NoteLspConfig DiskConfig { get; init; }

    /// <summary>Disk config overlaid with the client's settings.</summary>
    public required NoteLspConfig Config { get; init; }

    /// <summary>The client's settings for this vault's folder (workspace/configuration with its scopeUri); null when it has none.</summary>
    public System.Text.Json.JsonElement? FolderSettings { get; init; }

    public required VaultSnapshot Snapshot { get; init; }

    /// <summary>True once the background scan has finished.</summary>
    public bool IsIndexed { get; init; }

    /// <summary>Bumped by every rescan, so a stale background scan cannot merge into a newer one.</summary>
    public int Generation { get; init; }

    public string? RelativePathOf(string fullPath) => DocumentUri.RelativeTo(Root, fullPath);

    public string FullPathOf(string relativePath) => DocumentUri.Combine(Root, relativePath);

    /// <summary>Whether the path is one of the vault's notes (the scan's rules: <see cref="VaultMembership"/>).</summary>
    public bool IsNotePath(string relativePath) => VaultMembership.IsNotePath(relativePath, Config);
}
