using NoteLsp.Core.Features;
using NoteLsp.Server.Conversion;
using NoteLsp.Server.Protocol;

namespace NoteLsp.Server.Handlers;

/// <summary>textDocument/documentLink: timestamps → the video at that moment; links → the target file (at the heading's line).</summary>
public sealed class DocumentLinkHandler : IDeclaresCapabilities
{
    public ServerCapabilities Declare(ServerCapabilities capabilities, CapabilityInputs inputs) =>
        capabilities with { DocumentLinkProvider = new DocumentLinkOptions(ResolveProvider: false) };

    public IReadOnlyList<DocumentLink> Handle(RequestContext context, DocumentLinkParams request, CancellationToken cancellationToken)
    {
        if (context.Document(request.TextDocument) is not { Note: { } note } location) return [];
        var vault = location.Vault;
        return NoteDocumentLinks.Find(vault.Snapshot, note, vault.Config).Select(link =>
        {
            var target = link.Url;
            if (link.TargetPath is { } path)
            {
                target = DocumentUri.FromLocalPath(vault.FullPathOf(path));
                // VS Code and others open file URIs at "#L<line>" (1-based).
                if (link.TargetLine is { } line) target += "#L" + (line + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            return new DocumentLink(context.Converter.Range(vault, note.Path, link.Range), target, link.Tooltip);
        }).ToList();
    }
}
