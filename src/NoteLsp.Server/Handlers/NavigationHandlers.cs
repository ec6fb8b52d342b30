using System.Runtime.CompilerServices;
using NoteLsp.Core.Features;
using NoteLsp.Server.Conversion;
using NoteLsp.Server.Protocol;
using NoteLsp.Server.State;

namespace NoteLsp.Server.Handlers;

/// <summary>textDocument/definition: the note (its start), the heading or the block a link points to.</summary>
public sealed class DefinitionHandler : IDeclaresCapabilities
{
    public ServerCapabilities Declare(ServerCapabilities capabilities, CapabilityInputs inputs) => capabilities with { DefinitionProvider = true };

    public OneOf<IReadOnlyList<LocationLink>, IReadOnlyList<LspLocation>>? Handle(RequestContext context, DefinitionParams request, CancellationToken cancellationToken)
    {
        if (context.At(request.TextDocument, request.Position) is not { Note: { } note } at) return null;
        var targets = NoteDefinition.Find(at.Vault.Snapshot, note, at.Position);
        if (targets.Count == 0) return null;
        var converter = context.Converter;
        // An attachment (an image, a PDF) is opened at its start; converting a range would read it as text.
        LspRange TargetRange(DefinitionTarget t, Core.Text.TextRange range) =>
            t.IsOtherFile ? new LspRange(new LspPosition(0, 0), new LspPosition(0, 0)) : converter.Range(at.Vault, t.TargetPath, range);
        if (context.Client.LinkSupport)
        {
            return OneOf<IReadOnlyList<LocationLink>, IReadOnlyList<LspLocation>>.First(targets.Select(t => new LocationLink(
                converter.Uri(at.Vault, t.TargetPath),
                TargetRange(t, t.TargetRange),
                TargetRange(t, t.TargetSelectionRange),
                converter.Range(at.Vault, note.Path, t.OriginRange))).ToList());
        }
        return OneOf<IReadOnlyList<LocationLink>, IReadOnlyList<LspLocation>>.Second(
            targets.Select(t => new LspLocation(converter.Uri(at.Vault, t.TargetPath), TargetRange(t, t.TargetSelectionRange))).ToList());
    }
}

/// <summary>textDocument/references: every link in the vault to the note or heading under the cursor.</summary>
public sealed class ReferencesHandler : IDeclaresCapabilities
{
    public ServerCapabilities Declare(ServerCapabilities capabilities, CapabilityInputs inputs) => capabilities with { ReferencesProvider = true };

    /// <summary>The last question answered on each state (a state is an immutable view: any change makes a new one).</summary>
    private sealed record Answer(ClientFeatures Client, string Uri, LspPosition Position, bool IncludeDeclaration, IReadOnlyList<LspLocation>? Locations);

    /// <summary>
    /// The same question on the same state gets the same answer, without the work: an editor asks again when a peek view
    /// or a code lens is refreshed, and a client waiting for indexing asks every tenth of a second, while at 100,000 notes
    /// an answer costs hundreds of milliseconds of a core the indexing needs. Keyed weakly by the state, so an answer
    /// lives no longer than its state stays current or captured.
    /// </summary>
    private readonly ConditionalWeakTable<WorkspaceView, Answer> _answers = [];

    public IReadOnlyList<LspLocation>? Handle(RequestContext context, ReferenceParams request, CancellationToken cancellationToken)
    {
        var includeDeclaration = request.Context?.IncludeDeclaration ?? false;
        if (_answers.TryGetValue(context.View, out var last) && ReferenceEquals(last.Client, context.Client) && last.Uri == request.TextDocument.Uri
            && last.Position == request.Position && last.IncludeDeclaration == includeDeclaration)
        {
            return last.Locations;
        }
        var locations = Find(context, request, includeDeclaration);
        _answers.AddOrUpdate(context.View, new Answer(context.Client, request.TextDocument.Uri, request.Position, includeDeclaration, locations));
        return locations;
    }

    private static List<LspLocation>? Find(RequestContext context, ReferenceParams request, bool includeDeclaration)
    {
        if (context.At(request.TextDocument, request.Position) is not { Note: { } note } at) return null;
        var references = NoteReferences.Find(at.Vault.Snapshot, note, at.Position, includeDeclaration);
        // References come note by note (160,000 from 80,000 notes to a hub at 100,000 notes): a note's URI and lines are looked up once for its run.
        var converter = context.Converter;
        var locations = new List<LspLocation>(references.Count);
        string? runPath = null;
        var uri = "";
        TextLines? lines = null;
        foreach (var reference in references)
        {
            if (!ReferenceEquals(reference.Path, runPath) && reference.Path != runPath)
            {
                runPath = reference.Path;
                uri = converter.Uri(at.Vault, runPath);
                lines = converter.LinesFor(at.Vault, runPath);
            }
            locations.Add(new LspLocation(uri, converter.Encoder.ToLsp(reference.Range, lines)));
        }
        return locations;
    }
}
