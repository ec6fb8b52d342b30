using NoteLsp.Core.Diagnostics;
using NoteLsp.Core.Text;
using NoteLsp.Server.Protocol;
using NoteLsp.Server.State;

namespace NoteLsp.Server.Conversion;

/// <summary>
/// Core → LSP for one captured view: ranges in the negotiated encoding (reading a note's text only when UTF-8
/// columns need it), URIs (the client's own URI for open documents), diagnostics.
/// </summary>
public sealed class LspConverter(WorkspaceView view, ClientFeatures client)
{
    private readonly Dictionary<string, TextLines?> _texts = new(WorkspaceView.PathComparer);
    // One answer can name the same note thousands of times (references, rename): build each URI once.
    private readonly Dictionary<Vault, Dictionary<string, string>> _uris = new(ReferenceEqualityComparer.Instance);

    public WorkspaceView View => view;

    public ClientFeatures Client => client;

    public PositionEncoder Encoder => client.Encoder;

    /// <summary>The lines of a note, only when conversion needs them (UTF-8), cached for this answer.</summary>
    public TextLines? LinesFor(Vault vault, string path)
    {
        if (!Encoder.IsUtf8) return null;
        var key = vault.FullPathOf(path);
        if (!_texts.TryGetValue(key, out var lines))
        {
            lines = view.TextOf(vault, path);
            _texts[key] = lines;
        }
        return lines;
    }

    public LspRange Range(Vault vault, string path, TextRange range) => Encoder.ToLsp(range, LinesFor(vault, path));

    public LspPosition Position(Vault vault, string path, TextPosition position) => Encoder.ToLsp(position, LinesFor(vault, path));

    public string Uri(Vault vault, string path)
    {
        if (!_uris.TryGetValue(vault, out var uris)) _uris[vault] = uris = new(StringComparer.Ordinal);
        if (!uris.TryGetValue(path, out var uri)) uris[path] = uri = view.UriOf(vault, path);
        return uri;
    }

    public LspLocation Location(Vault vault, string path, TextRange range) => new(Uri(vault, path), Range(vault, path, range));

    public LspDiagnostic Diagnostic(Vault vault, string path, NoteDiagnostic diagnostic) => new()
    {
        Range = Range(vault, path, diagnostic.Range),
        Severity = (int)diagnostic.Severity,
        Code = diagnostic.Id,
        Source = DiagnosticCodes.Source,
        Message = diagnostic.Message,
        RelatedInformation = client.RelatedInformation && !diagnostic.Related.IsDefaultOrEmpty
            ? diagnostic.Related.Select(r => new DiagnosticRelatedInformation(Location(vault, r.Path, r.Range), r.Message)).ToList()
            : null,
    };
}
