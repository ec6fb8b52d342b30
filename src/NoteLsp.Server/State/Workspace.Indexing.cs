using NoteLsp.Core.Index;
using NoteLsp.Core.Model;

namespace NoteLsp.Server.State;

/// <summary>A scan's notes published as the vault's snapshot: built in one pass, never merged batch by batch.</summary>
public sealed partial class Workspace
{
    /// <summary>
    /// Makes every note the scan has read so far (<paramref name="scanned"/>) the vault's snapshot, built at once with
    /// <see cref="VaultSnapshot.Build(IEnumerable{ParsedNote}, IEnumerable{string})"/> (as `notelsp check` does) rather
    /// than merged into the previous one: merging 100,000 notes batch by batch into immutable indexes cost twice the
    /// whole scan. What changed since <paramref name="lastPublished"/> (open documents' text, files changed or deleted on
    /// disk meanwhile) wins over what the scan read, and the vault's other files stay as they are.
    /// </summary>
    /// <returns>The snapshot published (pass it back as <paramref name="lastPublished"/>), or null when the scan is stale or the vault is gone.</returns>
    public VaultSnapshot? PublishScanned(string vaultId, int generation, IReadOnlyList<ParsedNote> scanned, VaultSnapshot? lastPublished, bool finished,
        CancellationToken cancellationToken = default)
    {
        // Built outside the lock (a second at 100,000 notes) from the view of now; swapped in only if nothing the build
        // read changed meanwhile, otherwise built again under the lock (rare: an edit during the build).
        var seen = Current;
        if (seen.VaultById(vaultId) is not { } seenVault || seenVault.Generation != generation) return null;
        var built = Compose(seen, seenVault, scanned, lastPublished);
        cancellationToken.ThrowIfCancellationRequested();
        return Update(view =>
        {
            if (view.VaultById(vaultId) is not { } vault || vault.Generation != generation) return (view, (VaultSnapshot?)null);
            var snapshot = ReferenceEquals(vault.Snapshot, seenVault.Snapshot) && ReferenceEquals(view.Documents, seen.Documents)
                ? built
                : Compose(view, vault, scanned, lastPublished);
            return (view.WithVault(vault with { Snapshot = snapshot, IsIndexed = finished || vault.IsIndexed }), snapshot);
        });
    }

    /// <summary>The scan is over (or failed): the vault's diagnostics may go out for what it has. False when the scan is stale.</summary>
    public bool FinishScan(string vaultId, int generation) => Update(view =>
    {
        if (view.VaultById(vaultId) is not { } vault || vault.Generation != generation) return (view, false);
        return (vault.IsIndexed ? view : view.WithVault(vault with { IsIndexed = true }), true);
    });

    private static VaultSnapshot Compose(WorkspaceView view, Vault vault, IReadOnlyList<ParsedNote> scanned, VaultSnapshot? lastPublished)
    {
        var current = vault.Snapshot;
        var since = lastPublished ?? VaultSnapshot.Empty;
        var removed = new HashSet<string>(StringComparer.Ordinal);
        var newer = new List<ParsedNote>();
        if (!ReferenceEquals(current, since))
        {
            // O(notes published so far) per publish; publishes are rare (the indexer's doubling), so O(n) in all.
            foreach (var note in current.Notes)
            {
                if (!ReferenceEquals(since.GetNote(note.Path), note)) newer.Add(note);
            }
            foreach (var note in since.Notes)
            {
                if (current.GetNote(note.Path) is null) removed.Add(note.Path);
            }
        }
        // An open document's text wins over the disk: its note is the one the vault has (none when it is too big to parse).
        foreach (var document in view.Documents.Values)
        {
            if (view.VaultOf(document.FullPath)?.Id != vault.Id || vault.RelativePathOf(document.FullPath) is not { } relative) continue;
            if (current.GetNote(relative) is { } open) newer.Add(open);
            else removed.Add(relative);
        }
        IEnumerable<ParsedNote> notes = removed.Count == 0 ? scanned : scanned.Where(note => !removed.Contains(note.Path));
        // A later note with the same path wins in Build: the newer notes come last.
        return VaultSnapshot.Build(notes.Concat(newer), current.NoteExtensions).WithOtherFilesOf(current);
    }
}
