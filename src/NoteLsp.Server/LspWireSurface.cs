using NoteLsp.Server.Handlers;
using NoteLsp.Server.Protocol;
using StreamJsonRpc;

namespace NoteLsp.Server;

/// <summary>
/// The whole wire surface: every LSP method the server answers, mapped to its handler. Nothing else is registered.
/// Notifications are synchronous (`void`): StreamJsonRpc dispatches messages in order until a handler's first
/// yielding await, so each change is applied before the next message is looked at. Requests capture the state
/// as their first statement, then work on the thread pool, so a slow request never blocks the connection.
/// </summary>
internal sealed class LspWireSurface
{
    private readonly LanguageServer _server;
    private readonly LifecycleHandler _lifecycle;
    private readonly TextSyncHandler _textSync;
    private readonly WorkspaceHandler _workspace;
    private readonly DefinitionHandler _definition = new();
    private readonly ReferencesHandler _references = new();
    private readonly RenameHandler _rename = new();
    private readonly CompletionHandler _completion = new();
    private readonly HoverHandler _hover = new();
    private readonly DocumentSymbolHandler _documentSymbol = new();
    private readonly WorkspaceSymbolHandler _workspaceSymbol = new();
    private readonly DocumentLinkHandler _documentLink = new();
    private readonly CodeActionHandler _codeAction = new();
    private readonly PullDiagnosticsHandler _pullDiagnostics;

    public LspWireSurface(LanguageServer server)
    {
        _server = server;
        _lifecycle = new LifecycleHandler(server);
        _textSync = new TextSyncHandler(server);
        _workspace = new WorkspaceHandler(server);
        _pullDiagnostics = new PullDiagnosticsHandler(server.Diagnostics);
    }

    // ---- lifecycle ----

    [JsonRpcMethod("initialize", UseSingleObjectParameterDeserialization = true)]
    public InitializeResult Initialize(InitializeParams request) => _lifecycle.Initialize(request);

    [JsonRpcMethod("initialized", UseSingleObjectParameterDeserialization = true)]
    public void Initialized(InitializedParams? request) => Apply("initialized", () =>
    {
        _lifecycle.Initialized();
        // Without the client's file watchers, the server watches the vaults itself and takes the same path as theirs.
        if (!_server.Client.DynamicWatchers) _server.WatchVaultFolders(DidChangeWatchedFiles);
    });

    /// <summary>Every request in flight is answered (its result, or -32800 as shutdown cancels it) before shutdown's answer.</summary>
    [JsonRpcMethod("shutdown")]
    public async Task<object?> Shutdown()
    {
        var result = _lifecycle.Shutdown();
        if (_server.Rpc is Transport.LspJsonRpc rpc) await rpc.CancelAndDrainRequestsAsync().ConfigureAwait(false);
        return result;
    }

    [JsonRpcMethod("exit")]
    public void Exit() => _lifecycle.Exit();

    [JsonRpcMethod("$/setTrace", UseSingleObjectParameterDeserialization = true)]
    public void SetTrace(SetTraceParams request)
    {
    }

    // ---- messages that were not valid JSON-RPC (Transport/LspMessageFormatter) ----

    /// <summary>Stands for an invalid request: answered with the error the formatter found (-32600 or -32602).</summary>
    [JsonRpcMethod(Transport.LspMessageFormatter.InvalidMessageMethod, UseSingleObjectParameterDeserialization = true)]
    public void InvalidMessage(System.Text.Json.JsonElement request)
    {
        var code = request.ValueKind == System.Text.Json.JsonValueKind.Object && request.TryGetProperty("code", out var c) && c.TryGetInt32(out var n)
            && n is ErrorCodes.InvalidRequest or ErrorCodes.InvalidParams ? n : ErrorCodes.InvalidRequest;
        var message = request.ValueKind == System.Text.Json.JsonValueKind.Object && request.TryGetProperty("message", out var m) && m.ValueKind == System.Text.Json.JsonValueKind.String
            ? m.GetString()! : "Invalid request";
        throw new LocalRpcException(message) { ErrorCode = code };
    }

    /// <summary>Stands for a notification or a stray response that was logged and dropped.</summary>
    [JsonRpcMethod(Transport.LspMessageFormatter.DroppedMessageMethod)]
    public void DroppedMessage()
    {
    }

    // ---- text synchronization ----

    [JsonRpcMethod("textDocument/didOpen", UseSingleObjectParameterDeserialization = true)]
    public void DidOpen(DidOpenTextDocumentParams request) => Apply("textDocument/didOpen", request, () => _textSync.DidOpen(request));

