using NoteLsp.Core.Features;
using NoteLsp.Core.Text;
using NoteLsp.Server.Protocol;

namespace NoteLsp.Server.Handlers;

/// <summary>
/// textDocument/semanticTokens/full, /range and /full/delta. The last full answer of the most recent documents is
/// kept (bounded) under its resultId, so a delta sends only the changed middle of the token array.
/// </summary>
public sealed class SemanticTokensHandler : IDeclaresCapabilities
{
    public ServerCapabilities Declare(ServerCapabilities capabilities, CapabilityInputs inputs) => capabilities with { SemanticTokensProvider = Options };

    /// <summary>Documents whose last answer is kept for deltas; older ones get a full answer again.</summary>
    public const int RememberedDocuments = 32;

    public static SemanticTokensOptions Options { get; } = new(
        new SemanticTokensLegend(NoteSemanticTokens.TypeNames, NoteSemanticTokens.ModifierNames), Range: true, new SemanticTokensFullOptions(Delta: true));

    private readonly Lock _gate = new();
    private readonly Dictionary<string, (string ResultId, int[] Data)> _last = new(StringComparer.Ordinal);
    private readonly LinkedList<string> _recent = new();
    private long _nextResultId;

    public SemanticTokens Full(RequestContext context, SemanticTokensParams request, CancellationToken cancellationToken)
    {
        var data = Encode(context, request.TextDocument, null, cancellationToken);
        if (data is null) return new SemanticTokens(null, []);
        return new SemanticTokens(Remember(request.TextDocument.Uri, data), data);
    }

    public SemanticTokens Range(RequestContext context, SemanticTokensRangeParams request, CancellationToken cancellationToken) =>
        new(null, Encode(context, request.TextDocument, request.Range, cancellationToken) ?? []);

    /// <summary>A delta against the previous answer when it is still remembered, else the full tokens (the spec allows either).</summary>
    public OneOf<SemanticTokens, SemanticTokensDelta> Delta(RequestContext context, SemanticTokensDeltaParams request, CancellationToken cancellationToken)
    {
        var data = Encode(context, request.TextDocument, null, cancellationToken);
        if (data is null) return new SemanticTokens(null, []);
        int[]? previous;
        lock (_gate)
        {
            previous = _last.TryGetValue(request.TextDocument.Uri, out var last) && last.ResultId == request.PreviousResultId ? last.Data : null;
        }
        var resultId = Remember(request.TextDocument.Uri, data);
        if (previous is null) return new SemanticTokens(resultId, data);
        var prefix = 0;
        var common = Math.Min(previous.Length, data.Length);
        while (prefix < common && previous[prefix] == data[prefix]) prefix++;
        var suffix = 0;
        while (suffix < common - prefix && previous[^(suffix + 1)] == data[^(suffix + 1)]) suffix++;
        if (prefix == previous.Length && prefix == data.Length) return new SemanticTokensDelta(resultId, []);
        var inserted = data[prefix..(data.Length - suffix)];
        return new SemanticTokensDelta(resultId, [new SemanticTokensEdit(prefix, previous.Length - prefix - suffix, inserted.Length > 0 ? inserted : null)]);
    }

    private string Remember(string uri, int[] data)
    {
        lock (_gate)
        {
            var resultId = (++_nextResultId).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (_last.ContainsKey(uri)) _recent.Remove(uri);
            _recent.AddFirst(uri);
            _last[uri] = (resultId, data);
            while (_recent.Count > RememberedDocuments)
            {
                _last.Remove(_recent.Last!.Value);
                _recent.RemoveLast();
            }
            return resultId;
        }
    }

    /// <summary>The tokens in the LSP's relative encoding, columns in the client's position encoding; null for an unknown document.</summary>
    private static int[]? Encode(RequestContext context, TextDocumentIdentifier document, LspRange? range, CancellationToken cancellationToken)
    {
        if (context.Document(document) is not { Note: { } note } location) return null;
        var vault = location.Vault;
        if ((location.Document?.Lines ?? context.View.TextOf(vault, note.Path)) is not { } lines) return null;
        TextRange? within = range is null ? null : context.Client.Encoder.FromLsp(range, lines);
        var tokens = NoteSemanticTokens.Compute(vault.Snapshot, note, lines.Text, lines.Map, within, cancellationToken);
        var data = new int[tokens.Count * 5];
        int previousLine = 0, previousCharacter = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            if ((i & 0xFFF) == 0xFFF) cancellationToken.ThrowIfCancellationRequested();
            var token = tokens[i];
            var start = context.Client.Encoder.ToLsp(new TextPosition(token.Line, token.Character), lines);
            var end = context.Client.Encoder.ToLsp(new TextPosition(token.Line, token.Character + token.Length), lines);
            var at = i * 5;
            data[at] = start.Line - previousLine;
            data[at + 1] = start.Line == previousLine ? start.Character - previousCharacter : start.Character;
            data[at + 2] = end.Character - start.Character;
            data[at + 3] = (int)token.Type;
            data[at + 4] = (int)token.Modifiers;
            (previousLine, previousCharacter) = (start.Line, start.Character);
        }
        return data;
    }
}
