using NoteLsp.Core.Config;
using NoteLsp.Core.Index;
using NoteLsp.Core.Model;
using NoteLsp.Core.Parsing;
using NoteLsp.Server.Conversion;
using Serilog;

namespace NoteLsp.Server.State;

/// <summary>A note of a vault, named for diagnostics bookkeeping.</summary>
public readonly record struct NoteKey(string VaultId, string Path);

/// <summary>One note that changed in a mutation: what diagnostics must follow.</summary>
public sealed record NoteChange(string VaultId, string Path, ParsedNote? Before, ParsedNote? After)
{
    public NoteKey Key => new(VaultId, Path);
}

/// <summary>One swap of the workspace's view: the view before, the view after, and the notes it changed (often none).</summary>
public sealed record WorkspaceSwap(WorkspaceView Previous, WorkspaceView Next, IReadOnlyList<NoteChange> Notes);

/// <summary>
/// Holds the current <see cref="WorkspaceView"/> and applies every mutation serially under one lock, swapping
/// the whole view atomically; readers just read <see cref="Current"/>. Mutations never await and never call the client.
/// </summary>
/// <remarks>
/// This file keeps the state: the view, its vaults, indexing and the open documents; Workspace.Indexing.cs publishes what
/// a scan read. Workspace.Settings.cs applies client
/// settings and `.notelsp.yml`; Workspace.TextEdits.cs applies didChange edits to a document's text;
/// Workspace.DiskSync.cs follows files changed outside the editor.
/// </remarks>
public sealed partial class Workspace(ILogger log)
{
    private readonly object _gate = new();
    private WorkspaceView _current = WorkspaceView.Empty;

    public WorkspaceView Current => Volatile.Read(ref _current);

    /// <summary>Test hook: called (with the vault-relative path) before an open document's text is parsed. Null in production.</summary>
    public Action<string>? BeforeParse { get; init; }

    /// <summary>
    /// Parses of open documents' texts, by the text's identity (each version of a document is its own string): a text is
    /// parsed once, outside the lock and off the message loop, and shared by the request that needs it and the commit.
    /// </summary>
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<string, ParsedText> _parses = new();

    private sealed class ParsedText(string relative, Lazy<ParsedNote> note)
    {
        public string Relative => relative;

        public Lazy<ParsedNote> Note => note;
    }

    /// <summary>Raised (outside the lock) with a message for the user, e.g. a bad `.notelsp.yml`.</summary>
    public event Action<string>? UserMessage;

    /// <summary>
    /// Raised after every swap of the view (outside the lock, on the thread that made the change), with the notes the
    /// swap changed. Whatever follows changes (diagnostics) subscribes here, so no mutator's caller passes changes on.
    /// </summary>
    public event Action<WorkspaceSwap>? Swapped;

    private T Update<T>(Func<WorkspaceView, (WorkspaceView View, T Result)> change) => Swap(view =>
    {
        var (next, result) = change(view);
        return (next, result, (IReadOnlyList<NoteChange>)[]);
    });

    /// <summary>A mutation that changes notes: they are announced with the swap.</summary>
    private void UpdateNotes(Func<WorkspaceView, (WorkspaceView View, IReadOnlyList<NoteChange> Notes)> change) => Swap(view =>
    {
        var (next, notes) = change(view);
        return (next, 0, notes);
    });

    private T Swap<T>(Func<WorkspaceView, (WorkspaceView View, T Result, IReadOnlyList<NoteChange> Notes)> change)
    {
        WorkspaceSwap swap;
        T result;
        lock (_gate)
        {
            var previous = _current;
            (var next, result, var notes) = change(previous);
            Volatile.Write(ref _current, next);
            swap = new WorkspaceSwap(previous, next, notes);
        }
        if (ReferenceEquals(swap.Previous, swap.Next)) return result;
        try
        {
            Swapped?.Invoke(swap);
        }
        catch (Exception e)
        {
            // The swap stands; a subscriber's failure must not fail the notification that caused it.
            log.Error(e, "A subscriber to workspace changes failed");
        }
        return result;
    }

    // ---- vaults and configuration ----

