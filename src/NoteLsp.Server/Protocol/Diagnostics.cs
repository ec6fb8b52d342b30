namespace NoteLsp.Server.Protocol;

public sealed record LspDiagnostic
{
    public required LspRange Range { get; init; }
    public int? Severity { get; init; }
    public string? Code { get; init; }
    public string? Source { get; init; }
    public required string Message { get; init; }
    public IReadOnlyList<DiagnosticRelatedInformation>? RelatedInformation { get; init; }
}

public sealed record DiagnosticRelatedInformation(LspLocation Location, string Message);

public sealed record PublishDiagnosticsParams(string Uri, int? Version, IReadOnlyList<LspDiagnostic> Diagnostics);

public sealed record DocumentDiagnosticParams
{
    public required TextDocumentIdentifier TextDocument { get; init; }
    public string? Identifier { get; init; }
    public string? PreviousResultId { get; init; }
}

/// <summary>kind "full" (with items) or "unchanged" (same resultId as the client's).</summary>
public sealed record DocumentDiagnosticReport(string Kind, string? ResultId, IReadOnlyList<LspDiagnostic>? Items)
{
    public const string Full = "full";
    public const string Unchanged = "unchanged";
}

public sealed record WorkspaceDiagnosticParams
{
    public string? Identifier { get; init; }
    public IReadOnlyList<PreviousResultId>? PreviousResultIds { get; init; }
}

public sealed record PreviousResultId(string Uri, string Value);

public sealed record WorkspaceDiagnosticReport(IReadOnlyList<WorkspaceDocumentDiagnosticReport> Items);

public sealed record WorkspaceDocumentDiagnosticReport(string Kind, string? ResultId, IReadOnlyList<LspDiagnostic>? Items, string Uri, int? Version);
