using NoteLsp.Core.Features;
using NoteLsp.Server.Protocol;

namespace NoteLsp.Server.Handlers;

/// <summary>textDocument/hover on links and timestamps; null on plain text.</summary>
public sealed class HoverHandler : IDeclaresCapabilities
{
    public ServerCapabilities Declare(ServerCapabilities capabilities, CapabilityInputs inputs) => capabilities with { HoverProvider = true };

    public Hover? Handle(RequestContext context, HoverParams request, CancellationToken cancellationToken)
    {
        if (context.At(request.TextDocument, request.Position) is not { Note: { } note } at) return null;
        var vault = at.Vault;
        var result = (at.Lines is { } lines ? FrontMatterKeys.Hover(vault.Snapshot, note, l => lines.Line(l).ToString(), at.Position, vault.Config) : null)
            ?? NoteHover.Find(vault.Snapshot, note, at.Position, vault.Config, path => context.View.TextOf(vault, path)?.Text);
        if (result is null) return null;
        var kind = context.Client.MarkdownHover ? MarkupContent.Markdown : MarkupContent.PlainText;
        return new Hover(new MarkupContent(kind, result.Markdown), context.Converter.Range(vault, note.Path, result.Range));
    }
}
