namespace NoteLsp.Server.Protocol;

// Folding ranges, selection ranges and semantic tokens: the structure of one note.

public sealed record FoldingRangeClientCapabilities
{
    public int? RangeLimit { get; init; }
    public bool? LineFoldingOnly { get; init; }
}

public sealed record FoldingRangeParams(TextDocumentIdentifier TextDocument);

public sealed record FoldingRange
{
    public required int StartLine { get; init; }
    public int? StartCharacter { get; init; }
    public required int EndLine { get; init; }
    public int? EndCharacter { get; init; }
    public string? Kind { get; init; }
}

public static class FoldingRangeKind
{
    public const string Comment = "comment";
    public const string Region = "region";
}

public sealed record SelectionRangeParams(TextDocumentIdentifier TextDocument, IReadOnlyList<LspPosition> Positions);

public sealed record SelectionRange(LspRange Range, SelectionRange? Parent);

public sealed record SemanticTokensLegend(IReadOnlyList<string> TokenTypes, IReadOnlyList<string> TokenModifiers);

public sealed record SemanticTokensFullOptions(bool Delta);

public sealed record SemanticTokensOptions(SemanticTokensLegend Legend, bool Range, SemanticTokensFullOptions Full);

public sealed record SemanticTokensParams(TextDocumentIdentifier TextDocument);

public sealed record SemanticTokensRangeParams(TextDocumentIdentifier TextDocument, LspRange Range);

public sealed record SemanticTokensDeltaParams(TextDocumentIdentifier TextDocument, string PreviousResultId);

public sealed record SemanticTokens(string? ResultId, IReadOnlyList<int> Data);

public sealed record SemanticTokensEdit(int Start, int DeleteCount, IReadOnlyList<int>? Data);

public sealed record SemanticTokensDelta(string? ResultId, IReadOnlyList<SemanticTokensEdit> Edits);