    [JsonRpcMethod("textDocument/didChange", UseSingleObjectParameterDeserialization = true)]
    public void DidChange(DidChangeTextDocumentParams request) => Apply("textDocument/didChange", request, () => _textSync.DidChange(request));

    [JsonRpcMethod("textDocument/didClose", UseSingleObjectParameterDeserialization = true)]
    public void DidClose(DidCloseTextDocumentParams request) => Apply("textDocument/didClose", request, () => _textSync.DidClose(request));

    [JsonRpcMethod("textDocument/didSave", UseSingleObjectParameterDeserialization = true)]
    public void DidSave(DidSaveTextDocumentParams request) => Apply("textDocument/didSave", request, () => _textSync.DidSave(request));

    // ---- workspace ----

    [JsonRpcMethod("workspace/didChangeWatchedFiles", UseSingleObjectParameterDeserialization = true)]
    public void DidChangeWatchedFiles(DidChangeWatchedFilesParams request) => Apply("workspace/didChangeWatchedFiles", request, () => _workspace.DidChangeWatchedFiles(request));

    [JsonRpcMethod("workspace/didChangeConfiguration", UseSingleObjectParameterDeserialization = true)]
    public void DidChangeConfiguration(DidChangeConfigurationParams request) => Apply("workspace/didChangeConfiguration", request, () => _workspace.DidChangeConfiguration(request));

    [JsonRpcMethod("workspace/didChangeWorkspaceFolders", UseSingleObjectParameterDeserialization = true)]
    public void DidChangeWorkspaceFolders(DidChangeWorkspaceFoldersParams request) => Apply("workspace/didChangeWorkspaceFolders", request, () => _workspace.DidChangeWorkspaceFolders(request));

    [JsonRpcMethod("workspace/didCreateFiles", UseSingleObjectParameterDeserialization = true)]
    public void DidCreateFiles(CreateFilesParams request) => Apply("workspace/didCreateFiles", request, () => _workspace.DidCreateFiles(request));

    [JsonRpcMethod("workspace/didDeleteFiles", UseSingleObjectParameterDeserialization = true)]
    public void DidDeleteFiles(DeleteFilesParams request) => Apply("workspace/didDeleteFiles", request, () => _workspace.DidDeleteFiles(request));

    [JsonRpcMethod("workspace/didRenameFiles", UseSingleObjectParameterDeserialization = true)]
    public void DidRenameFiles(RenameFilesParams request) => Apply("workspace/didRenameFiles", request, () => _workspace.DidRenameFiles(request));

    [JsonRpcMethod("workspace/willRenameFiles", UseSingleObjectParameterDeserialization = true)]
    public Task<WorkspaceEdit?> WillRenameFiles(RenameFilesParams request, CancellationToken cancellationToken) =>
        Serve("workspace/willRenameFiles", request, (context, ct) => _workspace.WillRenameFiles(context, request, ct), cancellationToken);

    [JsonRpcMethod("workspace/symbol", UseSingleObjectParameterDeserialization = true)]
    public Task<IReadOnlyList<SymbolInformation>> WorkspaceSymbol(WorkspaceSymbolParams request, CancellationToken cancellationToken) =>
        Serve("workspace/symbol", request, (context, ct) => _workspaceSymbol.Handle(context, request, ct), cancellationToken);

    [JsonRpcMethod("workspace/diagnostic", UseSingleObjectParameterDeserialization = true)]
    public Task<WorkspaceDiagnosticReport> WorkspaceDiagnostic(WorkspaceDiagnosticParams request, CancellationToken cancellationToken) =>
        Serve("workspace/diagnostic", request, (context, ct) => _pullDiagnostics.Workspace(context, request, ct), cancellationToken);

    // ---- language features ----

    [JsonRpcMethod("textDocument/completion", UseSingleObjectParameterDeserialization = true)]
    public Task<CompletionList> Completion(CompletionParams request, CancellationToken cancellationToken) =>
        Serve("textDocument/completion", request, (context, ct) => _completion.Handle(context, request, ct), cancellationToken);

    [JsonRpcMethod("textDocument/hover", UseSingleObjectParameterDeserialization = true)]
    public Task<Hover?> Hover(HoverParams request, CancellationToken cancellationToken) =>
        Serve("textDocument/hover", request, (context, ct) => _hover.Handle(context, request, ct), cancellationToken);

    [JsonRpcMethod("textDocument/definition", UseSingleObjectParameterDeserialization = true)]
    public Task<object?> Definition(DefinitionParams request, CancellationToken cancellationToken) =>
        Serve("textDocument/definition", request, (context, ct) => _definition.Handle(context, request, ct), cancellationToken);

