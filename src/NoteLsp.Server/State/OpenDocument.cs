using NoteLsp.Server.Conversion;

namespace NoteLsp.Server.State;

/// <summary>A document the client has open: its text wins over the file on disk. Immutable.</summary>
/// <param name="Uri">the URI exactly as the client sent it (answers about this document use it)</param>
/// <param name="FullPath">the decoded local path, the key documents are found by</param>
public sealed record OpenDocument(string Uri, string FullPath, string LanguageId, int Version, TextLines Lines)
{
    public string Text => Lines.Text;

    /// <summary>
    /// True when the text changed since the vault's note was last parsed from it. A burst of didChange is applied
    /// to the text at once but parsed once (<see cref="Workspace.ParseStale"/>), before the next request or soon after.
    /// </summary>
    public bool IsStale { get; init; }

    /// <summary>The version of the text the vault's note was parsed from (what published diagnostics are about).</summary>
    public int ParsedVersion { get; init; } = Version;
}
