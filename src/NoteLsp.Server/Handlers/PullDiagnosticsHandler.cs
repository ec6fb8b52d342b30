using NoteLsp.Server.Protocol;

namespace NoteLsp.Server.Handlers;

/// <summary>textDocument/diagnostic and workspace/diagnostic for clients that pull; resultIds let unchanged sets be answered "unchanged".</summary>
public sealed class PullDiagnosticsHandler(DiagnosticsService diagnostics) : IDeclaresCapabilities
{
    public const string Identifier = "notelsp";

    /// <summary>Only for clients that pull; the others get pushed diagnostics.</summary>
    public ServerCapabilities Declare(ServerCapabilities capabilities, CapabilityInputs inputs) => inputs.Client.PullDiagnostics
        ? capabilities with { DiagnosticProvider = new LspDiagnosticOptions(Identifier, InterFileDependencies: true, WorkspaceDiagnostics: true) }
        : capabilities;

    public DocumentDiagnosticReport Document(RequestContext context, DocumentDiagnosticParams request, CancellationToken cancellationToken)
    {
        if (context.Document(request.TextDocument) is not { } location) return new DocumentDiagnosticReport(DocumentDiagnosticReport.Full, null, []);
        var items = diagnostics.Compute(context.Converter, location.Vault, location.RelativePath, location.Document);
        var resultId = DiagnosticsService.Fingerprint(items);
        return request.PreviousResultId == resultId
            ? new DocumentDiagnosticReport(DocumentDiagnosticReport.Unchanged, resultId, null)
            : new DocumentDiagnosticReport(DocumentDiagnosticReport.Full, resultId, items);
    }

    public WorkspaceDiagnosticReport Workspace(RequestContext context, WorkspaceDiagnosticParams request, CancellationToken cancellationToken)
    {
        var previous = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (uri, value) in request.PreviousResultIds ?? []) previous[uri] = value;
        var reports = new List<WorkspaceDocumentDiagnosticReport>();
        foreach (var vault in context.View.Vaults)
        {
            foreach (var note in vault.Snapshot.Notes.OrderBy(n => n.Path, StringComparer.Ordinal))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var items = diagnostics.Compute(context.Converter, vault, note.Path, context.View.DocumentOf(vault, note.Path));
                var uri = context.Converter.Uri(vault, note.Path);
                var resultId = DiagnosticsService.Fingerprint(items);
                var version = context.View.DocumentOf(vault, note.Path)?.Version;
                reports.Add(previous.Remove(uri, out var last) && last == resultId
                    ? new WorkspaceDocumentDiagnosticReport(DocumentDiagnosticReport.Unchanged, resultId, null, uri, version)
                    : new WorkspaceDocumentDiagnosticReport(DocumentDiagnosticReport.Full, resultId, items, uri, version));
            }
        }
        // Documents the client still has results for but that are no longer notes (deleted, renamed, out of a removed
        // folder): an empty report clears what it shows.
        foreach (var uri in previous.Keys.Order(StringComparer.Ordinal))
        {
            reports.Add(new WorkspaceDocumentDiagnosticReport(DocumentDiagnosticReport.Full, null, [], uri, null));
        }
        return new WorkspaceDiagnosticReport(reports);
    }
}
