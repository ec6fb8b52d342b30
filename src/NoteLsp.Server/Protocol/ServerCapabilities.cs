namespace NoteLsp.Server.Protocol;

// What the server declares: only what works. Null members are left out of the JSON.

public sealed record ServerCapabilities
{
    public string? PositionEncoding { get; init; }
    public TextDocumentSyncOptions? TextDocumentSync { get; init; }
    public CompletionOptions? CompletionProvider { get; init; }
    public bool? HoverProvider { get; init; }
    public bool? DefinitionProvider { get; init; }
    public bool? ReferencesProvider { get; init; }
    public OneOf<bool, RenameOptions>? RenameProvider { get; init; }
    public bool? DocumentSymbolProvider { get; init; }
    public bool? WorkspaceSymbolProvider { get; init; }
    public DocumentLinkOptions? DocumentLinkProvider { get; init; }
    public CodeActionOptions? CodeActionProvider { get; init; }
    public CodeLensOptions? CodeLensProvider { get; init; }
    public bool? DocumentHighlightProvider { get; init; }
    public bool? FoldingRangeProvider { get; init; }
    public bool? SelectionRangeProvider { get; init; }
    public SemanticTokensOptions? SemanticTokensProvider { get; init; }
    public LspDiagnosticOptions? DiagnosticProvider { get; init; }
    public WorkspaceServerCapabilities? Workspace { get; init; }
}

public sealed record TextDocumentSyncOptions(bool OpenClose, int Change, SaveOptions? Save);

public static class TextDocumentSyncKind
{
    public const int None = 0;
    public const int Full = 1;
    public const int Incremental = 2;
}

public sealed record SaveOptions(bool IncludeText);

public sealed record CompletionOptions(IReadOnlyList<string> TriggerCharacters, bool ResolveProvider);

public sealed record RenameOptions(bool PrepareProvider);

public sealed record DocumentLinkOptions(bool ResolveProvider);

public sealed record CodeActionOptions(IReadOnlyList<string> CodeActionKinds);

public sealed record LspDiagnosticOptions(string Identifier, bool InterFileDependencies, bool WorkspaceDiagnostics);

public sealed record WorkspaceServerCapabilities(WorkspaceFoldersServerCapabilities? WorkspaceFolders, FileOperationsServerCapabilities? FileOperations);

public sealed record WorkspaceFoldersServerCapabilities(bool Supported, bool ChangeNotifications);

public sealed record FileOperationsServerCapabilities
{
    public FileOperationRegistrationOptions? DidCreate { get; init; }
    public FileOperationRegistrationOptions? WillRename { get; init; }
    public FileOperationRegistrationOptions? DidRename { get; init; }
    public FileOperationRegistrationOptions? DidDelete { get; init; }
}

public sealed record FileOperationRegistrationOptions(IReadOnlyList<FileOperationFilter> Filters);

public sealed record FileOperationFilter(string? Scheme, FileOperationPattern Pattern);

/// <summary>Matches is "file" or "folder" (null: both).</summary>
public sealed record FileOperationPattern(string Glob, string? Matches);

public sealed record RenameFilesParams(IReadOnlyList<FileRenameEntry> Files);

public sealed record FileRenameEntry(string OldUri, string NewUri);

public sealed record CreateFilesParams(IReadOnlyList<FileCreateEntry> Files);

public sealed record FileCreateEntry(string Uri);

public sealed record DeleteFilesParams(IReadOnlyList<FileDeleteEntry> Files);

public sealed record FileDeleteEntry(string Uri);
