using NoteLsp.Server.Conversion;
using NoteLsp.Server.Handlers;
using NoteLsp.Server.State;
using NoteLsp.Server.Transport;
using Serilog;
using StreamJsonRpc;

namespace NoteLsp.Server;

/// <summary>One running server on one connection: its state, its services and its exit code.</summary>
public sealed class LanguageServer : IDisposable
{
    private volatile ClientFeatures _client = ClientFeatures.Default;

    internal LanguageServer(JsonRpc rpc, ServerOptions options)
    {
        Rpc = rpc;
        Options = options;
        Log = options.Log;
        Workspace = new Workspace(Log) { BeforeParse = options.BeforeParse };
        Connection = new ClientConnection(rpc, Log);
        Diagnostics = new DiagnosticsService(Workspace, Connection, () => _client, options.DiagnosticsDebounce, Log, options.BeforePublishDiagnostics)
        {
            Requests = Requests,
        };
        Indexer = new Indexer(Workspace, Diagnostics, Connection, () => _client, options, Log);
        Workspace.UserMessage += message => Connection.ShowMessage(Protocol.MessageType.Warning, message);
    }

    public JsonRpc Rpc { get; }

    public ServerOptions Options { get; }

    public ILogger Log { get; }

    public Workspace Workspace { get; }

    public Lifecycle Lifecycle { get; } = new();

    /// <summary>Requests being computed: the vault-wide diagnostics pass leaves them a core.</summary>
    public RequestActivity Requests { get; } = new();

    public ClientConnection Connection { get; }

    public DiagnosticsService Diagnostics { get; }

    public Indexer Indexer { get; }

    /// <summary>What the client can do (defaults until initialize).</summary>
    public ClientFeatures Client
    {
        get => _client;
        internal set => _client = value;
    }

    /// <summary>Completes with the process exit code: 0 after shutdown + exit, 1 for exit without shutdown or a lost connection.</summary>
    public Task<int> Completion => Lifecycle.Exited;

    /// <summary>
    /// What a request works on, captured on the message loop (so it sees every earlier change and nothing later): the
    /// current view and the client's features. Nothing is parsed here: <see cref="Resolve"/> does that off the loop.
    /// </summary>
    public (WorkspaceView View, ClientFeatures Client) Capture() => (Workspace.Current, _client);

    /// <summary>
    /// The state a request is answered from: the captured view with the documents still waiting to be parsed parsed as
    /// they were captured; the parse is also swapped into the workspace (and their diagnostics follow). Off the loop.
    /// </summary>
    public RequestContext Resolve((WorkspaceView View, ClientFeatures Client) captured)
    {
        var view = captured.View;
        if (view.HasStaleDocuments)
        {
            view = Workspace.Parsed(view);
            Workspace.ParseStale();
        }
        return new(view, captured.Client);
    }

    /// <summary>The server's own file watching, when the client registers none (null otherwise).</summary>
    public VaultWatcher? VaultWatcher { get; private set; }

    private EditorProcessWatch? _editorWatch;

    /// <summary>Exits when the editor's process (initialize's processId) has died.</summary>
    internal void WatchEditorProcess(int? processId) =>
        _editorWatch = EditorProcessWatch.Start(processId, Options.EditorProcessPoll, Lifecycle, Log);

    /// <summary>Watches the vault folders itself and feeds what it sees to <paramref name="didChangeWatchedFiles"/>.</summary>
    internal void WatchVaultFolders(Action<Protocol.DidChangeWatchedFilesParams> didChangeWatchedFiles) =>
        VaultWatcher ??= new VaultWatcher(() => Workspace.Current, didChangeWatchedFiles, ids => Indexer.Start(ids), Options.VaultWatcherDebounce, Log);

    public void Dispose()
    {
        _editorWatch?.Dispose();
        VaultWatcher?.Dispose();
        Indexer.Stop();
        Diagnostics.Dispose();
        Rpc.Dispose();
    }
}

/// <summary>A request's captured state. Everything a handler reads comes from here, never from the live workspace.</summary>
public sealed class RequestContext(WorkspaceView view, ClientFeatures client)
{
    private LspConverter? _converter;

    public WorkspaceView View => view;

    public ClientFeatures Client => client;

    public LspConverter Converter => _converter ??= new LspConverter(view, client);

    /// <summary>The document and position a request is about; the position is converted to UTF-16 and clamped into the text. Null for an unknown document.</summary>
    public DocumentPosition? At(Protocol.TextDocumentIdentifier document, Protocol.LspPosition position)
    {
        if (view.Locate(document.Uri) is not { } location) return null;
        var lines = location.Document?.Lines ?? view.TextOf(location.Vault, location.RelativePath);
        return new DocumentPosition(location, lines, client.Encoder.FromLsp(position, lines));
    }

    public DocumentLocation? Document(Protocol.TextDocumentIdentifier document) => view.Locate(document.Uri);
}

public sealed record DocumentPosition(DocumentLocation Location, TextLines? Lines, Core.Text.TextPosition Position)
{
    public Vault Vault => Location.Vault;

    public Core.Model.ParsedNote? Note => Location.Note;
}
