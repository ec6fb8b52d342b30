using NoteLsp.Server.Handlers;
using NoteLsp.Server.Protocol;
using NoteLsp.Server.State;
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
    private readonly CodeLensHandler _codeLens = new();
    private readonly DocumentHighlightHandler _documentHighlight = new();
    private readonly TimestampActionHandler _timestampActions = new();
    private readonly RefactorActionHandler _refactorActions = new();
    private readonly PullDiagnosticsHandler _pullDiagnostics;
    private readonly FoldingRangeHandler _foldingRange = new();
    private readonly SelectionRangeHandler _selectionRange = new();
    private readonly SemanticTokensHandler _semanticTokens = new();

    public LspWireSurface(LanguageServer server)
    {
        _server = server;
        Func<ClientFeatures> client = () => server.Client;
        var settings = new SettingsSync(server.Workspace, server.Diagnostics, server.Indexer, server.Connection, client);
        _textSync = new TextSyncHandler(server.Workspace, server.Diagnostics, client);
        _workspace = new WorkspaceHandler(server.Workspace, server.Diagnostics, server.Indexer, settings, client);
        _pullDiagnostics = new PullDiagnosticsHandler(server.Diagnostics);
        // Every feature's capabilities come from its handler: a new feature adds its handler here and nowhere else.
        IReadOnlyList<IDeclaresCapabilities> features =
        [
            _textSync, _workspace, _completion, _hover, _definition, _references, _rename,
            _documentSymbol, _workspaceSymbol, _documentLink, _codeAction, _timestampActions, _refactorActions, _codeLens, _documentHighlight, _foldingRange, _selectionRange, _semanticTokens, _pullDiagnostics,
        ];
        _lifecycle = new LifecycleHandler(server.Lifecycle, server.Workspace, server.Diagnostics, server.Indexer, server.Connection,
            settings, features, c => server.Client = c, server.Options.Version, server.Log);
    }

    // ---- lifecycle ----

    [JsonRpcMethod(LspMethods.Initialize, UseSingleObjectParameterDeserialization = true)]
    public InitializeResult Initialize(InitializeParams request)
    {
        // The server exits when its editor has died (a crashed editor leaves no one to send exit).
        _server.WatchEditorProcess(request.ProcessId);
        return _lifecycle.Initialize(request);
    }

    [JsonRpcMethod(LspMethods.Initialized, UseSingleObjectParameterDeserialization = true)]
    public void Initialized(InitializedParams? request) => Apply(LspMethods.Initialized, () =>
    {
        // Without the client's file watchers, the server watches the vaults itself and takes the same path as theirs.
        // Watching starts before indexing does, so no change made while the vault is read goes unseen.
        if (!_server.Client.DynamicWatchers) _server.WatchVaultFolders(DidChangeWatchedFiles);
        _lifecycle.Initialized();
    });

    /// <summary>Every request in flight is answered (its result, or -32800 as shutdown cancels it) before shutdown's answer.</summary>
    [JsonRpcMethod(LspMethods.Shutdown)]
    public async Task<object?> Shutdown()
    {
        var result = _lifecycle.Shutdown();
        if (_server.Rpc is Transport.LspJsonRpc rpc) await rpc.CancelAndDrainRequestsAsync().ConfigureAwait(false);
        return result;
    }

    [JsonRpcMethod(LspMethods.Exit)]
    public void Exit() => _lifecycle.Exit();

    [JsonRpcMethod(LspMethods.SetTrace, UseSingleObjectParameterDeserialization = true)]
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

    [JsonRpcMethod(LspMethods.DidOpen, UseSingleObjectParameterDeserialization = true)]
    public void DidOpen(DidOpenTextDocumentParams request) => Apply(LspMethods.DidOpen, request, () => _textSync.DidOpen(request));

    [JsonRpcMethod(LspMethods.DidChange, UseSingleObjectParameterDeserialization = true)]
    public void DidChange(DidChangeTextDocumentParams request) => Apply(LspMethods.DidChange, request, () => _textSync.DidChange(request));

    [JsonRpcMethod(LspMethods.DidClose, UseSingleObjectParameterDeserialization = true)]
    public void DidClose(DidCloseTextDocumentParams request) => Apply(LspMethods.DidClose, request, () => _textSync.DidClose(request));

    [JsonRpcMethod(LspMethods.DidSave, UseSingleObjectParameterDeserialization = true)]
    public void DidSave(DidSaveTextDocumentParams request) => Apply(LspMethods.DidSave, request, () => _textSync.DidSave(request));

    // ---- workspace ----

    [JsonRpcMethod(LspMethods.DidChangeWatchedFiles, UseSingleObjectParameterDeserialization = true)]
    public void DidChangeWatchedFiles(DidChangeWatchedFilesParams request) => Apply(LspMethods.DidChangeWatchedFiles, request, () => _workspace.DidChangeWatchedFiles(request));

    [JsonRpcMethod(LspMethods.DidChangeConfiguration, UseSingleObjectParameterDeserialization = true)]
    public void DidChangeConfiguration(DidChangeConfigurationParams request) => Apply(LspMethods.DidChangeConfiguration, request, () => _workspace.DidChangeConfiguration(request));

    [JsonRpcMethod(LspMethods.DidChangeWorkspaceFolders, UseSingleObjectParameterDeserialization = true)]
    public void DidChangeWorkspaceFolders(DidChangeWorkspaceFoldersParams request) => Apply(LspMethods.DidChangeWorkspaceFolders, request, () => _workspace.DidChangeWorkspaceFolders(request));

    [JsonRpcMethod(LspMethods.DidCreateFiles, UseSingleObjectParameterDeserialization = true)]
    public void DidCreateFiles(CreateFilesParams request) => Apply(LspMethods.DidCreateFiles, request, () => _workspace.DidCreateFiles(request));

    [JsonRpcMethod(LspMethods.DidDeleteFiles, UseSingleObjectParameterDeserialization = true)]
    public void DidDeleteFiles(DeleteFilesParams request) => Apply(LspMethods.DidDeleteFiles, request, () => _workspace.DidDeleteFiles(request));

    [JsonRpcMethod(LspMethods.DidRenameFiles, UseSingleObjectParameterDeserialization = true)]
    public void DidRenameFiles(RenameFilesParams request) => Apply(LspMethods.DidRenameFiles, request, () => _workspace.DidRenameFiles(request));

    [JsonRpcMethod(LspMethods.WillRenameFiles, UseSingleObjectParameterDeserialization = true)]
    public Task<WorkspaceEdit?> WillRenameFiles(RenameFilesParams request, CancellationToken cancellationToken) =>
        Serve(LspMethods.WillRenameFiles, request, (context, ct) => _workspace.WillRenameFiles(context, request, ct), cancellationToken);

    [JsonRpcMethod(LspMethods.WorkspaceSymbol, UseSingleObjectParameterDeserialization = true)]
    public Task<IReadOnlyList<SymbolInformation>?> WorkspaceSymbol(WorkspaceSymbolParams request, CancellationToken cancellationToken) =>
        PartialResults.Send(_server.Connection, request.PartialResultToken,
            Serve<IReadOnlyList<SymbolInformation>?>(LspMethods.WorkspaceSymbol, request, (context, ct) => _workspaceSymbol.Handle(context, request, ct), cancellationToken), cancellationToken);

    [JsonRpcMethod(LspMethods.WorkspaceDiagnostic, UseSingleObjectParameterDeserialization = true)]
    public Task<WorkspaceDiagnosticReport> WorkspaceDiagnostic(WorkspaceDiagnosticParams request, CancellationToken cancellationToken) =>
        Serve(LspMethods.WorkspaceDiagnostic, request, (context, ct) => _pullDiagnostics.Workspace(context, request, ct), cancellationToken);

    // ---- language features ----

    [JsonRpcMethod(LspMethods.Completion, UseSingleObjectParameterDeserialization = true)]
    public Task<CompletionList> Completion(CompletionParams request, CancellationToken cancellationToken) =>
        Serve(LspMethods.Completion, request, (context, ct) => _completion.Handle(context, request, ct), cancellationToken);

    [JsonRpcMethod(LspMethods.Hover, UseSingleObjectParameterDeserialization = true)]
    public Task<Hover?> Hover(HoverParams request, CancellationToken cancellationToken) =>
        Serve(LspMethods.Hover, request, (context, ct) => _hover.Handle(context, request, ct), cancellationToken);

    [JsonRpcMethod(LspMethods.Definition, UseSingleObjectParameterDeserialization = true)]
    public Task<OneOf<IReadOnlyList<LocationLink>, IReadOnlyList<LspLocation>>?> Definition(DefinitionParams request, CancellationToken cancellationToken) =>
        Serve(LspMethods.Definition, request, (context, ct) => _definition.Handle(context, request, ct), cancellationToken);

    [JsonRpcMethod(LspMethods.References, UseSingleObjectParameterDeserialization = true)]
    public Task<IReadOnlyList<LspLocation>?> References(ReferenceParams request, CancellationToken cancellationToken) =>
        PartialResults.Send(_server.Connection, request.PartialResultToken,
            Serve(LspMethods.References, request, (context, ct) => _references.Handle(context, request, ct), cancellationToken), cancellationToken);

    [JsonRpcMethod(LspMethods.PrepareRename, UseSingleObjectParameterDeserialization = true)]
    public Task<LspPrepareRenameResult?> PrepareRename(PrepareRenameParams request, CancellationToken cancellationToken) =>
        Serve(LspMethods.PrepareRename, request, (context, ct) => _rename.Prepare(context, request, ct), cancellationToken);

    [JsonRpcMethod(LspMethods.Rename, UseSingleObjectParameterDeserialization = true)]
    public Task<WorkspaceEdit?> Rename(RenameParams request, CancellationToken cancellationToken) =>
        Serve(LspMethods.Rename, request, (context, ct) => _rename.Rename(context, request, ct), cancellationToken);

    [JsonRpcMethod(LspMethods.DocumentSymbol, UseSingleObjectParameterDeserialization = true)]
    public Task<OneOf<IReadOnlyList<DocumentSymbol>, IReadOnlyList<SymbolInformation>>> DocumentSymbol(DocumentSymbolParams request, CancellationToken cancellationToken) =>
        Serve(LspMethods.DocumentSymbol, request, (context, ct) => _documentSymbol.Handle(context, request, ct), cancellationToken);

    [JsonRpcMethod(LspMethods.DocumentLink, UseSingleObjectParameterDeserialization = true)]
    public Task<IReadOnlyList<DocumentLink>> DocumentLink(DocumentLinkParams request, CancellationToken cancellationToken) =>
        Serve(LspMethods.DocumentLink, request, (context, ct) => _documentLink.Handle(context, request, ct), cancellationToken);

    [JsonRpcMethod(LspMethods.CodeAction, UseSingleObjectParameterDeserialization = true)]
    public Task<IReadOnlyList<CodeAction>> CodeAction(CodeActionParams request, CancellationToken cancellationToken) =>
        Serve<IReadOnlyList<CodeAction>>(LspMethods.CodeAction, request, (context, ct) => [.. _codeAction.Handle(context, request, ct), .. _timestampActions.Handle(context, request, ct), .. _refactorActions.Handle(context, request, ct)], cancellationToken);

    [JsonRpcMethod(LspMethods.CodeLens, UseSingleObjectParameterDeserialization = true)]
    public Task<IReadOnlyList<CodeLens>> CodeLens(CodeLensParams request, CancellationToken cancellationToken) =>
        Serve(LspMethods.CodeLens, request, (context, ct) => _codeLens.List(context, request, ct), cancellationToken);

    [JsonRpcMethod(LspMethods.CodeLensResolve, UseSingleObjectParameterDeserialization = true)]
    public Task<CodeLens> CodeLensResolve(CodeLens request, CancellationToken cancellationToken) =>
        Serve(LspMethods.CodeLensResolve, request, (context, ct) => _codeLens.Resolve(context, request, ct), cancellationToken);

    [JsonRpcMethod(LspMethods.DocumentHighlight, UseSingleObjectParameterDeserialization = true)]
    public Task<IReadOnlyList<DocumentHighlight>?> DocumentHighlight(DocumentHighlightParams request, CancellationToken cancellationToken) =>
        Serve(LspMethods.DocumentHighlight, request, (context, ct) => _documentHighlight.Handle(context, request, ct), cancellationToken);

    [JsonRpcMethod(LspMethods.DocumentDiagnostic, UseSingleObjectParameterDeserialization = true)]
    public Task<DocumentDiagnosticReport> DocumentDiagnostic(DocumentDiagnosticParams request, CancellationToken cancellationToken) =>
        Serve(LspMethods.DocumentDiagnostic, request, (context, ct) => _pullDiagnostics.Document(context, request, ct), cancellationToken);

    [JsonRpcMethod(LspMethods.FoldingRange, UseSingleObjectParameterDeserialization = true)]
    public Task<IReadOnlyList<FoldingRange>> FoldingRange(FoldingRangeParams request, CancellationToken cancellationToken) =>
        Serve(LspMethods.FoldingRange, request, (context, ct) => _foldingRange.Handle(context, request, ct), cancellationToken);

    [JsonRpcMethod(LspMethods.SelectionRange, UseSingleObjectParameterDeserialization = true)]
    public Task<IReadOnlyList<SelectionRange>> SelectionRange(SelectionRangeParams request, CancellationToken cancellationToken) =>
        Serve(LspMethods.SelectionRange, request, (context, ct) => _selectionRange.Handle(context, request, ct), cancellationToken);

    [JsonRpcMethod(LspMethods.SemanticTokensFull, UseSingleObjectParameterDeserialization = true)]
    public Task<SemanticTokens> SemanticTokensFull(SemanticTokensParams request, CancellationToken cancellationToken) =>
        Serve(LspMethods.SemanticTokensFull, request, (context, ct) => _semanticTokens.Full(context, request, ct), cancellationToken);

    [JsonRpcMethod(LspMethods.SemanticTokensFullDelta, UseSingleObjectParameterDeserialization = true)]
    public Task<OneOf<SemanticTokens, SemanticTokensDelta>> SemanticTokensDelta(SemanticTokensDeltaParams request, CancellationToken cancellationToken) =>
        Serve(LspMethods.SemanticTokensFullDelta, request, (context, ct) => _semanticTokens.Delta(context, request, ct), cancellationToken);

    [JsonRpcMethod(LspMethods.SemanticTokensRange, UseSingleObjectParameterDeserialization = true)]
    public Task<SemanticTokens> SemanticTokensRange(SemanticTokensRangeParams request, CancellationToken cancellationToken) =>
        Serve(LspMethods.SemanticTokensRange, request, (context, ct) => _semanticTokens.Range(context, request, ct), cancellationToken);

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
            T result;
            _server.Requests.Begin();
            try
            {
                // Documents opened or changed before this request are parsed here, off the message loop.
                var context = _server.Resolve(captured);
                cancellationToken.ThrowIfCancellationRequested();
                result = work(context, cancellationToken);
            }
            finally
            {
                _server.Requests.End();
            }
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
