using System.Text.Json;
using System.Text.Json.Serialization;

namespace NoteLsp.Server.Protocol;

// Our own records for the LSP 3.17 subset NoteLsp speaks. Property names become camelCase on the wire
// (formatter options) and null properties are omitted. Positions here are in the negotiated encoding.

public sealed record LspPosition(int Line, int Character);

public sealed record LspRange(LspPosition Start, LspPosition End);

public sealed record LspLocation(string Uri, LspRange Range);

public sealed record LocationLink(string TargetUri, LspRange TargetRange, LspRange TargetSelectionRange, LspRange? OriginSelectionRange);

public sealed record TextDocumentIdentifier(string Uri);

public sealed record VersionedTextDocumentIdentifier(string Uri, int Version);

/// <summary>In a WorkspaceEdit: version null means "whatever is on disk / in the buffer".</summary>
public sealed record OptionalVersionedTextDocumentIdentifier(
    string Uri,
    // The spec's field is `integer | null` and required: write "version": null rather than leave it out.
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? Version);

public sealed record TextDocumentItem(string Uri, string LanguageId, int Version, string Text);

public record TextDocumentPositionParams
{
    public required TextDocumentIdentifier TextDocument { get; init; }
    public required LspPosition Position { get; init; }
}

public sealed record TextEdit(LspRange Range, string NewText);

public sealed record MarkupContent(string Kind, string Value)
{
    public const string Markdown = "markdown";
    public const string PlainText = "plaintext";
}

public static class ErrorCodes
{
    public const int ParseError = -32700;
    public const int InvalidRequest = -32600;
    public const int MethodNotFound = -32601;
    public const int InvalidParams = -32602;
    public const int InternalError = -32603;
    public const int ServerNotInitialized = -32002;
    public const int UnknownErrorCode = -32001;
    public const int RequestFailed = -32803;
    public const int ServerCancelled = -32802;
    public const int ContentModified = -32801;
    public const int RequestCancelled = -32800;
}

public static class PositionEncodingKind
{
    public const string Utf8 = "utf-8";
    public const string Utf16 = "utf-16";
    public const string Utf32 = "utf-32";
}

public sealed record ShowMessageParams(int Type, string Message);

public static class MessageType
{
    public const int Error = 1;
    public const int Warning = 2;
    public const int Info = 3;
    public const int Log = 4;
}

/// <summary>Holder for free-form JSON (settings, initializationOptions).</summary>
public static class JsonValues
{
    public static bool IsPresent(JsonElement? element) =>
        element is { } e && e.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null);
}
