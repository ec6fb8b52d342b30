using NoteLsp.Core.Files;
using NoteLsp.Core.Model;

namespace NoteLsp.Server.State;

/// <summary>Files changed outside the editor: notes re-read or dropped, folders added, attachments tracked.</summary>
public sealed partial class Workspace
{
    /// <summary>A file was created or changed on disk: re-read it unless it is open (open text wins).</summary>
    public void FileChangedOnDisk(string fullPath) => UpdateNotes(view =>
    {
        if (view.Documents.ContainsKey(fullPath) || view.VaultOf(fullPath) is not { IsSingleNote: false } vault) return (view, (IReadOnlyList<NoteChange>)[]);
        var relative = vault.RelativePathOf(fullPath)!;
        if (Directory.Exists(fullPath)) return AddFolderFromDisk(view, vault, fullPath);
        if (!vault.IsNotePath(relative)) return OtherFileCreated(view, vault, relative, fullPath);
        return ReadFromDisk(view, vault, relative);
    });

    /// <summary>A file or folder was deleted on disk: drop its notes (open documents stay).</summary>
    public void FileDeletedOnDisk(string fullPath) => UpdateNotes(view =>
    {
        if (view.VaultOf(fullPath) is not { IsSingleNote: false } vault) return (view, (IReadOnlyList<NoteChange>)[]);
        var relative = vault.RelativePathOf(fullPath)!;
        var changes = new List<NoteChange>();
        var snapshot = vault.Snapshot;
        foreach (var gone in snapshot.OtherFilesAt(relative))
        {
            changes.AddRange(LinkersOfOtherFile(snapshot, vault.Id, gone));
        }
        snapshot = snapshot.WithoutOtherFiles(relative);
        var prefix = relative + "/";
        foreach (var note in vault.Snapshot.Notes.Where(n => n.Path == relative || n.Path.StartsWith(prefix, StringComparison.Ordinal)).ToList())
        {
            if (view.DocumentOf(vault, note.Path) is not null) continue;
            snapshot = snapshot.WithoutNote(note.Path);
            changes.Add(new NoteChange(vault.Id, note.Path, note, null));
        }
        return (view.WithVault(vault with { Snapshot = snapshot }), changes);
    });