    /// <summary>Adds a folder vault (config read from disk, nothing scanned yet). Returns its id.</summary>
    public Vault AddFolderVault(string root)
    {
        var (disk, error) = LoadDiskConfig(root);
        if (error is not null) UserMessage?.Invoke(error);
        string? settingsError = null;
        var added = Update(view =>
        {
            if (view.VaultByRoot(root) is { } existing) return (view, existing);
            var config = Effective(disk, view, out settingsError);
            var vault = new Vault
            {
                Root = root,
                DiskConfig = disk,
                Config = config,
                Snapshot = VaultSnapshot.Empty.WithNoteExtensions(config.Extensions),
            };
            return (view.WithVault(vault), vault);
        });
        // A bad value in initializationOptions is reported like one in the file.
        if (settingsError is not null) UserMessage?.Invoke(settingsError);
        return added;
    }

    public void RemoveVault(string id) => UpdateNotes(view =>
    {
        if (view.VaultById(id) is not { } vault) return (view, (IReadOnlyList<NoteChange>)[]);
        var changes = vault.Snapshot.Notes.Select(n => new NoteChange(vault.Id, n.Path, n, null)).ToList();
        return (view.WithoutVault(id), changes);
    });

    // ---- background indexing ----

    /// <summary>Starts a new scan generation: the vault's snapshot restarts from its open documents only.</summary>
    public int BeginRescan(string vaultId) => Update(view =>
    {
        if (view.VaultById(vaultId) is not { } vault) return (view, -1);
        var snapshot = VaultSnapshot.Empty.WithNoteExtensions(vault.Config.Extensions);
        foreach (var note in vault.Snapshot.Notes)
        {
            if (view.DocumentOf(vault, note.Path) is not null) snapshot = snapshot.WithNote(note);
        }
        var generation = vault.Generation + 1;
        return (view.WithVault(vault with { Snapshot = snapshot, IsIndexed = false, Generation = generation }), generation);
    });

    /// <summary>The vault's files that are not notes, as a scan found them (attachments links may name).</summary>
    public bool SetScannedOtherFiles(string vaultId, int generation, IReadOnlyList<string> paths) => Update(view =>
    {
        if (view.VaultById(vaultId) is not { } vault || vault.Generation != generation) return (view, false);
        return (view.WithVault(vault with { Snapshot = vault.Snapshot.WithOtherFiles(paths) }), true);
    });

    // ---- text documents ----

    public void Open(string uri, string languageId, int version, string text)
    {
        var fullPath = DocumentUri.ToLocalPath(uri);
        if (fullPath is null)
        {
            log.Debug("Ignoring didOpen of non-file URI {Uri}", uri);
            return;
        }
        var document = new OpenDocument(uri, fullPath, languageId, version, new TextLines(text));
        UpdateNotes(view =>
        {
            view = view with { Documents = view.Documents.SetItem(fullPath, document) };
            var vault = view.VaultOf(fullPath);
            if (vault is null)
            {
                var directory = Path.GetDirectoryName(fullPath) ?? fullPath;
                var fileName = Path.GetFileName(fullPath);
                var config = Effective(NoteLspConfig.Default, view, out _);
                if (!config.IsNoteFile(fileName) && languageId != "markdown") return (view, (IReadOnlyList<NoteChange>)[]);
                vault = new Vault
                {
                    Root = directory,
                    SingleNotePath = fileName,
                    DiskConfig = NoteLspConfig.Default,
                    Config = config,
                    Snapshot = VaultSnapshot.Empty.WithNoteExtensions(config.Extensions),
                    IsIndexed = true,
                };
                view = view.WithVault(vault);
            }
            if (vault.RelativePathOf(fullPath) is { } relative && IsOverSizeLimit(text, vault.Config.MaxFileBytes, out var bytes))
            {
                log.Warning("{Path} is {Bytes:N0} bytes in the editor, over maxFileBytes ({Max:N0}): not parsed while it stays that big",
                    relative, bytes, vault.Config.MaxFileBytes);
            }
            // Parsing waits, as for didChange (ParseStale): a 5 MB note would hold the message loop for seconds.
            view = view with { Documents = view.Documents.SetItem(fullPath, document with { IsStale = true }) };
            return (view, (IReadOnlyList<NoteChange>)[]);
        });
    }

