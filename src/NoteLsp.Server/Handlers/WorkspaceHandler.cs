using System.Text.Json;
using NoteLsp.Core.Config;
using NoteLsp.Core.Features;
using NoteLsp.Core.Files;
using NoteLsp.Server.Conversion;
using NoteLsp.Server.Protocol;
using NoteLsp.Server.State;

namespace NoteLsp.Server.Handlers;

/// <summary>Files changed outside the editor, file operations, configuration and workspace folders.</summary>
public sealed class WorkspaceHandler(Workspace workspace, DiagnosticsService diagnostics, Indexer indexer, SettingsSync settings, Func<ClientFeatures> client) : IDeclaresCapabilities
{
    /// <summary>Workspace folders, and the file operations on notes and folders (links follow a move).</summary>
    public ServerCapabilities Declare(ServerCapabilities capabilities, CapabilityInputs inputs)
    {
        var extensions = inputs.NoteExtensions;
        var noteGlob = extensions.Count == 1
            ? "**/*" + extensions[0]
            : "**/*.{" + string.Join(",", extensions.Select(e => e.TrimStart('.'))) + "}";
        var noteFilters = new FileOperationRegistrationOptions(
        [
            new FileOperationFilter("file", new FileOperationPattern(noteGlob, "file")),
            new FileOperationFilter("file", new FileOperationPattern("**/*", "folder")),
        ]);
        return capabilities with
        {
            Workspace = new WorkspaceServerCapabilities(
                new WorkspaceFoldersServerCapabilities(Supported: true, ChangeNotifications: true),
                new FileOperationsServerCapabilities { WillRename = noteFilters, DidRename = noteFilters, DidCreate = noteFilters, DidDelete = noteFilters }),
        };
    }

    public void DidChangeWatchedFiles(DidChangeWatchedFilesParams request)
    {
        // A note matches both its own watcher and the one for every file: one event each is enough.
        foreach (var change in request.Changes.DistinctBy(c => (c.Uri, c.Type)))
        {
            if (DocumentUri.ToLocalPath(change.Uri) is not { } path) continue;
            // The vault's .gitignore and .ignore are read with its config: either changing may change which files are notes.
            if (Path.GetFileName(path) is var name && (name == NoteLspConfig.FileName || VaultIgnoreFiles.IsIgnoreFileName(name))
                && workspace.Current.VaultByRoot(Path.GetDirectoryName(path) ?? "") is { } vault)
            {
                ConfigChanged(vault.Id, workspace.ReloadDiskConfig(vault.Id));
                continue;
            }
            if (change.Type == FileChangeType.Deleted) workspace.FileDeletedOnDisk(path);
            else workspace.FileChangedOnDisk(path);
        }
    }

    public void DidChangeConfiguration(DidChangeConfigurationParams request)
    {
        if (SettingsSync.Section(request.Settings) is { } section && HasNotelspSection(request.Settings))
        {
            settings.Apply(section);
        }
        else if (client().ConfigurationRequest)
        {
            // The notification carries no settings of ours (VS Code sends null): ask for them.
            _ = Task.Run(settings.PullAsync);
        }
        else
        {
            // Bare settings, or none at all (`settings: null`): null takes back what the client had set.
            settings.Apply(SettingsSync.Section(request.Settings));
        }
    }

    private static bool HasNotelspSection(JsonElement? settings) =>
        settings is { ValueKind: JsonValueKind.Object } s && s.TryGetProperty("notelsp", out _);

    private void ConfigChanged(string vaultId, bool rescan)
    {
        if (rescan) indexer.Start([vaultId]);
        else diagnostics.RecheckVault(vaultId);
    }

    public void DidChangeWorkspaceFolders(DidChangeWorkspaceFoldersParams request)
    {
        foreach (var removed in request.Event.Removed)
        {
            if (DocumentUri.ToLocalPath(removed.Uri) is { } root && workspace.Current.VaultByRoot(root) is { } vault)
            {
                workspace.RemoveVault(vault.Id);
            }
        }
        var added = request.Event.Added.Select(f => DocumentUri.ToLocalPath(f.Uri)).OfType<string>()
            .Select(root => workspace.AddFolderVault(root).Id).ToList();
        if (added.Count > 0) indexer.Start(added);
    }

    public void DidCreateFiles(CreateFilesParams request)
    {
        foreach (var path in request.Files.Select(f => DocumentUri.ToLocalPath(f.Uri)).OfType<string>()) workspace.FileChangedOnDisk(path);
    }

    public void DidDeleteFiles(DeleteFilesParams request)
    {
        foreach (var path in request.Files.Select(f => DocumentUri.ToLocalPath(f.Uri)).OfType<string>()) workspace.FileDeletedOnDisk(path);
    }

    public void DidRenameFiles(RenameFilesParams request)
    {
        foreach (var file in request.Files)
        {
            if (DocumentUri.ToLocalPath(file.OldUri) is { } oldPath) workspace.FileDeletedOnDisk(oldPath);
            if (DocumentUri.ToLocalPath(file.NewUri) is { } newPath) workspace.FileChangedOnDisk(newPath);
        }
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
            edit.AddTextEdits(vault, plan, cancellationToken);
        }
        return edit.IsEmpty ? null : edit.Build();
    }
}
