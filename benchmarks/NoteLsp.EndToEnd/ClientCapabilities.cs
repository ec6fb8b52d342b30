using System.Text.Json;

namespace NoteLsp.EndToEnd;

/// <summary>What the driver declares in initialize: a capable editor (VS Code-like), UTF-16 positions, push diagnostics.</summary>
public static class ClientCapabilities
{
    public static JsonElement Editor { get; } = JsonDocument.Parse("""
        {
          "textDocument": {
            "synchronization": { "didSave": true },
            "completion": { "contextSupport": true, "completionItem": { "snippetSupport": false } },
            "hover": { "contentFormat": ["markdown", "plaintext"] },
            "definition": { "linkSupport": true },
            "references": {},
            "rename": { "prepareSupport": true },
            "publishDiagnostics": { "relatedInformation": true, "versionSupport": true },
            "documentSymbol": { "hierarchicalDocumentSymbolSupport": true }
          },
          "workspace": {
            "applyEdit": true,
            "workspaceEdit": { "documentChanges": true, "resourceOperations": ["create", "rename", "delete"] },
            "workspaceFolders": true,
            "symbol": {}
          },
          "window": { "workDoneProgress": true }
        }
        """).RootElement.Clone();
}
