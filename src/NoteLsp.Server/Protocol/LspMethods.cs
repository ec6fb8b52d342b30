namespace NoteLsp.Server.Protocol;

/// <summary>
/// Every LSP method name the server answers or sends, written once. `LspWireSurface` registers with these, the
/// server's requests and notifications to the client use them, and so does the test fixture.
/// </summary>
public static class LspMethods
{
    // ---- lifecycle ----
    public const string Initialize = "initialize";
    public const string Initialized = "initialized";
    public const string Shutdown = "shutdown";
    public const string Exit = "exit";
    public const string SetTrace = "$/setTrace";

    // ---- text synchronization ----
    public const string DidOpen = "textDocument/didOpen";
    public const string DidChange = "textDocument/didChange";
    public const string DidClose = "textDocument/didClose";
    public const string DidSave = "textDocument/didSave";

    // ---- workspace ----
    public const string DidChangeWatchedFiles = "workspace/didChangeWatchedFiles";
    public const string DidChangeConfiguration = "workspace/didChangeConfiguration";
    public const string DidChangeWorkspaceFolders = "workspace/didChangeWorkspaceFolders";
    public const string DidCreateFiles = "workspace/didCreateFiles";
    public const string DidDeleteFiles = "workspace/didDeleteFiles";
    public const string DidRenameFiles = "workspace/didRenameFiles";
    public const string WillRenameFiles = "workspace/willRenameFiles";
    public const string WorkspaceSymbol = "workspace/symbol";
    public const string WorkspaceDiagnostic = "workspace/diagnostic";

    // ---- language features ----
    public const string Completion = "textDocument/completion";
    public const string Hover = "textDocument/hover";
    public const string Definition = "textDocument/definition";
    public const string References = "textDocument/references";
    public const string PrepareRename = "textDocument/prepareRename";
    public const string Rename = "textDocument/rename";
    public const string DocumentSymbol = "textDocument/documentSymbol";
    public const string DocumentLink = "textDocument/documentLink";
    public const string CodeAction = "textDocument/codeAction";
    public const string DocumentDiagnostic = "textDocument/diagnostic";
    public const string CodeLens = "textDocument/codeLens";
    public const string CodeLensResolve = "codeLens/resolve";
    public const string DocumentHighlight = "textDocument/documentHighlight";
    public const string FoldingRange = "textDocument/foldingRange";
    public const string SelectionRange = "textDocument/selectionRange";
    public const string SemanticTokensFull = "textDocument/semanticTokens/full";
    public const string SemanticTokensFullDelta = "textDocument/semanticTokens/full/delta";
    public const string SemanticTokensRange = "textDocument/semanticTokens/range";

    // ---- server → client ----
    public const string PublishDiagnostics = "textDocument/publishDiagnostics";
    public const string Progress = "$/progress";
    public const string ShowMessage = "window/showMessage";
    public const string LogMessage = "window/logMessage";
    public const string WorkDoneProgressCreate = "window/workDoneProgress/create";
    public const string RegisterCapability = "client/registerCapability";
    public const string ApplyEdit = "workspace/applyEdit";
    public const string Configuration = "workspace/configuration";
    public const string DiagnosticRefresh = "workspace/diagnostic/refresh";
    public const string CodeLensRefresh = "workspace/codeLens/refresh";
}
