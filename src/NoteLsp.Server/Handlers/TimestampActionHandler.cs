using NoteLsp.Core.Features;
using NoteLsp.Server.Conversion;
using NoteLsp.Server.Protocol;

namespace NoteLsp.Server.Handlers;

/// <summary>
/// The timestamp code actions of textDocument/codeAction (docs/notes-format.md §6.2): a pasted link to the note's video
/// becomes a timestamp (quickfix), and "Use one timestamp form in this note" (source.notelsp.timestamps). Edits go
/// through <see cref="WorkspaceEditBuilder"/>; one it refuses is not offered.
/// </summary>
public sealed class TimestampActionHandler : IDeclaresCapabilities
{
    /// <summary>Adds its source action kind to the kinds the quick-fix handler declared.</summary>
    public ServerCapabilities Declare(ServerCapabilities capabilities, CapabilityInputs inputs) =>
        capabilities with { CodeActionProvider = new CodeActionOptions([.. capabilities.CodeActionProvider?.CodeActionKinds ?? [], TimestampActions.OneFormKind]) };

    public IReadOnlyList<CodeAction> Handle(RequestContext context, CodeActionParams request, CancellationToken cancellationToken)
    {
        if (context.Document(request.TextDocument) is not { Note: { } note } location) return [];
        var vault = location.Vault;
        if ((location.Document?.Lines ?? context.View.TextOf(vault, note.Path)) is not { } lines) return [];
        var range = context.Client.Encoder.FromLsp(request.Range, lines);
        var result = new List<CodeAction>();
        foreach (var action in TimestampActions.For(note, lines.Text, lines.Map, range, cancellationToken))
        {
            if (!Wanted(request.Context.Only, action.Kind)) continue;
            var edit = new WorkspaceEditBuilder(context);
            try
            {
                edit.AddTextEdits(vault, note.Path, action.Edits);
            }
            catch (EditRefusedException)
            {
                continue;
            }
            result.Add(new CodeAction { Title = action.Title, Kind = action.Kind, IsPreferred = action.IsPreferred ? true : null, Edit = edit.Build() });
        }
        return result;
    }

    /// <summary>
    /// LSP's "only": a kind is wanted when it equals one of them or lies under one ("source" covers
    /// "source.notelsp.timestamps"). A source action rewrites the whole note, so it comes only when asked for by kind,
    /// not among the quick fixes at the cursor.
    /// </summary>
    private static bool Wanted(IReadOnlyList<string>? only, string kind) =>
        only is not { Count: > 0 }
            ? !kind.StartsWith("source", StringComparison.Ordinal)
            : only.Any(k => k == kind || kind.StartsWith(k + ".", StringComparison.Ordinal));
}
