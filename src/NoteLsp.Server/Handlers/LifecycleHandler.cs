using System.Text.Json;
using NoteLsp.Core.Config;
using NoteLsp.Core.Vault;
using NoteLsp.Server.Conversion;
using NoteLsp.Server.Protocol;
using NoteLsp.Server.State;

namespace NoteLsp.Server.Handlers;

/// <summary>initialize (vaults, settings, capabilities), initialized (indexing, watchers, settings pull), shutdown, exit.</summary>
public sealed class LifecycleHandler(LanguageServer server)
{
    public const string ServerName = "notelsp";
    public const string DiagnosticIdentifier = "notelsp";
    public static readonly IReadOnlyList<string> CompletionTriggers = ["[", "#", "^", "(", "/"];

    public InitializeResult Initialize(InitializeParams request)
    {
        server.Lifecycle.BeginInitialize();
        var client = ClientFeatures.From(request.Capabilities);
        server.Client = client;
        server.Log.Information("initialize from {Client} {Version}; positions {Encoding}", request.ClientInfo?.Name ?? "unknown client", request.ClientInfo?.Version, client.Encoder.Kind);

        server.WatchEditorProcess(request.ProcessId);
        server.Workspace.SetInitializationSettings(SettingsSection(request.InitializationOptions));
        foreach (var root in VaultRoots(request)) server.Workspace.AddFolderVault(root);

        return new InitializeResult(Capabilities(client, NoteExtensions()), new ServerInfo(ServerName, server.Options.Version));
    }

    /// <summary>The note extensions of every vault (the defaults when there is none yet).</summary>
    private IReadOnlyList<string> NoteExtensions()
    {
        var vaults = server.Workspace.Current.Vaults;
        return (vaults.Length == 0 ? NoteLspConfig.Default.Extensions.AsEnumerable() : vaults.SelectMany(v => v.Config.Extensions)).Distinct().ToList();
    }

    /// <summary>Every workspace folder is a vault; without folders, the root URI (or the old rootPath).</summary>
    private static IEnumerable<string> VaultRoots(InitializeParams request)
    {
        if (request.WorkspaceFolders is { Count: > 0 } folders)
        {
            return folders.Select(f => DocumentUri.ToLocalPath(f.Uri)).OfType<string>().Distinct(WorkspaceView.PathComparer);
        }
        if (DocumentUri.ToLocalPath(request.RootUri) is { } root) return [root];
        if (!string.IsNullOrEmpty(request.RootPath)) return [Path.GetFullPath(request.RootPath)];
        return [];
    }

    /// <summary>Settings may come wrapped in a `notelsp` section or bare.</summary>
    public static JsonElement? SettingsSection(JsonElement? settings)
    {
        if (!JsonValues.IsPresent(settings) || settings!.Value.ValueKind != JsonValueKind.Object) return null;
        return settings.Value.TryGetProperty("notelsp", out var section) ? section : settings;
    }

    public static ServerCapabilities Capabilities(ClientFeatures client, IReadOnlyList<string> extensions)
    {
        var noteGlob = extensions.Count == 1
            ? "**/*" + extensions[0]
            : "**/*.{" + string.Join(",", extensions.Select(e => e.TrimStart('.'))) + "}";
        var noteFilters = new FileOperationRegistrationOptions(
        [
            new FileOperationFilter("file", new FileOperationPattern(noteGlob, "file")),
            new FileOperationFilter("file", new FileOperationPattern("**/*", "folder")),
        ]);
        return new ServerCapabilities
        {
            PositionEncoding = client.Encoder.Kind,
            TextDocumentSync = new TextDocumentSyncOptions(OpenClose: true, Change: TextDocumentSyncKind.Incremental, Save: new SaveOptions(IncludeText: false)),
            CompletionProvider = new CompletionOptions(CompletionTriggers, ResolveProvider: false),
            HoverProvider = true,
            DefinitionProvider = true,
            ReferencesProvider = true,
            RenameProvider = client.PrepareRenameSupport ? new RenameOptions(PrepareProvider: true) : true,
            DocumentSymbolProvider = true,
            WorkspaceSymbolProvider = true,
            DocumentLinkProvider = new DocumentLinkOptions(ResolveProvider: false),
            CodeActionProvider = new CodeActionOptions([CodeActionKind.QuickFix]),
            DiagnosticProvider = client.PullDiagnostics ? new DiagnosticOptions(DiagnosticIdentifier, InterFileDependencies: true, WorkspaceDiagnostics: true) : null,
            Workspace = new WorkspaceServerCapabilities(
                new WorkspaceFoldersServerCapabilities(Supported: true, ChangeNotifications: true),
                new FileOperationsServerCapabilities { WillRename = noteFilters, DidRename = noteFilters, DidCreate = noteFilters, DidDelete = noteFilters }),
        };
    }

