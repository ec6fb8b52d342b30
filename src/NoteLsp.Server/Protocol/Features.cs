using System.Text.Json;
using System.Text.Json.Serialization;

namespace NoteLsp.Server.Protocol;

public sealed record CompletionParams : TextDocumentPositionParams
{
    public CompletionContext? Context { get; init; }
}

public sealed record CompletionContext(int TriggerKind, string? TriggerCharacter);

public sealed record CompletionList(bool IsIncomplete, IReadOnlyList<CompletionItem> Items);

public sealed record CompletionItem
{
    public required string Label { get; init; }
    public int? Kind { get; init; }
    public string? Detail { get; init; }
    public MarkupContent? Documentation { get; init; }
    public string? SortText { get; init; }
    public string? FilterText { get; init; }
    public TextEdit? TextEdit { get; init; }
}

public static class LspCompletionItemKind
{
    public const int Text = 1;
    public const int Property = 10;
    public const int Keyword = 14;
    public const int File = 17;
    public const int Reference = 18;
    public const int Folder = 19;
}

public sealed record DefinitionParams : TextDocumentPositionParams;

public sealed record HoverParams : TextDocumentPositionParams;

public sealed record Hover(MarkupContent Contents, LspRange? Range);

public sealed record ReferenceParams : TextDocumentPositionParams
{
    public ReferenceContext? Context { get; init; }

    /// <summary>When the client sends one, the locations go out as `$/progress` chunks with it (Handlers/PartialResults).</summary>
    public JsonElement? PartialResultToken { get; init; }
}

public sealed record ReferenceContext(bool IncludeDeclaration);

public sealed record PrepareRenameParams : TextDocumentPositionParams;

public sealed record LspPrepareRenameResult(LspRange Range, string Placeholder);

public sealed record RenameParams : TextDocumentPositionParams
{
    public required string NewName { get; init; }
}

public sealed record DocumentSymbolParams(TextDocumentIdentifier TextDocument);

public sealed record DocumentSymbol
{
    public required string Name { get; init; }
    public string? Detail { get; init; }
    public required int Kind { get; init; }
    public required LspRange Range { get; init; }
    public required LspRange SelectionRange { get; init; }
    public IReadOnlyList<DocumentSymbol>? Children { get; init; }
}

public sealed record SymbolInformation(string Name, int Kind, LspLocation Location, string? ContainerName);

public static class SymbolKind
{
    public const int File = 1;
    public const int Module = 2;
    public const int Namespace = 3;
    public const int String = 15;
    public const int Key = 20;
}

public sealed record WorkspaceSymbolParams(string Query)
{
    /// <summary>When the client sends one, the symbols go out as `$/progress` chunks with it (Handlers/PartialResults).</summary>
    public JsonElement? PartialResultToken { get; init; }
}

public sealed record DocumentLinkParams(TextDocumentIdentifier TextDocument);

public sealed record DocumentLink(LspRange Range, string? Target, string? Tooltip);

public sealed record CodeActionParams(TextDocumentIdentifier TextDocument, LspRange Range, CodeActionContext Context);

public sealed record CodeActionContext(IReadOnlyList<LspDiagnostic> Diagnostics, IReadOnlyList<string>? Only);

public sealed record CodeAction
{
    public required string Title { get; init; }
    public string? Kind { get; init; }
    public IReadOnlyList<LspDiagnostic>? Diagnostics { get; init; }
    public bool? IsPreferred { get; init; }
    /// <summary>Why the action cannot apply now; sent only to clients that declare codeAction.disabledSupport.</summary>
    public CodeActionDisabled? Disabled { get; init; }
    public WorkspaceEdit? Edit { get; init; }
}

public sealed record CodeActionDisabled(string Reason);

public static class CodeActionKind
{
    public const string QuickFix = "quickfix";

    /// <summary>"Link all mentions in this note" (docs/notes-format.md §13).</summary>
    public const string SourceLinkMentions = "source.linkMentions";
}

/// <summary>
/// Either changes (uri → edits) or documentChanges (TextDocumentEdit / CreateFile / RenameFile / DeleteFile, applied in order).
/// </summary>
public sealed record WorkspaceEdit
{
    public IReadOnlyDictionary<string, IReadOnlyList<TextEdit>>? Changes { get; init; }
    public IReadOnlyList<DocumentChange>? DocumentChanges { get; init; }
}

/// <summary>One entry of documentChanges: `TextDocumentEdit | CreateFile | RenameFile`, written as the entry itself (no discriminator; `kind` tells the resource operations apart).</summary>
[JsonConverter(typeof(DocumentChangeConverter))]
public abstract record DocumentChange;

/// <summary>
/// Writes a documentChanges entry as its own type with that type's compile-time serializer. Declared as derived types
/// (<c>JsonDerivedType</c>), each entry took System.Text.Json's polymorphic path, which allocated about 340 bytes an
/// entry: 27 MB of garbage for a rename that edits 79,000 notes, collected while the answer was still being written.
/// </summary>
internal sealed class DocumentChangeConverter : JsonConverter<DocumentChange>
{
    public override DocumentChange Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("A document change is only written: the server never reads one back.");

    public override void Write(Utf8JsonWriter writer, DocumentChange value, JsonSerializerOptions options)
    {
        switch (value)
        {
            case TextDocumentEdit edit:
                JsonSerializer.Serialize(writer, edit, LspJsonContext.Default.TextDocumentEdit);
                break;
            case CreateFile create:
                JsonSerializer.Serialize(writer, create, LspJsonContext.Default.CreateFile);
                break;
            case RenameFile rename:
                JsonSerializer.Serialize(writer, rename, LspJsonContext.Default.RenameFile);
                break;
            default:
                throw new JsonException($"No way to write a document change of type {value.GetType().Name}.");
        }
    }
}

public sealed record TextDocumentEdit(OptionalVersionedTextDocumentIdentifier TextDocument, IReadOnlyList<TextEdit> Edits) : DocumentChange;

public sealed record CreateFileOptions(bool? Overwrite, bool? IgnoreIfExists);

public sealed record CreateFile(string Uri, CreateFileOptions? Options) : DocumentChange
{
    public string Kind => "create";
}

public sealed record RenameFileOptions(bool? Overwrite, bool? IgnoreIfExists);

public sealed record RenameFile(string OldUri, string NewUri, RenameFileOptions? Options) : DocumentChange
{
    public string Kind => "rename";
}
