using NoteLsp.Server.Conversion;

namespace NoteLsp.Server.State;

/// <summary>A document the client has open: its text wins over the file on disk. Immutable.</summary>
/// <param name="Uri">the URI exactly as the client sent it (answers about this document use it)</param>
/// <param name="FullPath">the decoded local path, the key documents are found by</param>
public sealed record OpenDocument(string Uri, string FullPath, string LanguageId, int Version, TextLines Lines)
{
    public string Text => Lines.Text;
}
