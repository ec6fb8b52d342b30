using System.Collections.Immutable;
using System.Text.Json;
using NoteLsp.Core.Files;
using NoteLsp.Core.Model;
using NoteLsp.Core.Parsing;
using NoteLsp.Server.Conversion;

namespace NoteLsp.Server.State;

/// <summary>Where a document lives: its vault, its vault-relative path, its open text (if open) and its parsed note (if indexed).</summary>
public sealed record DocumentLocation(Vault Vault, string RelativePath, string FullPath, OpenDocument? Document, ParsedNote? Note);

/// <summary>
/// The whole server state at one moment: every vault with its snapshot, the open documents and the client's settings.
/// Immutable: a request captures one view as its first statement and reads it without locks.
/// </summary>
public sealed record WorkspaceView
{
    public static WorkspaceView Empty { get; } = new();

    public ImmutableArray<Vault> Vaults { get; init; } = [];

    /// <summary>Open documents by full local path.</summary>
    public ImmutableDictionary<string, OpenDocument> Documents { get; init; } = ImmutableDictionary.Create<string, OpenDocument>(PathComparer);

    /// <summary>The client's `notelsp` settings from initializationOptions; null when none.</summary>
    public JsonElement? InitializationSettings { get; init; }

    /// <summary>The client's `notelsp` settings from workspace/didChangeConfiguration (or workspace/configuration); they override the initialization settings.</summary>
    public JsonElement? ChangedSettings { get; init; }

    public static StringComparer PathComparer => OperatingSystem.IsLinux() ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase;

    /// <summary>The folder vault with the deepest root containing the path, else the single-note vault of exactly that file.</summary>
    public Vault? VaultOf(string fullPath)
    {
        Vault? best = null;
        foreach (var vault in Vaults)
        {
            if (vault.IsSingleNote)
            {
                if (best is null && PathComparer.Equals(vault.Id, fullPath)) best = vault;
                continue;
            }
            if (vault.RelativePathOf(fullPath) is null) continue;
            if (best is null || best.IsSingleNote || vault.Root.Length > best.Root.Length) best = vault;
        }
        return best;
    }

    public Vault? VaultByRoot(string root) => Vaults.FirstOrDefault(v => !v.IsSingleNote && PathComparer.Equals(v.Root, root));

    public DocumentLocation? Locate(string uri)
    {
        var fullPath = DocumentUri.ToLocalPath(uri);
        return fullPath is null ? null : LocatePath(fullPath);
    }

    public DocumentLocation? LocatePath(string fullPath)
    {
        var vault = VaultOf(fullPath);
        Documents.TryGetValue(fullPath, out var document);
        if (vault is null) return null;
        var relative = vault.RelativePathOf(fullPath);
        if (relative is null) return null;
        return new DocumentLocation(vault, relative, fullPath, document, vault.Snapshot.GetNote(relative));
    }

    /// <summary>The URI for a note: the client's own URI when the note is open, else one built from the path.</summary>
    public string UriOf(Vault vault, string relativePath) => IdentifierOf(vault, relativePath).Uri;

    /// <summary>Whether an open document's text changed since its note was parsed (see <see cref="OpenDocument.IsStale"/>).</summary>
    public bool HasStaleDocuments => Documents.Values.Any(d => d.IsStale);

    /// <summary>A note's URI and, when it is open, the version of its document (what a versioned edit names): one full path for both.</summary>
    public (string Uri, int? Version) IdentifierOf(Vault vault, string relativePath)
    {
        var fullPath = vault.FullPathOf(relativePath);
        return Documents.TryGetValue(fullPath, out var document) ? (document.Uri, document.Version) : (DocumentUri.FromLocalPath(fullPath), null);
    }

    public OpenDocument? DocumentOf(Vault vault, string relativePath) =>
        Documents.TryGetValue(vault.FullPathOf(relativePath), out var document) ? document : null;

    /// <summary>
    /// Each vault's real root, resolved once: a request may read thousands of notes (UTF-8 columns of references). Keyed
    /// by the root string the vault keeps (compared by reference), so it lives as long as the vault.
    /// </summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<string, string> RealRoots = new();

    /// <summary>A note's current text: the open document's, else the file's (null when it cannot be read).</summary>
    public TextLines? TextOf(Vault vault, string relativePath)
    {
        if (DocumentOf(vault, relativePath) is { } document) return document.Lines;
        // The safe reader: a FIFO, a device or a link out of the vault is never read.
        var rootReal = RealRoots.GetValue(vault.Root, SafeFile.RealRoot);
        var read = SafeFile.Read(vault.FullPathOf(relativePath), rootReal, vault.Config.MaxFileBytes);
        return read.Bytes is { } bytes ? new TextLines(NoteText.Decode(bytes).Text) : null;
    }

    public WorkspaceView WithVault(Vault updated)
    {
        var index = Vaults.FindIndex(v => PathComparer.Equals(v.Id, updated.Id));
        return this with { Vaults = index >= 0 ? Vaults.SetItem(index, updated) : Vaults.Add(updated) };
    }

    public WorkspaceView WithoutVault(string id) => this with { Vaults = Vaults.RemoveAll(v => PathComparer.Equals(v.Id, id)) };

    public Vault? VaultById(string id) => Vaults.FirstOrDefault(v => PathComparer.Equals(v.Id, id));
}

internal static class ImmutableArrayExtensions
{
    public static int FindIndex<T>(this ImmutableArray<T> array, Func<T, bool> predicate)
    {
        for (var i = 0; i < array.Length; i++)
        {
            if (predicate(array[i])) return i;
        }
        return -1;
    }
}
