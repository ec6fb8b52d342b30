using NoteLsp.Server.Protocol;
using NoteLsp.Server.State;

namespace NoteLsp.Server.Handlers;

/// <summary>
/// didOpen / didChange / didClose / didSave. Each applies its change synchronously (it runs before the next
/// message on the wire is dispatched) and has the new text parsed soon, off the loop; diagnostics follow the
/// workspace's swaps on their own (<see cref="Workspace.Swapped"/>).
/// </summary>
public sealed class TextSyncHandler(Workspace workspace, DiagnosticsService diagnostics, Func<ClientFeatures> client) : IDeclaresCapabilities
{
    public ServerCapabilities Declare(ServerCapabilities capabilities, CapabilityInputs inputs) => capabilities with
    {
        TextDocumentSync = new TextDocumentSyncOptions(OpenClose: true, Change: TextDocumentSyncKind.Incremental, Save: new SaveOptions(IncludeText: false)),
    };

    public void DidOpen(DidOpenTextDocumentParams request)
    {
        var document = request.TextDocument;
        // The text is kept at once; its parse is deferred like a change's (a 5 MB note would hold the message loop).
        workspace.Open(document.Uri, document.LanguageId, document.Version, document.Text);
        diagnostics.TextChanged();
    }

    public void DidChange(DidChangeTextDocumentParams request)
    {
        workspace.Change(request.TextDocument.Uri, request.TextDocument.Version, request.ContentChanges, client().Encoder);
        diagnostics.TextChanged();
    }

    public void DidClose(DidCloseTextDocumentParams request) => workspace.Close(request.TextDocument.Uri);

    /// <summary>The open text already wins over the disk, so a save changes nothing we know.</summary>
    public void DidSave(DidSaveTextDocumentParams request)
    {
    }
}
