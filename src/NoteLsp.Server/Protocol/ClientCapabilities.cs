namespace NoteLsp.Server.Protocol;

// Only the client capabilities the server reads; everything else a client sends is ignored.

public sealed record ClientCapabilities
{
    public GeneralClientCapabilities? General { get; init; }
    public TextDocumentClientCapabilities? TextDocument { get; init; }
    public WorkspaceClientCapabilities? Workspace { get; init; }
    public WindowClientCapabilities? Window { get; init; }
}

public sealed record GeneralClientCapabilities
{
    public IReadOnlyList<string>? PositionEncodings { get; init; }
}

public sealed record WindowClientCapabilities
{
    public bool? WorkDoneProgress { get; init; }
}

public sealed record WorkspaceClientCapabilities
{
    public bool? ApplyEdit { get; init; }
    public WorkspaceEditClientCapabilities? WorkspaceEdit { get; init; }
    public DynamicRegistrationCapability? DidChangeConfiguration { get; init; }
    public DynamicRegistrationCapability? DidChangeWatchedFiles { get; init; }
    public DynamicRegistrationCapability? Symbol { get; init; }
    public bool? WorkspaceFolders { get; init; }
    public bool? Configuration { get; init; }
    public RefreshCapability? Diagnostics { get; init; }
    public RefreshCapability? CodeLens { get; init; }
    public FileOperationsClientCapabilities? FileOperations { get; init; }
}

public sealed record WorkspaceEditClientCapabilities
{
    public bool? DocumentChanges { get; init; }
    public IReadOnlyList<string>? ResourceOperations { get; init; }
}

public sealed record DynamicRegistrationCapability
{
    public bool? DynamicRegistration { get; init; }
}

public sealed record RefreshCapability
{
    public bool? RefreshSupport { get; init; }
}

public sealed record FileOperationsClientCapabilities
{
    public bool? WillRename { get; init; }
    public bool? DidRename { get; init; }
    public bool? DidCreate { get; init; }
    public bool? DidDelete { get; init; }
}

public sealed record TextDocumentClientCapabilities
{
    public CompletionClientCapabilities? Completion { get; init; }
    public HoverClientCapabilities? Hover { get; init; }
    public LinkSupportCapability? Definition { get; init; }
    public RenameClientCapabilities? Rename { get; init; }
    public PublishDiagnosticsClientCapabilities? PublishDiagnostics { get; init; }
    /// <summary>Present when the client supports pull diagnostics (textDocument/diagnostic).</summary>
    public DynamicRegistrationCapability? Diagnostic { get; init; }
    public DocumentSymbolClientCapabilities? DocumentSymbol { get; init; }
    public FoldingRangeClientCapabilities? FoldingRange { get; init; }
    public CodeActionClientCapabilities? CodeAction { get; init; }
}

public sealed record CodeActionClientCapabilities
{
    public bool? DisabledSupport { get; init; }
}

public sealed record CompletionClientCapabilities
{
    public bool? ContextSupport { get; init; }
}

public sealed record HoverClientCapabilities
{
    public IReadOnlyList<string>? ContentFormat { get; init; }
}

public sealed record LinkSupportCapability
{
    public bool? LinkSupport { get; init; }
}

public sealed record RenameClientCapabilities
{
    public bool? PrepareSupport { get; init; }
}

public sealed record PublishDiagnosticsClientCapabilities
{
    public bool? RelatedInformation { get; init; }
}

public sealed record DocumentSymbolClientCapabilities
{
    public bool? HierarchicalDocumentSymbolSupport { get; init; }
}
