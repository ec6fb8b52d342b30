using System.Text.Json;

namespace NoteLsp.Server.Tests.Fixture;

/// <summary>Client capabilities as real editors declare them (see the editors notes), as raw JSON.</summary>
public static class Clients
{
    /// <summary>A capable client (VS Code-like): links, prepareRename, related information, resource operations, watchers, progress.</summary>
    public static JsonElement Full { get; } = Parse("""
        {
          "textDocument": {
            "completion": { "contextSupport": true },
            "hover": { "contentFormat": ["markdown", "plaintext"] },
            "definition": { "linkSupport": true },
            "rename": { "prepareSupport": true },
            "publishDiagnostics": { "relatedInformation": true },
            "documentSymbol": { "hierarchicalDocumentSymbolSupport": true }
          },
          "workspace": {
            "applyEdit": true,
            "workspaceEdit": { "documentChanges": true, "resourceOperations": ["create", "rename", "delete"] },
            "didChangeWatchedFiles": { "dynamicRegistration": true },
            "workspaceFolders": true,
            "symbol": {}
          },
          "window": { "workDoneProgress": true }
        }
        """);

    /// <summary>Neovim 0.7.2: no context in completion, no documentChanges flag but resource operations, no watchers.</summary>
    public static JsonElement Neovim { get; } = Parse("""
        {
          "textDocument": {
            "completion": { "completionItem": { "snippetSupport": false } },
            "hover": { "contentFormat": ["markdown", "plaintext"] },
            "definition": { "linkSupport": true },
            "rename": { "prepareSupport": true },
            "publishDiagnostics": { "relatedInformation": true },
            "documentSymbol": { "hierarchicalDocumentSymbolSupport": true }
          },
          "workspace": {
            "applyEdit": true,
            "workspaceEdit": { "resourceOperations": ["rename", "create", "delete"] },
            "workspaceFolders": true,
            "symbol": {}
          },
          "window": { "workDoneProgress": true }
        }
        """);

    /// <summary>eglot 1.9: documentChanges but no resource operations, no related information, no progress.</summary>
    public static JsonElement Eglot { get; } = Parse("""
        {
          "textDocument": {
            "completion": { "contextSupport": true },
            "definition": { "linkSupport": true },
            "publishDiagnostics": { "relatedInformation": false }
          },
          "workspace": {
            "applyEdit": true,
            "workspaceEdit": { "documentChanges": true },
            "didChangeWatchedFiles": { "dynamicRegistration": true },
            "workspaceFolders": true,
            "configuration": true,
            "symbol": {}
          }
        }
        """);

    /// <summary>Helix-like: UTF-8 positions first.</summary>
    public static JsonElement Utf8 { get; } = With(Full, "general", """{ "positionEncodings": ["utf-8", "utf-32", "utf-16"] }""");

    /// <summary>A client that pulls diagnostics.</summary>
    public static JsonElement Pull { get; } = WithTextDocument(Full, "diagnostic", """{ "dynamicRegistration": false, "relatedDocumentSupport": false }""");

    public static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();

    public static JsonElement With(JsonElement capabilities, string property, string json)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(capabilities.GetRawText())!.AsObject();
        node[property] = System.Text.Json.Nodes.JsonNode.Parse(json);
        return Parse(node.ToJsonString());
    }

    public static JsonElement WithTextDocument(JsonElement capabilities, string property, string json)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(capabilities.GetRawText())!.AsObject();
        node["textDocument"]![property] = System.Text.Json.Nodes.JsonNode.Parse(json);
        return Parse(node.ToJsonString());
    }
}
