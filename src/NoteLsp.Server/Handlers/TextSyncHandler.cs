using NoteLsp.Server.Protocol;

namespace NoteLsp.Server.Handlers;

/// <summary>
/// didOpen / didChange / didClose / didSave. Each applies its change synchronously (it runs before the next
/// message on the wire is dispatched), then hands the changed notes to the diagnostics service.
/// </summary>
public sealed class TextSyncHandler(LanguageServer server)
{
    public void DidOpen(DidOpenTextDocumentParams request)
    {
        var document = request.TextDocument;
        // The text is kept at once; its parse is deferred like a change's (a 5 MB note would hold the message loop).
        server.Diagnostics.NotesChanged(server.Workspace.Open(document.Uri, document.LanguageId, document.Version, document.Text));
        server.Diagnostics.TextChanged();
    }

    public void DidChange(DidChangeTextDocumentParams request)
    {
        server.Workspace.Change(request.TextDocument.Uri, request.TextDocument.Version, request.ContentChanges, server.Client.Encoder);
        server.Diagnostics.TextChanged();
    }

    public void DidClose(DidCloseTextDocumentParams request) =>
        server.Diagnostics.NotesChanged(server.Workspace.Close(request.TextDocument.Uri));

    /// <summary>The open text already wins over the disk, so a save changes nothing we know.</summary>
    public void DidSave(DidSaveTextDocumentParams request)
    {
    }
}
