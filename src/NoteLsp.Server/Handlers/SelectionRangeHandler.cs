using NoteLsp.Core.Features;
using NoteLsp.Server.Protocol;

namespace NoteLsp.Server.Handlers;

/// <summary>textDocument/selectionRange: for each position, its ranges from the link part under it out to the whole note.</summary>
public sealed class SelectionRangeHandler : IDeclaresCapabilities
{
    public ServerCapabilities Declare(ServerCapabilities capabilities, CapabilityInputs inputs) => capabilities with { SelectionRangeProvider = true };

    public IReadOnlyList<SelectionRange> Handle(RequestContext context, SelectionRangeParams request, CancellationToken cancellationToken)
    {
        if (context.Document(request.TextDocument) is not { Note: { } note } location) return [];
        var vault = location.Vault;
        if ((location.Document?.Lines ?? context.View.TextOf(vault, note.Path)) is not { } lines) return [];
        var positions = request.Positions.Select(p => context.Client.Encoder.FromLsp(p, lines)).ToList();
        var chains = NoteSelectionRanges.Compute(note, lines.Text, positions, cancellationToken);
        return chains.Select(chain =>
        {
            SelectionRange? outer = null;
            for (var i = chain.Count - 1; i >= 0; i--) outer = new SelectionRange(context.Converter.Range(vault, note.Path, chain[i]), outer);
            return outer!;
        }).ToList();
    }
}
