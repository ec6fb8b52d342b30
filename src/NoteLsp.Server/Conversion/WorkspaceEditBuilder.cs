using NoteLsp.Core.Edits;
using NoteLsp.Core.Features;
using NoteLsp.Server.Protocol;
using NoteLsp.Server.State;
using StreamJsonRpc;

namespace NoteLsp.Server.Conversion;

/// <summary>
/// Builds a WorkspaceEdit the client can apply: `documentChanges` (new files, then versioned text edits, then file
/// renames) when it supports them, else plain `changes`. The server never writes a user's file itself.
/// </summary>
/// <remarks>
/// Every edit the server proposes (quick fixes, rename, link updates for moved files) passes through here, and here
/// each operation is checked by the vault's <see cref="EditGuard"/> before it is added: one that would touch anything
/// but a note of the index, or create or rename onto a path that is taken or outside the vault, throws
/// <see cref="EditRefusedException"/>, so the request is answered with an error (or the quick fix is left out), never
/// with part of an edit.
/// </remarks>
public sealed class WorkspaceEditBuilder(RequestContext context)
{
    private readonly List<DocumentChange> _creates = [];
    private readonly List<(string Uri, int? Version, IReadOnlyList<TextEdit> Edits)> _textEdits = [];
    // Where each URI's edits sit in _textEdits: a rename touching 60,000 notes must not scan the list per note. It
    // covers the first _indexed entries; the notes of one bulk add into an empty edit are distinct, so they are indexed
    // only if another edit comes after them.
    private readonly Dictionary<string, int> _textEditIndex = new(StringComparer.Ordinal);
    private int _indexed;
    private readonly List<RenameFile> _renames = [];
    private readonly Dictionary<string, EditGuard> _guards = new(StringComparer.Ordinal);

    public bool IsEmpty => _textEdits.Count == 0 && !HasResourceOperations;

    public bool HasResourceOperations => _creates.Count > 0 || _renames.Count > 0;

    public WorkspaceEditBuilder AddTextEdits(Vault vault, string path, IEnumerable<TextReplacement> replacements) =>
        AddTextEdits(vault, path, replacements, checkedAlready: false);

    private WorkspaceEditBuilder AddTextEdits(Vault vault, string path, IEnumerable<TextReplacement> replacements, bool checkedAlready)
    {
        var converter = context.Converter;
        // The note's lines once for all its edits (read only for UTF-8 columns), not once per edit.
        var lines = converter.LinesFor(vault, path);
        var edits = replacements.Select(r => new TextEdit(converter.Encoder.ToLsp(r.Range, lines), r.NewText)).ToList();
        if (edits.Count == 0) return this;
        if (!checkedAlready) Require(GuardOf(vault).CheckTextEdit(path));
        Append(converter.Uri(vault, path), context.View.DocumentOf(vault, path)?.Version, edits);
        return this;
    }

