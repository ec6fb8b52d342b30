using NoteLsp.Core.Features;
using NoteLsp.Server.Protocol;
using NoteLsp.Server.State;

namespace NoteLsp.Server.Handlers;

/// <summary>textDocument/documentSymbol: the heading tree (flat SymbolInformation for clients without hierarchy).</summary>
public sealed class DocumentSymbolHandler : IDeclaresCapabilities
{
    public ServerCapabilities Declare(ServerCapabilities capabilities, CapabilityInputs inputs) => capabilities with { DocumentSymbolProvider = true };

    public OneOf<IReadOnlyList<DocumentSymbol>, IReadOnlyList<SymbolInformation>> Handle(RequestContext context, DocumentSymbolParams request, CancellationToken cancellationToken)
    {
        if (context.Document(request.TextDocument) is not { Note: { } note } location) return OneOf<IReadOnlyList<DocumentSymbol>, IReadOnlyList<SymbolInformation>>.First([]);
        var converter = context.Converter;
        var vault = location.Vault;
        var tree = NoteSymbols.DocumentSymbols(note, cancellationToken);
        var converted = 0;
        // A million headings take seconds to convert: a cancelled request stops (-32800) instead of finishing unseen.
        void Step()
        {
            if ((++converted & 0xFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
        }
        if (context.Client.HierarchicalSymbols)
        {
            DocumentSymbol Convert(HeadingSymbol symbol)
            {
                Step();
                return new()
                {
                    Name = symbol.Heading.Text.Length > 0 ? symbol.Heading.Text : "(empty heading)",
                    Detail = new string('#', symbol.Heading.Level),
                    Kind = SymbolKind.String,
                    Range = converter.Range(vault, note.Path, symbol.SectionRange),
                    SelectionRange = converter.Range(vault, note.Path, symbol.Heading.TextRange),
                    Children = symbol.Children.Count > 0 ? symbol.Children.Select(Convert).ToList() : null,
                };
            }
            return OneOf<IReadOnlyList<DocumentSymbol>, IReadOnlyList<SymbolInformation>>.First(tree.Select(Convert).ToList());
        }
        var flat = new List<SymbolInformation>();
        void Flatten(HeadingSymbol symbol, string? container)
        {
            Step();
            flat.Add(new SymbolInformation(symbol.Heading.Text, SymbolKind.String, converter.Location(vault, note.Path, symbol.Heading.TextRange), container));
            foreach (var child in symbol.Children) Flatten(child, symbol.Heading.Text);
        }
        foreach (var symbol in tree) Flatten(symbol, null);
        return OneOf<IReadOnlyList<DocumentSymbol>, IReadOnlyList<SymbolInformation>>.Second(flat);
    }
}

/// <summary>workspace/symbol: notes by title and alias, and headings, across every vault; fuzzy and capped.</summary>
public sealed class WorkspaceSymbolHandler : IDeclaresCapabilities
{
    public ServerCapabilities Declare(ServerCapabilities capabilities, CapabilityInputs inputs) => capabilities with { WorkspaceSymbolProvider = true };

    public IReadOnlyList<SymbolInformation> Handle(RequestContext context, WorkspaceSymbolParams request, CancellationToken cancellationToken)
    {
        var matches = new List<(Vault Vault, WorkspaceSymbolMatch Match)>();
        foreach (var vault in context.View.Vaults)
        {
            cancellationToken.ThrowIfCancellationRequested();
            matches.AddRange(NoteSymbols.WorkspaceSymbols(vault.Snapshot, request.Query ?? "").Select(m => (vault, m)));
        }
        return matches
            .OrderBy(m => m.Match.Score).ThenBy(m => m.Match.Kind).ThenBy(m => m.Match.Name.Length)
            .Take(NoteSymbols.DefaultMaxWorkspaceSymbols)
            .Select(m => new SymbolInformation(
                m.Match.Name,
                m.Match.Kind switch { WorkspaceSymbolKind.Heading => SymbolKind.String, WorkspaceSymbolKind.Tag => SymbolKind.Key, _ => SymbolKind.File },
                context.Converter.Location(m.Vault, m.Match.Note.Path, m.Match.Range),
                m.Match.Kind == WorkspaceSymbolKind.Note ? m.Match.Note.Path : m.Match.Note.Title))
            .ToList();
    }
}
