using NoteLsp.Core.Features;
using NoteLsp.Server.Conversion;
using NoteLsp.Server.Protocol;

namespace NoteLsp.Server.Handlers;

/// <summary>
/// The refactorings of textDocument/codeAction (docs/notes-format.md §15): "Extract section into a new note" on a
/// heading (refactor.extract) and "Inline note" on a wikilink (refactor.inline). Each is one WorkspaceEdit built by
/// <see cref="WorkspaceEditBuilder"/>: the new note first, then the text edits. One that cannot apply (the new note's
/// path is taken, the notes cite different videos, the guard refuses) carries its reason when the client shows
/// disabled actions, else it is left out.
/// </summary>
public sealed class RefactorActionHandler : IDeclaresCapabilities
{
    /// <summary>Adds the refactor kinds to the kinds the handlers before it declared.</summary>
    public ServerCapabilities Declare(ServerCapabilities capabilities, CapabilityInputs inputs) =>
        capabilities with { CodeActionProvider = new CodeActionOptions([.. capabilities.CodeActionProvider?.CodeActionKinds ?? [], ExtractSection.Kind, InlineNote.Kind]) };

    public IReadOnlyList<CodeAction> Handle(RequestContext context, CodeActionParams request, CancellationToken cancellationToken)
    {
        bool Wants(string kind) => request.Context.Only is not { Count: > 0 } only || only.Any(k => k == kind || kind.StartsWith(k + ".", StringComparison.Ordinal));
        if (!Wants(ExtractSection.Kind) && !Wants(InlineNote.Kind)) return [];
        if (context.Document(request.TextDocument) is not { Note: { } note } location) return [];
        var vault = location.Vault;
        if ((location.Document?.Lines ?? context.View.TextOf(vault, note.Path)) is not { } lines) return [];
        var position = context.Client.Encoder.FromLsp(request.Range, lines).Start;
        var refactorings = new List<NoteRefactoring>();
        // The new note is a CreateFile: a client that cannot apply one gets no extract action.
        if (Wants(ExtractSection.Kind) && context.Client.CanCreateFiles
            && ExtractSection.For(vault.Snapshot, note, lines.Text, lines.Map, position.Line, cancellationToken) is { } extract)
        {
            refactorings.Add(extract);
        }
        if (Wants(InlineNote.Kind)
            && InlineNote.For(vault.Snapshot, note, lines.Text, lines.Map, position, target => context.View.TextOf(vault, target.Path)?.Text) is { } inline)
        {
            refactorings.Add(inline);
        }
        var result = new List<CodeAction>();
        foreach (var refactoring in refactorings)
        {
            var reason = refactoring.DisabledReason;
            WorkspaceEdit? built = null;
            if (reason is null)
            {
                var edit = new WorkspaceEditBuilder(context);
                try
                {
                    if (refactoring.CreateNote is { } create) edit.CreateFile(vault, create.Path, create.Content);
                    foreach (var edits in refactoring.Edits) edit.AddTextEdits(vault, edits.Path, edits.Edits);
                    built = edit.Build();
                }
                catch (EditRefusedException refused)
                {
                    reason = refused.Message;
                }
            }
            if (reason is not null && !context.Client.CodeActionDisabled) continue;
            result.Add(new CodeAction
            {
                Title = refactoring.Title,
                Kind = refactoring.Kind,
                Disabled = reason is null ? null : new CodeActionDisabled(reason),
                Edit = built,
            });
        }
        return result;
    }
}
