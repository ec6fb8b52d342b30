using NoteLsp.Core.Features;
using NoteLsp.Server.Conversion;
using NoteLsp.Server.Protocol;

namespace NoteLsp.Server.Handlers;

/// <summary>
/// textDocument/codeAction: the quick fixes of the diagnostics under the range, as WorkspaceEdits. A fix whose edit the
/// vault's guard refuses (see <see cref="WorkspaceEditBuilder"/>) is not offered.
/// </summary>
public sealed class CodeActionHandler : IDeclaresCapabilities
{
    public ServerCapabilities Declare(ServerCapabilities capabilities, CapabilityInputs inputs) =>
        capabilities with { CodeActionProvider = new CodeActionOptions([CodeActionKind.QuickFix, CodeActionKind.SourceLinkMentions]) };

    public IReadOnlyList<CodeAction> Handle(RequestContext context, CodeActionParams request, CancellationToken cancellationToken)
    {
        bool Wants(string kind) => request.Context.Only is not { Count: > 0 } only || only.Any(k => k == kind || kind.StartsWith(k + ".", StringComparison.Ordinal));
        if (!Wants(CodeActionKind.QuickFix) && !Wants(CodeActionKind.SourceLinkMentions)) return [];
        if (context.Document(request.TextDocument) is not { Note: { } note } location) return [];
        var vault = location.Vault;
        var lines = location.Document?.Lines ?? context.View.TextOf(vault, note.Path);
        var range = context.Client.Encoder.FromLsp(request.Range, lines);
        var converter = context.Converter;
        var result = new List<CodeAction>();
        if (location.Document is { } open) result.AddRange(MentionActions.For(context, vault, note.Path, open.Lines, range, Wants, cancellationToken));
        foreach (var action in Wants(CodeActionKind.QuickFix) ? NoteCodeActions.For(vault.Snapshot, note, range, vault.Config.Diagnostics, cancellationToken) : [])
        {
            if (action.CreateNote is not null && !context.Client.CanCreateFiles) continue; // the client cannot apply a CreateFile
            var edit = new WorkspaceEditBuilder(context);
            try
            {
                if (action.CreateNote is { } create) edit.CreateFile(vault, create.Path, create.Content);
                edit.AddTextEdits(vault, note.Path, action.Edits);
            }
            catch (EditRefusedException)
            {
                continue; // e.g. the note to create exists on disk but is not indexed (ignored, too big): no fix rather than one that writes into it
            }
            result.Add(new CodeAction
            {
                Title = action.Title,
                Kind = CodeActionKind.QuickFix,
                Diagnostics = [converter.Diagnostic(vault, note.Path, action.Diagnostic)],
                IsPreferred = action.IsPreferred ? true : null,
                Edit = edit.Build(),
            });
        }
        return result;
    }
}
