using NoteLsp.Core.Features;
using NoteLsp.Server.Protocol;

namespace NoteLsp.Server.Handlers;

/// <summary>
/// textDocument/codeLens lists lenses with data only; codeLens/resolve counts (Core NoteLenses), by the lens's kind.
/// A lens whose note is gone resolves to itself without a command.
/// </summary>
public sealed class CodeLensHandler : IDeclaresCapabilities
{
    public ServerCapabilities Declare(ServerCapabilities capabilities, CapabilityInputs inputs) => capabilities with { CodeLensProvider = new CodeLensOptions(ResolveProvider: true) };

    public IReadOnlyList<CodeLens> List(RequestContext context, CodeLensParams request, CancellationToken cancellationToken)
    {
        if (context.Document(request.TextDocument) is not { Note: { } note } location) return [];
        var vault = location.Vault;
        return NoteLenses.List(vault.Snapshot, note, cancellationToken)
            .Select(lens => new CodeLens(context.Converter.Range(vault, note.Path, lens.Range), null, new CodeLensData(request.TextDocument.Uri, lens.Kind, lens.Data)))
            .ToList();
    }

    public CodeLens Resolve(RequestContext context, CodeLens lens, CancellationToken cancellationToken)
    {
        if (lens.Data is not { } data || context.Document(new TextDocumentIdentifier(data.Uri)) is not { Note: { } note } location) return lens;
        return data.Kind switch
        {
            NoteLenses.References => lens with { Command = ShowReferences(context, location.Vault, note, lens, data) },
            VideoLenses.Video when VideoLenses.Title(location.Vault.Snapshot, note, cancellationToken) is { } title =>
                lens with { Command = ShowLocations(context, location.Vault, title, lens, data, VideoLenses.Moments(location.Vault.Snapshot, note, cancellationToken)) },
            _ => lens,
        };
    }

    private static LspCommand ShowReferences(RequestContext context, State.Vault vault, Core.Model.ParsedNote note, CodeLens lens, CodeLensData data)
    {
        var references = NoteLenses.ReferencesOf(vault.Snapshot, note, data.Key);
        return ShowLocations(context, vault, NoteLenses.LinkCount(references.Count), lens, data, references);
    }

    /// <summary>A lens whose click shows these locations (the client command opens them as references).</summary>
    private static LspCommand ShowLocations(RequestContext context, State.Vault vault, string title, CodeLens lens, CodeLensData data, IReadOnlyList<ReferenceLocation> references)
    {
        var locations = references.Select(r => context.Converter.Location(vault, r.Path, r.Range)).ToList();
        return new LspCommand(title, ClientCommands.ShowReferences, [data.Uri, lens.Range.Start, locations]);
    }
}
