using NoteLsp.Server.Conversion;
using NoteLsp.Server.Protocol;

namespace NoteLsp.Server.State;

/// <summary>What the client said it can do in `initialize`, read once into plain flags.</summary>
public sealed record ClientFeatures
{
    public static ClientFeatures Default { get; } = From(null);

    public required PositionEncoder Encoder { get; init; }
    public bool LinkSupport { get; init; }
    public bool PrepareRenameSupport { get; init; }
    public bool RelatedInformation { get; init; }
    public bool PullDiagnostics { get; init; }
    public bool DiagnosticRefresh { get; init; }
    public bool CodeLensRefresh { get; init; }
    public bool HierarchicalSymbols { get; init; }
    public bool MarkdownHover { get; init; }
    public bool DocumentChanges { get; init; }
    public bool CanCreateFiles { get; init; }
    public bool CanRenameFiles { get; init; }
    public bool WorkDoneProgress { get; init; }
    public bool DynamicWatchers { get; init; }
    public bool ConfigurationRequest { get; init; }
    public int? FoldingRangeLimit { get; init; }
    public bool LineFoldingOnly { get; init; }
    /// <summary>The client shows code actions with a disabled reason (greyed out) instead of needing them left out.</summary>
    public bool CodeActionDisabled { get; init; }

    public static ClientFeatures From(ClientCapabilities? capabilities)
    {
        var text = capabilities?.TextDocument;
        var workspace = capabilities?.Workspace;
        var resourceOperations = workspace?.WorkspaceEdit?.ResourceOperations ?? [];
        var hoverFormats = text?.Hover?.ContentFormat;
        return new ClientFeatures
        {
            Encoder = PositionEncoder.Negotiate(capabilities?.General?.PositionEncodings),
            LinkSupport = text?.Definition?.LinkSupport == true,
            PrepareRenameSupport = text?.Rename?.PrepareSupport == true,
            RelatedInformation = text?.PublishDiagnostics?.RelatedInformation == true,
            PullDiagnostics = text?.Diagnostic is not null,
            DiagnosticRefresh = workspace?.Diagnostics?.RefreshSupport == true,
            CodeLensRefresh = workspace?.CodeLens?.RefreshSupport == true,
            HierarchicalSymbols = text?.DocumentSymbol?.HierarchicalDocumentSymbolSupport == true,
            MarkdownHover = hoverFormats is null || hoverFormats.Count == 0 || hoverFormats.Contains(MarkupContent.Markdown),
            // Neovim applies documentChanges without declaring the flag, but declares resource operations.
            DocumentChanges = workspace?.WorkspaceEdit?.DocumentChanges == true || resourceOperations.Count > 0,
            CanCreateFiles = resourceOperations.Contains("create"),
            CanRenameFiles = resourceOperations.Contains("rename"),
            WorkDoneProgress = capabilities?.Window?.WorkDoneProgress == true,
            DynamicWatchers = workspace?.DidChangeWatchedFiles?.DynamicRegistration == true,
            ConfigurationRequest = workspace?.Configuration == true,
            FoldingRangeLimit = text?.FoldingRange?.RangeLimit,
            LineFoldingOnly = text?.FoldingRange?.LineFoldingOnly == true,
            CodeActionDisabled = text?.CodeAction?.DisabledSupport == true,
        };
    }
}
