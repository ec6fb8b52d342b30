using NoteLsp.Core.Features;
using NoteLsp.Server.Protocol;

namespace NoteLsp.Server.Handlers;

/// <summary>textDocument/codeLens: the video lens on a note's <c>videoId:</c> line ("3 notes · 22 moments").</summary>
public sealed class CodeLensHandler
{
    public IReadOnlyList<CodeLens> Handle(RequestContext context, CodeLensParams request, CancellationToken cancellationToken)
    {
        if (context.Document(request.TextDocument) is not { Note: { } note } location) return [];
        var vault = location.Vault;
        return VideoLenses.For(vault.Snapshot, note, cancellationToken)
            .Select(lens => new CodeLens(context.Converter.Range(vault, note.Path, lens.Range), new LspCommand(lens.Title, "")))
            .ToList();
    }
}