    private (WorkspaceView, IReadOnlyList<NoteChange>) AddFolderFromDisk(WorkspaceView view, Vault vault, string folder)
    {
        var changes = new List<NoteChange>();
        var folderRelative = vault.RelativePathOf(folder);
        if (folderRelative is null) return (view, changes);
        // The scan's own enumeration, so a folder that appears holds the notes a rescan would find: no hidden or
        // ignored folder, no link out of the vault, no file over maxFileBytes.
        var issues = new List<ScanIssue>();
        var prefix = folderRelative.Length == 0 ? "" : folderRelative + "/";
        var (notes, otherFiles) = VaultScanner.EnumerateFiles(vault.Root, vault.Config, issues);
        foreach (var issue in issues.Where(i => i.Path.StartsWith(prefix, StringComparison.Ordinal))) log.Information("Skipped {Path}: {Message}", issue.Path, issue.Message);
        foreach (var relative in otherFiles.Where(p => p.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var (withFile, linkers) = OtherFileCreated(view, vault, relative, vault.FullPathOf(relative));
            view = withFile;
            vault = view.VaultById(vault.Id)!;
            changes.AddRange(linkers);
        }
        foreach (var relative in notes.Where(p => p.StartsWith(prefix, StringComparison.Ordinal)))
        {
            if (view.DocumentOf(vault, relative) is not null) continue;
            var (next, fileChanges) = ReadFromDisk(view, vault, relative);
            view = next;
            vault = view.VaultById(vault.Id)!;
            changes.AddRange(fileChanges);
        }
        return (view, changes);
    }

    /// <summary>
    /// A file that is not a note appeared (never read): links naming it stop being broken. The notes that may link to it
    /// come back as unchanged notes, so their diagnostics are computed again.
    /// </summary>
    private static (WorkspaceView, IReadOnlyList<NoteChange>) OtherFileCreated(WorkspaceView view, Vault vault, string relative, string fullPath)
    {
        // Same membership as notes (VaultMembership), and only a file that is there; it is never opened.
        if (!VaultMembership.IsVaultFilePath(relative, vault.Config) || !File.Exists(fullPath)) return (view, []);
        if (vault.Snapshot.HasOtherFile(relative)) return (view, []);
        var snapshot = vault.Snapshot.WithOtherFile(relative);
        return (view.WithVault(vault with { Snapshot = snapshot }), LinkersOfOtherFile(snapshot, vault.Id, relative));
    }

    private static List<NoteChange> LinkersOfOtherFile(Core.Index.VaultSnapshot snapshot, string vaultId, string relative) =>
        snapshot.NotesLinkingToFile(relative)
            .Select(path => snapshot.GetNote(path) is { } note ? new NoteChange(vaultId, path, note, note) : null)
            .OfType<NoteChange>().ToList();

    private (WorkspaceView, IReadOnlyList<NoteChange>) ReadFromDisk(WorkspaceView view, Vault vault, string relative)
    {
        var before = vault.Snapshot.GetNote(relative);
        ParsedNote? after = null;
        try
        {
            // Only a member of the vault is read (VaultMembership; SafeFile decides the rest on the opened file).
            if (vault.IsNotePath(relative) && !VaultMembership.IsDuplicateThroughLink(SafeFile.RealRoot(vault.Root), vault.FullPathOf(relative), relative, vault.Config))
            {
                var issues = new List<ScanIssue>();
                after = VaultScanner.ReadNote(vault.Root, relative, vault.Config, issues);
                foreach (var issue in issues) log.Information("Skipped {Path}: {Message}", issue.Path, issue.Message);
            }
        }
        catch (Exception e)
        {
            log.Error(e, "Reading {Path} failed; keeping what was indexed", relative);
            return (view, []);
        }
        var snapshot = after is null ? vault.Snapshot.WithoutNote(relative) : vault.Snapshot.WithNote(after);
        if (before is null && after is null) return (view, []);
        return (view.WithVault(vault with { Snapshot = snapshot }), [new NoteChange(vault.Id, relative, before, after)]);
    }

    private static bool IsOverSizeLimit(string text, long maxBytes, out long bytes)
    {
        // Every char is 1 to 3 UTF-8 bytes: count exactly only where the answer is not obvious.
        bytes = text.Length;
        if ((long)text.Length * 3 <= maxBytes) return false;
        bytes = System.Text.Encoding.UTF8.GetByteCount(text);
        return bytes > maxBytes;
    }

    private (WorkspaceView, IReadOnlyList<NoteChange>) ParseInto(WorkspaceView view, Vault vault, string fullPath, string text)
    {
        var relative = vault.RelativePathOf(fullPath);
        // An open document that is not a member of its vault (an ignored, hidden or node_modules path, or another
        // extension) keeps its text, but its note does not join the vault: other notes' links never resolve to it and
        // it gets no diagnostics, exactly as if the editor had not opened it.
        if (relative is null || (!vault.IsSingleNote && !vault.IsNotePath(relative))) return (view, []);
        if (IsOverSizeLimit(text, vault.Config.MaxFileBytes, out var bytes))
        {
            // As on disk (files over maxFileBytes are not parsed): a 50 MB paste would otherwise be re-parsed on the
            // message loop at every keystroke, for tens of seconds each. The text is kept; the note leaves the index.
            var previous = vault.Snapshot.GetNote(relative);
            if (previous is not null || Current.DocumentOf(vault, relative) is null)
            {
                log.Warning("{Path} is {Bytes:N0} bytes in the editor, over maxFileBytes ({Max:N0}): not parsed while it stays that big",
                    relative, bytes, vault.Config.MaxFileBytes);
            }
            if (previous is null) return (view, []);
            return (view.WithVault(vault with { Snapshot = vault.Snapshot.WithoutNote(relative) }), [new NoteChange(vault.Id, relative, previous, null)]);
        }
        var before = vault.Snapshot.GetNote(relative);
        try
        {
            var note = ParseOnce(relative, text);
            return (view.WithVault(vault with { Snapshot = vault.Snapshot.WithNote(note) }), [new NoteChange(vault.Id, relative, before, note)]);
        }
        catch (Exception e)
        {
            // Keep the last good note, but never the edit: the view returned carries the document's new text.
            log.Error(e, "Parsing or indexing {Path} failed; keeping its last good state", relative);
            return (view, []);
        }
    }
}