    [JsonRpcMethod("textDocument/references", UseSingleObjectParameterDeserialization = true)]
    public Task<IReadOnlyList<LspLocation>?> References(ReferenceParams request, CancellationToken cancellationToken) =>
        Serve("textDocument/references", request, (context, ct) => _references.Handle(context, request, ct), cancellationToken);

    [JsonRpcMethod("textDocument/prepareRename", UseSingleObjectParameterDeserialization = true)]
    public Task<PrepareRenameResult?> PrepareRename(PrepareRenameParams request, CancellationToken cancellationToken) =>
        Serve("textDocument/prepareRename", request, (context, ct) => _rename.Prepare(context, request, ct), cancellationToken);

    [JsonRpcMethod("textDocument/rename", UseSingleObjectParameterDeserialization = true)]
    public Task<WorkspaceEdit?> Rename(RenameParams request, CancellationToken cancellationToken) =>
        Serve("textDocument/rename", request, (context, ct) => _rename.Rename(context, request, ct), cancellationToken);

    [JsonRpcMethod("textDocument/documentSymbol", UseSingleObjectParameterDeserialization = true)]
    public Task<object> DocumentSymbol(DocumentSymbolParams request, CancellationToken cancellationToken) =>
        Serve("textDocument/documentSymbol", request, (context, ct) => _documentSymbol.Handle(context, request, ct), cancellationToken);

    [JsonRpcMethod("textDocument/documentLink", UseSingleObjectParameterDeserialization = true)]
    public Task<IReadOnlyList<DocumentLink>> DocumentLink(DocumentLinkParams request, CancellationToken cancellationToken) =>
        Serve("textDocument/documentLink", request, (context, ct) => _documentLink.Handle(context, request, ct), cancellationToken);

    [JsonRpcMethod("textDocument/codeAction", UseSingleObjectParameterDeserialization = true)]
    public Task<IReadOnlyList<CodeAction>> CodeAction(CodeActionParams request, CancellationToken cancellationToken) =>
        Serve("textDocument/codeAction", request, (context, ct) => _codeAction.Handle(context, request, ct), cancellationToken);

    [JsonRpcMethod("textDocument/diagnostic", UseSingleObjectParameterDeserialization = true)]
    public Task<DocumentDiagnosticReport> DocumentDiagnostic(DocumentDiagnosticParams request, CancellationToken cancellationToken) =>
        Serve("textDocument/diagnostic", request, (context, ct) => _pullDiagnostics.Document(context, request, ct), cancellationToken);

    // ---- the two pipelines ----

    private const double SlowRequestMs = 50;

    /// <summary>A request: lifecycle check, capture the state (before anything can yield), then parse what is stale and work off the dispatch thread.</summary>
    private Task<T> Serve<T>(string method, object? request, Func<RequestContext, CancellationToken, T> work, CancellationToken cancellationToken)
    {
        _server.Lifecycle.EnsureRequestAllowed();
        // A missing member is the client's error (-32602, logged), not a NullReferenceException in a handler (-32603).
        Transport.RequiredParams.Check(request);
        var captured = _server.Capture();
        var hook = _server.Options.BeforeRequest;
        return Task.Run(async () =>
        {
            if (hook is not null) await hook(method, cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            // Documents opened or changed before this request are parsed here, off the message loop.
            var context = _server.Resolve(captured);
            cancellationToken.ThrowIfCancellationRequested();
            var result = work(context, cancellationToken);
            // The handler's own time (serialization and the wire excluded): slow answers are worth a line in the log.
            var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (elapsed >= SlowRequestMs) _server.Log.Information("{Method} took {Elapsed:0} ms", method, elapsed);
            else _server.Log.Verbose("{Method} took {Elapsed:0.0} ms", method, elapsed);
            return result;
        }, cancellationToken);
    }

    /// <summary>A notification whose params must be complete: one with a member missing is logged and ignored.</summary>
    private void Apply(string method, object? request, Action work) => Apply(method, () =>
    {
        try
        {
            Transport.RequiredParams.Check(request);
        }
        catch (ArgumentException e)
        {
            _server.Log.Warning("Ignored {Method}: invalid params: {Message}", method, e.Message);
            return;
        }
        work();
    });

    /// <summary>A notification: dropped outside the initialized phase; a failure is logged (StreamJsonRpc would swallow it) and the last good state stays.</summary>
    private void Apply(string method, Action work)
    {
        if (!_server.Lifecycle.NotificationAllowed)
        {
            _server.Log.Debug("Dropped {Method}: the server is not running", method);
            return;
        }
        try
        {
            work();
        }
        catch (Exception e)
        {
            _server.Log.Error(e, "{Method} failed; the last good state is kept", method);
        }
    }
}
