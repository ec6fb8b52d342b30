using System.Text.Json;
using NoteLsp.Core.Config;
using NoteLsp.Core.Features;
using NoteLsp.Core.Vault;
using NoteLsp.Server.Conversion;
using NoteLsp.Server.Protocol;
using NoteLsp.Server.State;

namespace NoteLsp.Server.Handlers;

/// <summary>Files changed outside the editor, file operations, configuration and workspace folders.</summary>
public sealed class WorkspaceHandler(LanguageServer server)
{
    public void DidChangeWatchedFiles(DidChangeWatchedFilesParams request)
    {
        var changes = new List<NoteChange>();
        // A note matches both its own watcher and the one for every file: one event each is enough.
        foreach (var change in request.Changes.DistinctBy(c => (c.Uri, c.Type)))
        {
            if (DocumentUri.ToLocalPath(change.Uri) is not { } path) continue;
            // The vault's .gitignore and .ignore are read with its config: either changing may change which files are notes.
            if (Path.GetFileName(path) is var name && (name == NoteLspConfig.FileName || VaultIgnoreFiles.IsIgnoreFileName(name))
                && server.Workspace.Current.VaultByRoot(Path.GetDirectoryName(path) ?? "") is { } vault)
            {
                ConfigChanged(vault.Id, server.Workspace.ReloadDiskConfig(vault.Id));
                continue;
            }
            changes.AddRange(change.Type == FileChangeType.Deleted
                ? server.Workspace.FileDeletedOnDisk(path)
                : server.Workspace.FileChangedOnDisk(path));
        }
        server.Diagnostics.NotesChanged(changes);
    }

    public void DidChangeConfiguration(DidChangeConfigurationParams request)
    {
        if (LifecycleHandler.SettingsSection(request.Settings) is { } settings && HasNotelspSection(request.Settings))
        {
            ApplySettings(server, settings);
        }
        else if (server.Client.ConfigurationRequest)
        {
            // The notification carries no settings of ours (VS Code sends null): ask for them.
            _ = Task.Run(() => new LifecycleHandler(server).PullSettingsAsync());
        }
        else
        {
            // Bare settings, or none at all (`settings: null`): null takes back what the client had set.
            ApplySettings(server, LifecycleHandler.SettingsSection(request.Settings));
        }
    }

    private static bool HasNotelspSection(JsonElement? settings) =>
        settings is { ValueKind: JsonValueKind.Object } s && s.TryGetProperty("notelsp", out _);

    /// <summary>Applies the client's `notelsp` settings; null means it has none (any it set before are dropped).</summary>
    public static void ApplySettings(LanguageServer server, JsonElement? settings)
    {
        var (rescan, recheck) = server.Workspace.ApplyClientSettings(settings);
        foreach (var id in recheck.Except(rescan)) server.Diagnostics.RecheckVault(id);
        if (rescan.Count > 0) server.Indexer.Start(rescan);
    }

    private void ConfigChanged(string vaultId, bool rescan)
    {
        if (rescan) server.Indexer.Start([vaultId]);
        else server.Diagnostics.RecheckVault(vaultId);
    }

    public void DidChangeWorkspaceFolders(DidChangeWorkspaceFoldersParams request)
    {
        foreach (var removed in request.Event.Removed)
        {
            if (DocumentUri.ToLocalPath(removed.Uri) is { } root && server.Workspace.Current.VaultByRoot(root) is { } vault)
            {
                server.Diagnostics.NotesChanged(server.Workspace.RemoveVault(vault.Id));
            }
        }
        var added = request.Event.Added.Select(f => DocumentUri.ToLocalPath(f.Uri)).OfType<string>()
            .Select(root => server.Workspace.AddFolderVault(root).Id).ToList();
        if (added.Count > 0) server.Indexer.Start(added);
    }

    public void DidCreateFiles(CreateFilesParams request) =>
        server.Diagnostics.NotesChanged(request.Files.Select(f => DocumentUri.ToLocalPath(f.Uri)).OfType<string>()
            .SelectMany(server.Workspace.FileChangedOnDisk).ToList());

    public void DidDeleteFiles(DeleteFilesParams request) =>
        server.Diagnostics.NotesChanged(request.Files.Select(f => DocumentUri.ToLocalPath(f.Uri)).OfType<string>()
            .SelectMany(server.Workspace.FileDeletedOnDisk).ToList());

    public void DidRenameFiles(RenameFilesParams request)
    {
        var changes = new List<NoteChange>();
        foreach (var file in request.Files)
        {
            if (DocumentUri.ToLocalPath(file.OldUri) is { } oldPath) changes.AddRange(server.Workspace.FileDeletedOnDisk(oldPath));
            if (DocumentUri.ToLocalPath(file.NewUri) is { } newPath) changes.AddRange(server.Workspace.FileChangedOnDisk(newPath));
        }
        server.Diagnostics.NotesChanged(changes);
    }

    /// <summary>The link edits that keep every link to (and from) the moved notes working, computed before the move.</summary>
    public WorkspaceEdit? WillRenameFiles(RequestContext context, RenameFilesParams request, CancellationToken cancellationToken)
    {
        var byVault = new Dictionary<string, (Vault Vault, List<NoteMove> Moves)>(WorkspaceView.PathComparer);
        foreach (var file in request.Files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (DocumentUri.ToLocalPath(file.OldUri) is not { } oldPath || DocumentUri.ToLocalPath(file.NewUri) is not { } newPath) continue;
            if (context.View.VaultOf(oldPath) is not { IsSingleNote: false } vault) continue;
            var oldRelative = vault.RelativePathOf(oldPath);
            var newRelative = vault.RelativePathOf(newPath);
            if (oldRelative is null || newRelative is null) continue; // moved out of the vault: nothing can keep pointing at it
            if (!byVault.TryGetValue(vault.Id, out var entry)) byVault[vault.Id] = entry = (vault, []);
            entry.Moves.Add(new NoteMove(oldRelative, newRelative));
        }
        var edit = new WorkspaceEditBuilder(context);
        foreach (var (vault, moves) in byVault.Values)
        {
            var plan = NoteFileMoves.Plan(vault.Snapshot, moves);
            foreach (var (path, replacements) in plan) edit.AddTextEdits(vault, path, replacements);
        }
        return edit.IsEmpty ? null : edit.Build();
    }
}