    /// <summary>
    /// The text edits of many notes (a rename, or the links of moved files), as <see cref="AddTextEdits(Vault, string,
    /// IEnumerable{TextReplacement})"/> adds each, in the dictionary's order (a plan's is path order): the guard checks
    /// every note first, then each note's URI is found, both on every core; the edits themselves are made as the answer
    /// is written (<see cref="ConvertedTextEdits"/>). A rename of the most-linked of 100,000 notes edits 80,000 notes:
    /// one lstat, one URI and a few edits each.
    /// </summary>
    public WorkspaceEditBuilder AddTextEdits(Vault vault, IReadOnlyDictionary<string, IReadOnlyList<TextReplacement>> byPath, CancellationToken cancellationToken)
    {
        var notes = byPath.ToArray();
        Require(GuardOf(vault).CheckTextEdits(notes.Where(n => n.Value.Count > 0).Select(n => n.Key).ToList(), cancellationToken));
        var converter = context.Converter;
        // UTF-8 columns need each note's text, which the converter reads and keeps for this answer on one thread.
        if (converter.Encoder.IsUtf8)
        {
            foreach (var (path, replacements) in notes) AddTextEdits(vault, path, replacements, checkedAlready: true);
            return this;
        }
        var view = context.View;
        var converted = new (string Uri, int? Version, IReadOnlyList<TextEdit> Edits)?[notes.Length];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken };
        Parallel.For(0, notes.Length, options, i =>
        {
            var (path, replacements) = notes[i];
            if (replacements.Count == 0) return;
            var (uri, version) = view.IdentifierOf(vault, path);
            converted[i] = (uri, version, new ConvertedTextEdits(replacements, converter.Encoder));
        });
        // Distinct paths (a dictionary's keys) have distinct URIs: into an empty edit they go without a look-up each.
        var first = _textEdits.Count == 0;
        foreach (var note in converted)
        {
            if (note is not var (uri, version, edits)) continue;
            if (first) _textEdits.Add((uri, version, edits));
            else Append(uri, version, edits);
        }
        return this;
    }

    private void Append(string uri, int? version, IReadOnlyList<TextEdit> edits)
    {
        for (; _indexed < _textEdits.Count; _indexed++) _textEditIndex[_textEdits[_indexed].Uri] = _indexed;
        if (_textEditIndex.TryGetValue(uri, out var existing))
        {
            var entry = _textEdits[existing];
            _textEdits[existing] = entry with { Edits = [.. entry.Edits, .. edits] };
        }
        else
        {
            _textEditIndex[uri] = _textEdits.Count;
            _textEdits.Add((uri, version, edits));
            _indexed = _textEdits.Count;
        }
    }

    /// <summary>
    /// A new file with its content: a CreateFile that fails when anything is at the path (neither overwrite nor
    /// ignoreIfExists), then the insert. The path was free when the request was answered; if a file appears there before
    /// the client applies the edit, the CreateFile fails and, being the first operation, stops the edit before the insert
    /// (LSP failureHandling: with "abort" the operations before a failed one stay applied, and there are none).
    /// </summary>
    public WorkspaceEditBuilder CreateFile(Vault vault, string path, string content)
    {
        var guard = GuardOf(vault);
        Require(guard.CheckCreate(path));
        var uri = DocumentUri.FromLocalPath(guard.FullPathOf(path));
        _creates.Add(new CreateFile(uri, new CreateFileOptions(Overwrite: false, IgnoreIfExists: false)));
        if (content.Length > 0)
        {
            _creates.Add(new TextDocumentEdit(new OptionalVersionedTextDocumentIdentifier(uri, null), [new TextEdit(new LspRange(new LspPosition(0, 0), new LspPosition(0, 0)), content)]));
        }
        return this;
    }

    /// <summary>A note's file renamed (or moved) to a free path of the vault; it comes after the text edits, which name the note by its old URI.</summary>
    public WorkspaceEditBuilder RenameFile(Vault vault, string oldPath, string newPath)
    {
        var guard = GuardOf(vault);
        Require(guard.CheckRename(oldPath, newPath));
        _renames.Add(new RenameFile(context.Converter.Uri(vault, oldPath), DocumentUri.FromLocalPath(guard.FullPathOf(newPath)), new RenameFileOptions(Overwrite: false, IgnoreIfExists: false)));
        return this;
    }

    public WorkspaceEdit Build()
    {
        if (context.Client.DocumentChanges || HasResourceOperations)
        {
            var changes = new List<DocumentChange>(_creates.Count + _textEdits.Count + _renames.Count);
            // A create first: if it fails (the file appeared meanwhile), nothing else has been applied yet.
            changes.AddRange(_creates);
            changes.AddRange(_textEdits.Select(e => new TextDocumentEdit(new OptionalVersionedTextDocumentIdentifier(e.Uri, e.Version), e.Edits)));
            changes.AddRange(_renames);
            return new WorkspaceEdit { DocumentChanges = changes };
        }
        return new WorkspaceEdit { Changes = _textEdits.ToDictionary(e => e.Uri, e => (IReadOnlyList<TextEdit>)e.Edits) };
    }

    private EditGuard GuardOf(Vault vault)
    {
        if (!_guards.TryGetValue(vault.Id, out var guard)) _guards[vault.Id] = guard = new EditGuard(vault.Root, vault.Config, vault.Snapshot);
        return guard;
    }

    private static void Require(string? refusal)
    {
        if (refusal is not null) throw new EditRefusedException(refusal);
    }
}

/// <summary>An edit the vault's <see cref="EditGuard"/> refused; answered as RequestFailed with the reason.</summary>
public sealed class EditRefusedException : LocalRpcException
{
    public EditRefusedException(string message) : base(message) => ErrorCode = ErrorCodes.RequestFailed;
}
