using NoteLsp.Core.Features;
using NoteLsp.Core.Text;
using NoteLsp.Server.Conversion;
using NoteLsp.Server.Protocol;
using NoteLsp.Server.State;

namespace NoteLsp.Server.Handlers;

/// <summary>
/// The code actions of unlinked mentions in an open note (docs/notes-format.md §13): a quick fix per mention under the
/// range, writing the link, and the source action "Link all mentions in this note".
/// </summary>
internal static class MentionActions
{
    public static IEnumerable<CodeAction> For(RequestContext context, Vault vault, string path, TextLines lines, TextRange range,
        Func<string, bool> wants, CancellationToken cancellationToken)
    {
        var diagnostics = UnlinkedMentionDiagnostics.Compute(vault.Snapshot, path, lines.Text, vault.Config.Diagnostics, cancellationToken);
        if (diagnostics.Count == 0) return [];
        var result = new List<CodeAction>();
        if (wants(CodeActionKind.QuickFix))
        {
            foreach (var diagnostic in diagnostics)
            {
                if (diagnostic.Range.End < range.Start || diagnostic.Range.Start > range.End) continue;
                var link = diagnostic.Suggestions[0];
                if (Edit(context, vault, path, [new TextReplacement(diagnostic.Range, link)]) is not { } edit) continue;
                result.Add(new CodeAction
                {
                    Title = $"Link to the note: {link}",
                    Kind = CodeActionKind.QuickFix,
                    Diagnostics = [context.Converter.Diagnostic(vault, path, diagnostic)],
                    IsPreferred = true,
                    Edit = edit,
                });
            }
        }
        if (wants(CodeActionKind.SourceLinkMentions)
            && Edit(context, vault, path, diagnostics.Select(d => new TextReplacement(d.Range, d.Suggestions[0]))) is { } all)
        {
            result.Add(new CodeAction { Title = "Link all mentions in this note", Kind = CodeActionKind.SourceLinkMentions, Edit = all });
        }
        return result;
    }

    private static WorkspaceEdit? Edit(RequestContext context, Vault vault, string path, IEnumerable<TextReplacement> replacements)
    {
        try
        {
            return new WorkspaceEditBuilder(context).AddTextEdits(vault, path, replacements).Build();
        }
        catch (EditRefusedException)
        {
            return null;
        }
    }
}