    public void Initialized()
    {
        server.Diagnostics.Start();
        var vaults = server.Workspace.Current.Vaults.Where(v => !v.IsSingleNote).Select(v => v.Id).ToList();
        _ = Task.Run(async () =>
        {
            try
            {
                await RegisterWatchersAsync().ConfigureAwait(false);
                await PullSettingsAsync().ConfigureAwait(false);
            }
            catch (Exception e)
            {
                server.Log.Error(e, "Setting up after initialized failed");
            }
            await server.Indexer.RunAsync(vaults).ConfigureAwait(false);
        });
    }

    /// <summary>Watch note files and `.notelsp.yml` when the client lets us register dynamically.</summary>
    private async Task RegisterWatchersAsync()
    {
        if (!server.Client.DynamicWatchers) return;
        var watchers = NoteExtensions().Select(e => new FileWatcher("**/*" + e))
            .Append(new FileWatcher("**/" + NoteLspConfig.FileName))
            .Concat(VaultIgnoreFiles.FileNames.Select(name => new FileWatcher("**/" + name)))
            // Kind 1 | 4 = Create | Delete. Any other file coming or going (an image, a PDF) makes links to it work or break; its content never matters.
            .Append(new FileWatcher("**/*", Kind: 1 | 4))
            .ToList();
        var registration = new Registration("notelsp-watched-files", "workspace/didChangeWatchedFiles", new DidChangeWatchedFilesRegistrationOptions(watchers));
        await server.Connection.RequestAsync("client/registerCapability", new RegistrationParams([registration]), CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>
    /// Clients with workspace/configuration hold their settings there (eglot, VS Code). With folder vaults, one item per
    /// vault with its folder as scopeUri, so a folder's own settings apply to its own vault; otherwise one unscoped item.
    /// </summary>
    public async Task PullSettingsAsync()
    {
        if (!server.Client.ConfigurationRequest) return;
        var folders = server.Workspace.Current.Vaults.Where(v => !v.IsSingleNote).ToList();
        if (folders.Count > 0)
        {
            await PullFolderSettingsAsync(folders).ConfigureAwait(false);
            return;
        }
        var result = await server.Connection.RequestAsync<JsonElement?>("workspace/configuration",
            new ConfigurationParams([new ConfigurationItem(null, "notelsp")]), CancellationToken.None).ConfigureAwait(false);
        if (result is { ValueKind: JsonValueKind.Array } array && array.GetArrayLength() > 0 && array[0].ValueKind == JsonValueKind.Object)
        {
            WorkspaceHandler.ApplySettings(server, array[0]);
        }
        else if (!JsonValues.IsPresent(result) || result is { ValueKind: JsonValueKind.Array } nulls && nulls.GetArrayLength() > 0 && !JsonValues.IsPresent(nulls[0]))
        {
            // The client has no `notelsp` settings (any more): `.notelsp.yml` counts again.
            WorkspaceHandler.ApplySettings(server, null);
        }
    }

    private async Task PullFolderSettingsAsync(IReadOnlyList<Vault> folders)
    {
        var items = folders.Select(v => new ConfigurationItem(DocumentUri.FromLocalPath(v.Root), "notelsp")).ToList();
        var result = await server.Connection.RequestAsync<JsonElement?>("workspace/configuration", new ConfigurationParams(items), CancellationToken.None).ConfigureAwait(false);
        if (result is not { ValueKind: JsonValueKind.Array } answers) return;
        var settings = new Dictionary<string, JsonElement?>(WorkspaceView.PathComparer);
        // The answer has one element per item, in order; a short answer leaves the remaining vaults as they are.
        for (var i = 0; i < folders.Count && i < answers.GetArrayLength(); i++)
        {
            settings[folders[i].Id] = answers[i].ValueKind == JsonValueKind.Object ? SettingsSection(answers[i]) : null;
        }
        var (rescan, recheck) = server.Workspace.ApplyFolderSettings(settings);
        foreach (var id in recheck.Except(rescan)) server.Diagnostics.RecheckVault(id);
        if (rescan.Count > 0) _ = server.Indexer.Start(rescan);
    }

    public object? Shutdown()
    {
        server.Lifecycle.Shutdown();
        server.Indexer.Stop();
        server.Log.Information("shutdown");
        return null;
    }

    public void Exit()
    {
        server.Log.Information("exit");
        server.Lifecycle.Exit();
    }
}
