using NoteLsp.Core.Features;
using NoteLsp.Server.Protocol;

namespace NoteLsp.Server.Handlers;

/// <summary>textDocument/documentHighlight: the links in this note to the same note, heading or block as the one under the cursor.</summary>
public sealed class DocumentHighlightHandler : IDeclaresCapabilities
{
    public ServerCapabilities Declare(ServerCapabilities capabilities, CapabilityInputs inputs) => capabilities with { DocumentHighlightProvider = true };

    public IReadOnlyList<DocumentHighlight>? Handle(RequestContext context, DocumentHighlightParams request, CancellationToken cancellationToken)
    {
        if (context.At(request.TextDocument, request.Position) is not { Note: { } note } at) return null;
        return NoteHighlights.Find(at.Vault.Snapshot, note, at.Position, cancellationToken)
            .Select(h => new DocumentHighlight(context.Converter.Range(at.Vault, note.Path, h.Range), (int)h.Kind))
            .ToList();
    }
}
