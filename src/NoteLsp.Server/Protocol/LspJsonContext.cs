using System.Text.Json;
using System.Text.Json.Serialization;

namespace NoteLsp.Server.Protocol;

/// <summary>
/// Compile-time System.Text.Json metadata for every record the server sends or receives, so no serializer is built by
/// reflection at start-up or on a message's first use. Chained first in the formatter's resolver
/// (<see cref="Transport.LspJsonRpc.ConfigureSerializer"/>), with the reflection resolver behind it for anything not
/// listed here (StreamJsonRpc's own types, <c>object</c> values of unforeseen runtime types). The options mirror the
/// formatter's, so the JSON is the same byte for byte; a test checks every type of the wire surface is listed.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true)]
// ---- requests and notifications the client sends ----
[JsonSerializable(typeof(InitializeParams))]
[JsonSerializable(typeof(InitializedParams))]
[JsonSerializable(typeof(SetTraceParams))]
[JsonSerializable(typeof(DidOpenTextDocumentParams))]
[JsonSerializable(typeof(DidChangeTextDocumentParams))]
[JsonSerializable(typeof(DidCloseTextDocumentParams))]
[JsonSerializable(typeof(DidSaveTextDocumentParams))]
[JsonSerializable(typeof(DidChangeWatchedFilesParams))]
[JsonSerializable(typeof(DidChangeConfigurationParams))]
[JsonSerializable(typeof(DidChangeWorkspaceFoldersParams))]
[JsonSerializable(typeof(CreateFilesParams))]
[JsonSerializable(typeof(DeleteFilesParams))]
[JsonSerializable(typeof(RenameFilesParams))]
[JsonSerializable(typeof(WorkspaceSymbolParams))]
[JsonSerializable(typeof(WorkspaceDiagnosticParams))]
[JsonSerializable(typeof(CompletionParams))]
[JsonSerializable(typeof(HoverParams))]
[JsonSerializable(typeof(DefinitionParams))]
[JsonSerializable(typeof(ReferenceParams))]
[JsonSerializable(typeof(PrepareRenameParams))]
[JsonSerializable(typeof(RenameParams))]
[JsonSerializable(typeof(DocumentSymbolParams))]
[JsonSerializable(typeof(DocumentLinkParams))]
[JsonSerializable(typeof(CodeActionParams))]
[JsonSerializable(typeof(CodeLensParams))]
[JsonSerializable(typeof(DocumentHighlightParams))]
[JsonSerializable(typeof(DocumentDiagnosticParams))]
[JsonSerializable(typeof(FoldingRangeParams))]
[JsonSerializable(typeof(SelectionRangeParams))]
[JsonSerializable(typeof(SemanticTokensParams))]
[JsonSerializable(typeof(SemanticTokensDeltaParams))]
[JsonSerializable(typeof(SemanticTokensRangeParams))]
[JsonSerializable(typeof(JsonElement))]
// ---- answers ----
[JsonSerializable(typeof(InitializeResult))]
[JsonSerializable(typeof(WorkspaceEdit))]
// The entries of its documentChanges, each written with its own metadata (DocumentChangeConverter).
[JsonSerializable(typeof(TextDocumentEdit))]
[JsonSerializable(typeof(CreateFile))]
[JsonSerializable(typeof(RenameFile))]
[JsonSerializable(typeof(IReadOnlyList<SymbolInformation>))]
[JsonSerializable(typeof(WorkspaceDiagnosticReport))]
[JsonSerializable(typeof(CompletionList))]
[JsonSerializable(typeof(Hover))]
[JsonSerializable(typeof(OneOf<IReadOnlyList<LocationLink>, IReadOnlyList<LspLocation>>))]
[JsonSerializable(typeof(IReadOnlyList<LocationLink>))]
[JsonSerializable(typeof(IReadOnlyList<LspLocation>))]
[JsonSerializable(typeof(LspPrepareRenameResult))]
[JsonSerializable(typeof(OneOf<IReadOnlyList<DocumentSymbol>, IReadOnlyList<SymbolInformation>>))]
[JsonSerializable(typeof(IReadOnlyList<DocumentSymbol>))]
[JsonSerializable(typeof(IReadOnlyList<DocumentLink>))]
[JsonSerializable(typeof(IReadOnlyList<CodeAction>))]
[JsonSerializable(typeof(IReadOnlyList<CodeLens>))]
[JsonSerializable(typeof(CodeLens))]
[JsonSerializable(typeof(IReadOnlyList<DocumentHighlight>))]
[JsonSerializable(typeof(DocumentDiagnosticReport))]
[JsonSerializable(typeof(IReadOnlyList<FoldingRange>))]
[JsonSerializable(typeof(IReadOnlyList<SelectionRange>))]
[JsonSerializable(typeof(SemanticTokens))]
[JsonSerializable(typeof(OneOf<SemanticTokens, SemanticTokensDelta>))]
[JsonSerializable(typeof(SemanticTokensDelta))]
// ---- what the server sends on its own (notifications, requests) and the values behind their `object` members ----
[JsonSerializable(typeof(PublishDiagnosticsParams))]
[JsonSerializable(typeof(ShowMessageParams))]
[JsonSerializable(typeof(ProgressParams))]
[JsonSerializable(typeof(WorkDoneProgressCreateParams))]
[JsonSerializable(typeof(WorkDoneProgressBegin))]
[JsonSerializable(typeof(WorkDoneProgressReport))]
[JsonSerializable(typeof(WorkDoneProgressEnd))]
[JsonSerializable(typeof(IndexingProgressBegin))]
[JsonSerializable(typeof(IndexingProgressReport))]
[JsonSerializable(typeof(IndexingProgressEnd))]
[JsonSerializable(typeof(RegistrationParams))]
[JsonSerializable(typeof(DidChangeWatchedFilesRegistrationOptions))]
[JsonSerializable(typeof(ConfigurationParams))]
[JsonSerializable(typeof(LspPosition))]
[JsonSerializable(typeof(LspLocation[]))]
[JsonSerializable(typeof(SymbolInformation[]))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(object))]
public sealed partial class LspJsonContext : JsonSerializerContext;