    /// <summary>
    /// Parses every open document whose text changed since its last parse (outside the lock), and swaps the notes in.
    /// A document whose text changed again meanwhile stays stale for the next round (its change scheduled one).
    /// </summary>
    public void ParseStale()
    {
        if (!Current.HasStaleDocuments) return;
        Prime(Current);
        UpdateNotes(view =>
        {
            var changes = new List<NoteChange>();
            foreach (var document in view.Documents.Values.Where(d => d.IsStale).ToList())
            {
                if (view.VaultOf(document.FullPath) is { } vault)
                {
                    if (!IsPrimed(vault, document)) continue;
                    (view, var parsed) = ParseInto(view, vault, document.FullPath, document.Text);
                    changes.AddRange(parsed);
                }
                view = view with { Documents = view.Documents.SetItem(document.FullPath, document with { IsStale = false, ParsedVersion = document.Version }) };
            }
            return (view, (IReadOnlyList<NoteChange>)changes);
        });
    }

    /// <summary>
    /// The view a request captured, with its stale documents parsed as they were when it was captured (so positions
    /// and answers match the text the request was sent after); nothing is committed. Call it off the message loop.
    /// </summary>
    public WorkspaceView Parsed(WorkspaceView captured)
    {
        if (!captured.HasStaleDocuments) return captured;
        Prime(captured);
        var view = captured;
        foreach (var document in captured.Documents.Values.Where(d => d.IsStale))
        {
            if (view.VaultOf(document.FullPath) is { } vault) (view, _) = ParseInto(view, vault, document.FullPath, document.Text);
            view = view with { Documents = view.Documents.SetItem(document.FullPath, document with { IsStale = false, ParsedVersion = document.Version }) };
        }
        return view;
    }

    /// <summary>Parses (once) the text of every stale document of the view that will be parsed, outside the lock.</summary>
    private void Prime(WorkspaceView view)
    {
        foreach (var document in view.Documents.Values.Where(d => d.IsStale))
        {
            if (view.VaultOf(document.FullPath) is not { } vault || vault.RelativePathOf(document.FullPath) is not { } relative) continue;
            if (!vault.IsSingleNote && !vault.Config.IsNoteFile(relative)) continue;
            if (IsOverSizeLimit(document.Text, vault.Config.MaxFileBytes, out _)) continue;
            try
            {
                _ = ParseOnce(relative, document.Text);
            }
            catch (Exception)
            {
                // Logged where the note is swapped in (ParseInto), which keeps the last good state.
            }
        }
    }

    /// <summary>True when committing the document costs no parse (its text is parsed, or will not be parsed at all).</summary>
    private bool IsPrimed(Vault vault, OpenDocument document) =>
        vault.RelativePathOf(document.FullPath) is not { } relative
        || (!vault.IsSingleNote && !vault.Config.IsNoteFile(relative))
        || IsOverSizeLimit(document.Text, vault.Config.MaxFileBytes, out _)
        || (_parses.TryGetValue(document.Text, out var parsed) && parsed.Relative == relative && parsed.Note.IsValueCreated);

    /// <summary>The note of this text, parsed at most once per text (a failed parse throws again for every caller).</summary>
    private ParsedNote ParseOnce(string relative, string text)
    {
        var entry = _parses.GetValue(text, t => new ParsedText(relative, new Lazy<ParsedNote>(() =>
        {
            BeforeParse?.Invoke(relative);
            return NoteParser.Parse(relative, t);
        }, LazyThreadSafetyMode.ExecutionAndPublication)));
        if (entry.Relative != relative)
        {
            BeforeParse?.Invoke(relative);
            return NoteParser.Parse(relative, text);
        }
        return entry.Note.Value;
    }

    public void Close(string uri)
    {
        var fullPath = DocumentUri.ToLocalPath(uri);
        if (fullPath is null) return;
        UpdateNotes(view =>
        {
            if (!view.Documents.ContainsKey(fullPath)) return (view, (IReadOnlyList<NoteChange>)[]);
            view = view with { Documents = view.Documents.Remove(fullPath) };
            if (view.VaultOf(fullPath) is not { } vault) return (view, []);
            var relative = vault.RelativePathOf(fullPath)!;
            var before = vault.Snapshot.GetNote(relative);
            if (vault.IsSingleNote)
            {
                // Nothing of it stays: its diagnostics are cleared.
                return (view.WithoutVault(vault.Id), before is null ? [] : [new NoteChange(vault.Id, relative, before, null)]);
            }
            // Closing falls back to the disk.
            return ReadFromDisk(view, vault, relative);
        });
    }
}
