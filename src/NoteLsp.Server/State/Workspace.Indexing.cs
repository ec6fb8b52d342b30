using NoteLsp.Core.Index;
using NoteLsp.Core.Model;

namespace NoteLsp.Server.State;

/// <summary>A scan's notes published as the vault's snapshot: built in one pass, never merged batch by batch.</summary>
public sealed partial class Workspace
{
    /// <summary>
    /// Makes every note the scan has read so far (<paramref name="scanned"/>) the vault's snapshot, built at once with
    /// <see cref="VaultSnapshot.Build(IEnumerable{ParsedNote}, IEnumerable{string})"/> (as `notelsp check` does) rather
    /// than merged into the previous one: merging each batch into immutable indexes cost more (10,000 notes: 0.9 s of
    /// CPU against 0.6 s for one build, and the whole vault's index trees churned through the GC). What changed since <paramref name="lastPublished"/> (open documents' text, files changed or deleted on
    /// disk meanwhile) wins over what the scan read, and the vault's other files stay as they are.
    /// </summary>
    /// <returns>The snapshot published (pass it back as <paramref name="lastPublished"/>), or null when the scan is stale or the vault is gone.</returns>
    /// <param name="linkSources">the note cache's link-source groups of the notes it gave the scan, for the build (<see cref="LinkSourceSeed"/>)</param>
    public VaultSnapshot? PublishScanned(string vaultId, int generation, IReadOnlyList<ParsedNote> scanned, VaultSnapshot? lastPublished, bool finished,
        CancellationToken cancellationToken = default, LinkSourceSeed? linkSources = null)
    {
        // Built outside the lock (seconds at 100,000 notes) from the view of now; what changed meanwhile (an edit, a
        // file changed on disk) is applied to it under the lock as single-note updates, never by building again there.
        var seen = Current;
        if (seen.VaultById(vaultId) is not { } seenVault || seenVault.Generation != generation) return null;
        var (newer, removed) = Changes(seen, seenVault, lastPublished ?? VaultSnapshot.Empty);
        IEnumerable<ParsedNote> notes = removed.Count == 0 ? scanned : scanned.Where(note => !removed.Contains(note.Path));
        // A later note with the same path wins in Build: the newer notes come last.
        var built = VaultSnapshot.Build(notes.Concat(newer), seenVault.Snapshot.NoteExtensions, linkSources);
        cancellationToken.ThrowIfCancellationRequested();
        return Update(view =>
        {
            if (view.VaultById(vaultId) is not { } vault || vault.Generation != generation) return (view, (VaultSnapshot?)null);
            var snapshot = built;
            if (!ReferenceEquals(vault.Snapshot, seenVault.Snapshot) || !ReferenceEquals(view.Documents, seen.Documents))
            {
                var (since, gone) = Changes(view, vault, seenVault.Snapshot);
                snapshot = snapshot.WithNotes(since);
                foreach (var path in gone) snapshot = snapshot.WithoutNote(path);
            }
            if (!snapshot.NoteExtensions.SequenceEqual(vault.Snapshot.NoteExtensions)) snapshot = snapshot.WithNoteExtensions(vault.Snapshot.NoteExtensions);
            snapshot = snapshot.WithOtherFilesOf(vault.Snapshot);
            return (view.WithVault(vault with { Snapshot = snapshot, IsIndexed = finished || vault.IsIndexed }), snapshot);
        });
    }

    /// <summary>The scan is over (or failed): the vault's diagnostics may go out for what it has. False when the scan is stale.</summary>
    public bool FinishScan(string vaultId, int generation) => Update(view =>
    {
        if (view.VaultById(vaultId) is not { } vault || vault.Generation != generation) return (view, false);
        return (vault.IsIndexed ? view : view.WithVault(vault with { IsIndexed = true }), true);
    });

    /// <summary>
    /// The notes of the vault's snapshot that are not the ones of <paramref name="since"/> (open documents' text, files
    /// changed on disk), the paths it dropped, and every open document's note (its text wins over the disk; none, so
    /// dropped, when it is too big to parse). O(notes) per call; publishes are rare (the indexer's fourfold growth).
    /// </summary>
    private static (List<ParsedNote> Newer, HashSet<string> Removed) Changes(WorkspaceView view, Vault vault, VaultSnapshot since)
    {
        var current = vault.Snapshot;
        var removed = new HashSet<string>(StringComparer.Ordinal);
        var newer = new List<ParsedNote>();
        if (!ReferenceEquals(current, since))
        {
            foreach (var note in current.Notes)
            {
                if (!ReferenceEquals(since.GetNote(note.Path), note)) newer.Add(note);
            }
            foreach (var note in since.Notes)
            {
                if (current.GetNote(note.Path) is null) removed.Add(note.Path);
            }
        }
        foreach (var document in view.Documents.Values)
        {
            if (view.VaultOf(document.FullPath)?.Id != vault.Id || vault.RelativePathOf(document.FullPath) is not { } relative) continue;
            if (current.GetNote(relative) is { } open) newer.Add(open);
            else removed.Add(relative);
        }
        return (newer, removed);
    }
}
