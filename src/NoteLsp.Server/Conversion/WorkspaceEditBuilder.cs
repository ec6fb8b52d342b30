using NoteLsp.Core.Features;
using NoteLsp.Server.Protocol;
using NoteLsp.Server.State;

namespace NoteLsp.Server.Conversion;

/// <summary>
/// Builds a WorkspaceEdit the client can apply: `documentChanges` (versioned text edits, then resource operations)
/// when it supports them, else plain `changes`. The server never writes a user's file itself.
/// </summary>
public sealed class WorkspaceEditBuilder(RequestContext context)
{
    private readonly List<(string Uri, int? Version, List<TextEdit> Edits)> _textEdits = [];
    // Where each URI's edits sit in _textEdits: a rename touching 60,000 notes must not scan the list per note.
    private readonly Dictionary<string, int> _textEditIndex = new(StringComparer.Ordinal);
    private readonly List<object> _resourceOperations = [];

    public bool IsEmpty => _textEdits.Count == 0 && _resourceOperations.Count == 0;

    public bool HasResourceOperations => _resourceOperations.Count > 0;

    public WorkspaceEditBuilder AddTextEdits(Vault vault, string path, IEnumerable<TextReplacement> replacements)
    {
        var converter = context.Converter;
        var edits = replacements.Select(r => new TextEdit(converter.Range(vault, path, r.Range), r.NewText)).ToList();
        if (edits.Count == 0) return this;
        var uri = converter.Uri(vault, path);
        var version = context.View.DocumentOf(vault, path)?.Version;
        if (_textEditIndex.TryGetValue(uri, out var existing))
        {
            _textEdits[existing].Edits.AddRange(edits);
        }
        else
        {
            _textEditIndex[uri] = _textEdits.Count;
            _textEdits.Add((uri, version, edits));
        }
        return this;
    }

    /// <summary>A new file with its content (CreateFile, then an insert into it).</summary>
    public WorkspaceEditBuilder CreateFile(Vault vault, string path, string content)
    {
        var uri = DocumentUri.FromLocalPath(vault.FullPathOf(path));
        _resourceOperations.Add(new CreateFile(uri, new CreateFileOptions(Overwrite: false, IgnoreIfExists: true)));
        _resourceOperations.Add(new TextDocumentEdit(new OptionalVersionedTextDocumentIdentifier(uri, null), [new TextEdit(new LspRange(new LspPosition(0, 0), new LspPosition(0, 0)), content)]));
        return this;
    }

    public WorkspaceEditBuilder RenameFile(Vault vault, string oldPath, string newPath)
    {
        _resourceOperations.Add(new RenameFile(context.Converter.Uri(vault, oldPath), DocumentUri.FromLocalPath(vault.FullPathOf(newPath)), new RenameFileOptions(Overwrite: false, IgnoreIfExists: false)));
        return this;
    }

    public WorkspaceEdit Build()
    {
        if (context.Client.DocumentChanges || HasResourceOperations)
        {
            var changes = new List<object>();
            changes.AddRange(_textEdits.Select(e => new TextDocumentEdit(new OptionalVersionedTextDocumentIdentifier(e.Uri, e.Version), e.Edits)));
            changes.AddRange(_resourceOperations);
            return new WorkspaceEdit { DocumentChanges = changes };
        }
        return new WorkspaceEdit { Changes = _textEdits.ToDictionary(e => e.Uri, e => (IReadOnlyList<TextEdit>)e.Edits) };
    }
}
