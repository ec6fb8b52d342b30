using NoteLsp.Core.Config;
using NoteLsp.Core.Files;
using NoteLsp.Server.Conversion;
using NoteLsp.Server.Protocol;
using NoteLsp.Server.State;
using NoteLsp.Server.Transport;
using Serilog;

namespace NoteLsp.Server.Handlers;

/// <summary>initialize (vaults, settings, capabilities), initialized (indexing, watchers, settings pull), shutdown, exit.</summary>
/// <param name="features">every handler that declares capabilities; initialize folds their declarations</param>
/// <param name="setClient">records what the client can do, for every later request and service</param>
public sealed class LifecycleHandler(
    Lifecycle lifecycle,
    Workspace workspace,
    DiagnosticsService diagnostics,
    Indexer indexer,
    ClientConnection connection,
    SettingsSync settings,
    IReadOnlyList<IDeclaresCapabilities> features,
    Action<ClientFeatures> setClient,
    string? serverVersion,
    ILogger log)
{
    public const string ServerName = "notelsp";

    private ClientFeatures _client = ClientFeatures.Default;

    public InitializeResult Initialize(InitializeParams request)
    {
        lifecycle.BeginInitialize();
        var client = ClientFeatures.From(request.Capabilities);
        _client = client;
        setClient(client);
        log.Information("initialize from {Client} {Version}; positions {Encoding}", request.ClientInfo?.Name ?? "unknown client", request.ClientInfo?.Version, client.Encoder.Kind);

        workspace.SetInitializationSettings(SettingsSync.Section(request.InitializationOptions));
        foreach (var root in VaultRoots(request)) workspace.AddFolderVault(root);

        return new InitializeResult(Capabilities(client, NoteExtensions()), new ServerInfo(ServerName, serverVersion));
    }

    /// <summary>The note extensions of every vault (the defaults when there is none yet).</summary>
    private IReadOnlyList<string> NoteExtensions()
    {
        var vaults = workspace.Current.Vaults;
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

    /// <summary>The position encoding, then what each feature's handler declares for this client.</summary>
    private ServerCapabilities Capabilities(ClientFeatures client, IReadOnlyList<string> extensions)
    {
        var inputs = new CapabilityInputs(client, extensions);
        return features.Aggregate(new ServerCapabilities { PositionEncoding = client.Encoder.Kind }, (capabilities, feature) => feature.Declare(capabilities, inputs));
    }

    public void Initialized()
    {
        diagnostics.Start();
        var vaults = workspace.Current.Vaults.Where(v => !v.IsSingleNote).Select(v => v.Id).ToList();
        _ = Task.Run(async () =>
        {
            try
            {
                await RegisterWatchersAsync().ConfigureAwait(false);
                await settings.PullAsync().ConfigureAwait(false);
            }
            catch (Exception e)
            {
                log.Error(e, "Setting up after initialized failed");
            }
            await indexer.RunAsync(vaults).ConfigureAwait(false);
        });
    }

    /// <summary>Watch note files and `.notelsp.yml` when the client lets us register dynamically.</summary>
    private async Task RegisterWatchersAsync()
    {
        if (!_client.DynamicWatchers) return;
        var watchers = NoteExtensions().Select(e => new FileWatcher("**/*" + e))
            .Append(new FileWatcher("**/" + NoteLspConfig.FileName))
            .Concat(VaultIgnoreFiles.FileNames.Select(name => new FileWatcher("**/" + name)))
            // Kind 1 | 4 = Create | Delete. Any other file coming or going (an image, a PDF) makes links to it work or break; its content never matters.
            .Append(new FileWatcher("**/*", Kind: 1 | 4))
            .ToList();
        var registration = new Registration("notelsp-watched-files", LspMethods.DidChangeWatchedFiles, new DidChangeWatchedFilesRegistrationOptions(watchers));
        await connection.RequestAsync(LspMethods.RegisterCapability, new RegistrationParams([registration]), CancellationToken.None).ConfigureAwait(false);
    }

    public object? Shutdown()
    {
        lifecycle.Shutdown();
        indexer.Stop();
        log.Information("shutdown");
        return null;
    }

    public void Exit()
    {
        log.Information("exit");
        lifecycle.Exit();
    }
}
