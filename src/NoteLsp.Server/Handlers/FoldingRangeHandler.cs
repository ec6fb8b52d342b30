using NoteLsp.Core.Features;
using NoteLsp.Core.Text;
using NoteLsp.Server.Protocol;

namespace NoteLsp.Server.Handlers;

/// <summary>
/// textDocument/foldingRange on the document's current text. A client that folds whole lines gets lines only; one that
/// can fold inside a line gets the end of the first line as the start, so that line stays whole. At most the client's
/// rangeLimit ranges, the first ones in the text.
/// </summary>
public sealed class FoldingRangeHandler : IDeclaresCapabilities
{
    public ServerCapabilities Declare(ServerCapabilities capabilities, CapabilityInputs inputs) => capabilities with { FoldingRangeProvider = true };

    public IReadOnlyList<FoldingRange> Handle(RequestContext context, FoldingRangeParams request, CancellationToken cancellationToken)
    {
        if (context.Document(request.TextDocument) is not { Note: { } note } location) return [];
        var vault = location.Vault;
        if ((location.Document?.Lines ?? context.View.TextOf(vault, note.Path)) is not { } lines) return [];
        var folds = NoteFolding.Compute(note, lines.Text, cancellationToken);
        var limit = context.Client.FoldingRangeLimit is > 0 and var max ? Math.Min(max, folds.Count) : folds.Count;
        var result = new List<FoldingRange>(limit);
        for (var i = 0; i < limit; i++)
        {
            var fold = folds[i];
            var kind = fold.Kind switch
            {
                FoldKind.Comment => FoldingRangeKind.Comment,
                FoldKind.Region => FoldingRangeKind.Region,
                _ => null,
            };
            if (context.Client.LineFoldingOnly)
            {
                result.Add(new FoldingRange { StartLine = fold.StartLine, EndLine = fold.EndLine, Kind = kind });
                continue;
            }
            LspPosition LineEnd(int line) =>
                context.Converter.Position(vault, note.Path, new TextPosition(line, lines.Map.LineContentEnd(lines.Text, line) - lines.Map.LineStart(line)));
            result.Add(new FoldingRange
            {
                StartLine = fold.StartLine,
                StartCharacter = LineEnd(fold.StartLine).Character,
                EndLine = fold.EndLine,
                EndCharacter = LineEnd(fold.EndLine).Character,
                Kind = kind,
            });
        }
        return result;
    }
}
