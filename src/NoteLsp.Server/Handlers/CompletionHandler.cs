using NoteLsp.Core.Features;
using NoteLsp.Server.Protocol;

namespace NoteLsp.Server.Handlers;

/// <summary>
/// textDocument/completion inside links. Works without a CompletionContext (Neovim's omnifunc sends none): the
/// line's text decides. Every item carries a textEdit over the typed target, so editors filter on what was typed.
/// </summary>
public sealed class CompletionHandler : IDeclaresCapabilities
{
    /// <summary>The characters that open (or continue) a link target.</summary>
    public static readonly IReadOnlyList<string> Triggers = ["[", "#", "^", "(", "/", "!"];

    public ServerCapabilities Declare(ServerCapabilities capabilities, CapabilityInputs inputs) =>
        capabilities with { CompletionProvider = new CompletionOptions(Triggers, ResolveProvider: false) };

    public CompletionList Handle(RequestContext context, CompletionParams request, CancellationToken cancellationToken)
    {
        if (context.At(request.TextDocument, request.Position) is not { Lines: { } lines } at) return new CompletionList(false, []);
        var line = lines.Line(at.Position.Line).ToString();
        var snapshot = at.Vault.Snapshot;
        var result = FrontMatterKeys.Complete(snapshot, at.Note, l => lines.Line(l).ToString(), at.Position, NoteCompletion.DefaultMaxItems)
            ?? NoteTags.CompleteInline(snapshot, at.Note, line, at.Position, NoteCompletion.DefaultMaxItems)
            ?? NoteCompletion.Complete(snapshot, at.Note, at.Location.RelativePath, line, at.Position);
        var items = result.Items.Select((item, index) => new CompletionItem
        {
            Label = item.Label,
            Kind = item.Kind switch
            {
                CompletionItemKind.Note => LspCompletionItemKind.File,
                CompletionItemKind.Path => LspCompletionItemKind.File,
                CompletionItemKind.Callout => LspCompletionItemKind.Keyword,
                // Not a file yet: a different icon than the notes that exist (the detail says "not written yet").
                CompletionItemKind.Unwritten => LspCompletionItemKind.Text,
                CompletionItemKind.Tag => LspCompletionItemKind.Keyword,
                CompletionItemKind.FrontMatterKey => LspCompletionItemKind.Property,
                _ => LspCompletionItemKind.Reference,
            },
            Detail = item.Detail,
            Documentation = item.Documentation is { } documentation
                ? new MarkupContent(context.Client.MarkdownHover ? MarkupContent.Markdown : MarkupContent.PlainText, documentation)
                : null,
            FilterText = item.FilterText,
            // Our ranking, not the client's alphabetical order.
            SortText = index.ToString("D4", System.Globalization.CultureInfo.InvariantCulture),
            TextEdit = new TextEdit(context.Client.Encoder.ToLsp(item.ReplaceRange, lines), item.NewText),
        }).ToList();
        return new CompletionList(result.IsIncomplete, items);
    }
}
