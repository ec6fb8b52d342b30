using System.Text.Json;
using NoteLsp.Core.Config;
using NoteLsp.Core.Index;
using NoteLsp.Core.Model;
using NoteLsp.Core.Parsing;
using NoteLsp.Core.Vault;
using NoteLsp.Server.Conversion;
using NoteLsp.Server.Protocol;
using Serilog;

namespace NoteLsp.Server.State;

/// <summary>A note of a vault, named for diagnostics bookkeeping.</summary>
public readonly record struct NoteKey(string VaultId, string Path);

/// <summary>One note that changed in a mutation: what diagnostics must follow.</summary>
public sealed record NoteChange(string VaultId, string Path, ParsedNote? Before, ParsedNote? After)
{
    public NoteKey Key => new(VaultId, Path);
}

/// <summary>
/// Holds the current <see cref="WorkspaceView"/> and applies every mutation serially under one lock, swapping
/// the whole view atomically; readers just read <see cref="Current"/>. Mutations never await and never call the client.
/// </summary>
public sealed class Workspace(ILogger log)
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

    private T Update<T>(Func<WorkspaceView, (WorkspaceView View, T Result)> change)
    {
        lock (_gate)
        {
            var (view, result) = change(_current);
            Volatile.Write(ref _current, view);
            return result;
        }
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

    public IReadOnlyList<NoteChange> RemoveVault(string id) => Update(view =>
    {
        if (view.VaultById(id) is not { } vault) return (view, (IReadOnlyList<NoteChange>)[]);
        var changes = vault.Snapshot.Notes.Select(n => new NoteChange(vault.Id, n.Path, n, null)).ToList();
        return (view.WithoutVault(id), changes);
    });

    /// <summary>The `notelsp` settings from initializationOptions (before any vault exists).</summary>
    public void SetInitializationSettings(JsonElement? settings) =>
        Update(view => (view with { InitializationSettings = settings?.Clone() }, 0));

    /// <summary>New client settings (the `notelsp` section). Returns the ids of vaults whose file set may have changed (rescan) and of all vaults (re-check).</summary>
    public (IReadOnlyList<string> Rescan, IReadOnlyList<string> Recheck) ApplyClientSettings(JsonElement? settings)
    {
        var messages = new List<string>();
        var result = Update(view =>
        {
            // `settings: null` (or a workspace/configuration answer of null) takes back what the client set through
            // didChangeConfiguration, so `.notelsp.yml` (under initializationOptions, the client's start-up settings) counts again.
            var present = JsonValues.IsPresent(settings);
            if (!present && !JsonValues.IsPresent(view.ChangedSettings)) return (view, ((IReadOnlyList<string>)[], (IReadOnlyList<string>)[]));
            view = view with { ChangedSettings = present ? settings!.Value.Clone() : null };
            var rescan = new List<string>();
            foreach (var vault in view.Vaults)
            {
                var config = Effective(vault.DiskConfig, view, out var error);
                if (error is not null) messages.Add(error);
                if (NeedsRescan(vault.Config, config) && !vault.IsSingleNote) rescan.Add(vault.Id);
                view = view.WithVault(vault with { Config = config, Snapshot = vault.Snapshot.WithNoteExtensions(config.Extensions) });
            }
            return (view, ((IReadOnlyList<string>)rescan, (IReadOnlyList<string>)view.Vaults.Select(v => v.Id).ToList()));
        });
        foreach (var message in messages.Distinct()) UserMessage?.Invoke(message);
        return result;
    }

    /// <summary>`.notelsp.yml` changed on disk: reload it. True when the vault must be rescanned (its file set may differ).</summary>
    public bool ReloadDiskConfig(string vaultId)
    {
        var root = Current.VaultById(vaultId)?.Root;
        if (root is null) return false;
        var (disk, error) = LoadDiskConfig(root);
        if (error is not null) UserMessage?.Invoke(error);
        return Update(view =>
        {
            if (view.VaultById(vaultId) is not { } vault) return (view, false);
            var config = Effective(disk, view, out _);
            var rescan = NeedsRescan(vault.Config, config);
            return (view.WithVault(vault with { DiskConfig = disk, Config = config, Snapshot = vault.Snapshot.WithNoteExtensions(config.Extensions) }), rescan);
        });
    }

    private static bool NeedsRescan(NoteLspConfig before, NoteLspConfig after) =>
        !before.Extensions.SequenceEqual(after.Extensions) || !before.Ignore.SequenceEqual(after.Ignore) || before.MaxFileBytes != after.MaxFileBytes;

    private (NoteLspConfig Config, string? Error) LoadDiskConfig(string root)
    {
        try
        {
            var result = ConfigLoader.Load(root);
            if (result.Error is not null) log.Warning("Config {Root}/{File}: {Error}", root, NoteLspConfig.FileName, result.Error);
            return (result.Config, result.Error is null ? null : $"{NoteLspConfig.FileName} in {root}: {result.Error} (defaults used)");
        }
        catch (Exception e)
        {
            log.Error(e, "Reading the config of {Root} failed; using defaults", root);
            return (NoteLspConfig.Default, null);
        }
    }

    /// <summary>
    /// `.notelsp.yml` &lt; initializationOptions &lt; didChangeConfiguration. The settings use the same keys as
    /// `.notelsp.yml`; JSON is YAML, so the one config parser reads both.
    /// </summary>
    private NoteLspConfig Effective(NoteLspConfig disk, WorkspaceView view, out string? error)
    {
        error = null;
        var config = disk;
        foreach (var layer in new[] { view.InitializationSettings, view.ChangedSettings })
        {
            if (!JsonValues.IsPresent(layer) || layer!.Value.ValueKind != JsonValueKind.Object) continue;
            try
            {
                var result = ConfigLoader.Parse(layer.Value.GetRawText(), config);
                if (result.Error is not null)
                {
                    error = $"NoteLsp settings from the editor: {result.Error}";
                    log.Warning("{Error}", error);
                }
                config = result.Config;
            }
            catch (Exception e)
            {
                log.Error(e, "Applying the client's settings failed; using the vault's config");
            }
        }
        return config;
    }

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

    /// <summary>Merges scanned notes (open documents win). False when the scan is stale or the vault is gone.</summary>
    public bool MergeScanned(string vaultId, int generation, IReadOnlyList<ParsedNote> notes, bool finished) => Update(view =>
    {
        if (view.VaultById(vaultId) is not { } vault || vault.Generation != generation) return (view, false);
        // An open document's text wins over what the scan read from disk.
        var snapshot = vault.Snapshot.WithNotes(notes.Where(note => view.DocumentOf(vault, note.Path) is null));
        return (view.WithVault(vault with { Snapshot = snapshot, IsIndexed = finished || vault.IsIndexed }), true);
    });

    /// <summary>The vault's files that are not notes, as a scan found them (attachments links may name).</summary>
    public bool SetScannedOtherFiles(string vaultId, int generation, IReadOnlyList<string> paths) => Update(view =>
    {
        if (view.VaultById(vaultId) is not { } vault || vault.Generation != generation) return (view, false);
        return (view.WithVault(vault with { Snapshot = vault.Snapshot.WithOtherFiles(paths) }), true);
    });

    // ---- text documents ----

    public IReadOnlyList<NoteChange> Open(string uri, string languageId, int version, string text)
    {
        var fullPath = DocumentUri.ToLocalPath(uri);
        if (fullPath is null)
        {
            log.Debug("Ignoring didOpen of non-file URI {Uri}", uri);
            return [];
        }
        var document = new OpenDocument(uri, fullPath, languageId, version, new TextLines(text));
        return Update(view =>
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

    /// <summary>Applies a didChange to the document's text; its note is parsed later (<see cref="ParseStale"/>).</summary>
    public void Change(string uri, int version, IReadOnlyList<TextDocumentContentChangeEvent> changes, PositionEncoder encoder)
    {
        var fullPath = DocumentUri.ToLocalPath(uri);
        if (fullPath is null) return;
        Update(view =>
        {
            if (!view.Documents.TryGetValue(fullPath, out var document))
            {
                log.Warning("didChange for {Uri}, which is not open: ignored", uri);
                return (view, false);
            }
            var lines = document.Lines;
            if (version <= document.Version)
            {
                // The client's text is still the truth, so the change is applied; but its edits may be out of order.
                log.Warning("didChange for {Uri}: version {Version} does not increase on {Previous}; applied anyway", uri, version, document.Version);
            }
            foreach (var change in changes)
            {
                if (change.Range is { } range && !IsInBounds(range, lines, encoder))
                {
                    log.Warning("didChange for {Uri} version {Version}: range {Start}-{End} is out of bounds of a text of {Lines} lines; clamped into it",
                        uri, version, $"{range.Start.Line}:{range.Start.Character}", $"{range.End.Line}:{range.End.Character}", lines.Map.LineCount);
                }
                lines = Apply(lines, change, encoder);
            }
            // Parsing waits (ParseStale): at 1,000 changes a second, parsing each would stall the message loop.
            var stale = view.VaultOf(fullPath) is not null;
            view = view with { Documents = view.Documents.SetItem(fullPath, document with { Version = version, Lines = lines, IsStale = stale }) };
            return (view, true);
        });
    }

    /// <summary>
    /// Parses every open document whose text changed since its last parse (outside the lock), and swaps the notes in.
    /// A document whose text changed again meanwhile stays stale for the next round (its change scheduled one).
    /// </summary>
    public IReadOnlyList<NoteChange> ParseStale()
    {
        if (!Current.HasStaleDocuments) return [];
        Prime(Current);
        return Update(view =>
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

    /// <summary>True when both ends lie on a line of the text, at most at its end (in the client's encoding).</summary>
    public static bool IsInBounds(LspRange range, TextLines lines, PositionEncoder encoder)
    {
        bool Inside(LspPosition position)
        {
            if (position.Line < 0 || position.Character < 0 || position.Line >= lines.Map.LineCount) return false;
            var line = lines.Line(position.Line);
            var length = encoder.IsUtf8 ? PositionEncoder.Utf16ToUtf8Column(line, line.Length) : line.Length;
            return position.Character <= length;
        }
        return Inside(range.Start) && Inside(range.End);
    }

    /// <summary>Applies one content change; a range past the end of a line or of the text is clamped.</summary>
    public static TextLines Apply(TextLines lines, TextDocumentContentChangeEvent change, PositionEncoder encoder)
    {
        if (change.Range is null) return new TextLines(change.Text);
        var range = encoder.FromLsp(change.Range, lines);
        var start = lines.Map.OffsetAt(lines.Text, range.Start);
        var end = lines.Map.OffsetAt(lines.Text, range.End);
        if (end < start) (start, end) = (end, start);
        return new TextLines(string.Concat(lines.Text.AsSpan(0, start), change.Text, lines.Text.AsSpan(end)));
    }

    public IReadOnlyList<NoteChange> Close(string uri)
    {
        var fullPath = DocumentUri.ToLocalPath(uri);
        if (fullPath is null) return [];
        return Update(view =>
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

    // ---- files changed outside the editor ----

    /// <summary>A file was created or changed on disk: re-read it unless it is open (open text wins).</summary>
    public IReadOnlyList<NoteChange> FileChangedOnDisk(string fullPath) => Update(view =>
    {
        if (view.Documents.ContainsKey(fullPath) || view.VaultOf(fullPath) is not { IsSingleNote: false } vault) return (view, (IReadOnlyList<NoteChange>)[]);
        var relative = vault.RelativePathOf(fullPath)!;
        if (Directory.Exists(fullPath)) return AddFolderFromDisk(view, vault, fullPath);
        if (!vault.IsNotePath(relative)) return OtherFileCreated(view, vault, relative, fullPath);
        return ReadFromDisk(view, vault, relative);
    });

    /// <summary>A file or folder was deleted on disk: drop its notes (open documents stay).</summary>
    public IReadOnlyList<NoteChange> FileDeletedOnDisk(string fullPath) => Update(view =>
    {
        if (view.VaultOf(fullPath) is not { IsSingleNote: false } vault) return (view, (IReadOnlyList<NoteChange>)[]);
        var relative = vault.RelativePathOf(fullPath)!;
        var changes = new List<NoteChange>();
        var snapshot = vault.Snapshot;
        foreach (var gone in snapshot.OtherFilesAt(relative))
        {
            changes.AddRange(LinkersOfOtherFile(snapshot, vault.Id, gone));
        }
        snapshot = snapshot.WithoutOtherFiles(relative);
        var prefix = relative + "/";
        foreach (var note in vault.Snapshot.Notes.Where(n => n.Path == relative || n.Path.StartsWith(prefix, StringComparison.Ordinal)).ToList())
        {
            if (view.DocumentOf(vault, note.Path) is not null) continue;
            snapshot = snapshot.WithoutNote(note.Path);
            changes.Add(new NoteChange(vault.Id, note.Path, note, null));
        }
        return (view.WithVault(vault with { Snapshot = snapshot }), changes);
    });

    private (WorkspaceView, IReadOnlyList<NoteChange>) AddFolderFromDisk(WorkspaceView view, Vault vault, string folder)
    {
        var changes = new List<NoteChange>();
        var folderRelative = vault.RelativePathOf(folder);
        if (folderRelative is null) return (view, changes);
        // The scan's own enumeration, so a folder that appears holds the notes a rescan would find: no hidden or
        // ignored folder, no link out of the vault, no file over maxFileBytes.
        var issues = new List<ScanIssue>();
        var prefix = folderRelative.Length == 0 ? "" : folderRelative + "/";
        var (notes, otherFiles) = VaultScanner.EnumerateFiles(vault.Root, vault.Config, issues);
        foreach (var issue in issues.Where(i => i.Path.StartsWith(prefix, StringComparison.Ordinal))) log.Information("Skipped {Path}: {Message}", issue.Path, issue.Message);
        foreach (var relative in otherFiles.Where(p => p.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var (withFile, linkers) = OtherFileCreated(view, vault, relative, vault.FullPathOf(relative));
            view = withFile;
            vault = view.VaultById(vault.Id)!;
            changes.AddRange(linkers);
        }
        foreach (var relative in notes.Where(p => p.StartsWith(prefix, StringComparison.Ordinal)))
        {
            if (view.DocumentOf(vault, relative) is not null) continue;
            var (next, fileChanges) = ReadFromDisk(view, vault, relative);
            view = next;
            vault = view.VaultById(vault.Id)!;
            changes.AddRange(fileChanges);
        }
        return (view, changes);
    }

    /// <summary>
    /// A file that is not a note appeared (never read): links naming it stop being broken. The notes that may link to it
    /// come back as unchanged notes, so their diagnostics are computed again.
    /// </summary>
    private static (WorkspaceView, IReadOnlyList<NoteChange>) OtherFileCreated(WorkspaceView view, Vault vault, string relative, string fullPath)
    {
        // Same membership as notes (VaultMembership), and only a file that is there; it is never opened.
        if (!VaultMembership.IsVaultFilePath(relative, vault.Config) || !File.Exists(fullPath)) return (view, []);
        if (vault.Snapshot.HasOtherFile(relative)) return (view, []);
        var snapshot = vault.Snapshot.WithOtherFile(relative);
        return (view.WithVault(vault with { Snapshot = snapshot }), LinkersOfOtherFile(snapshot, vault.Id, relative));
    }

    private static List<NoteChange> LinkersOfOtherFile(Core.Index.VaultSnapshot snapshot, string vaultId, string relative) =>
        snapshot.NotesLinkingToFile(relative)
            .Select(path => snapshot.GetNote(path) is { } note ? new NoteChange(vaultId, path, note, note) : null)
            .OfType<NoteChange>().ToList();

    private (WorkspaceView, IReadOnlyList<NoteChange>) ReadFromDisk(WorkspaceView view, Vault vault, string relative)
    {
        var before = vault.Snapshot.GetNote(relative);
        ParsedNote? after = null;
        try
        {
            // Only a member of the vault is read (VaultMembership; SafeFile decides the rest on the opened file).
            if (vault.IsNotePath(relative) && !VaultMembership.IsDuplicateThroughLink(SafeFile.RealRoot(vault.Root), vault.FullPathOf(relative), relative, vault.Config))
            {
                var issues = new List<ScanIssue>();
                after = VaultScanner.ReadNote(vault.Root, relative, vault.Config, issues);
                foreach (var issue in issues) log.Information("Skipped {Path}: {Message}", issue.Path, issue.Message);
            }
        }
        catch (Exception e)
        {
            log.Error(e, "Reading {Path} failed; keeping what was indexed", relative);
            return (view, []);
        }
        var snapshot = after is null ? vault.Snapshot.WithoutNote(relative) : vault.Snapshot.WithNote(after);
        if (before is null && after is null) return (view, []);
        return (view.WithVault(vault with { Snapshot = snapshot }), [new NoteChange(vault.Id, relative, before, after)]);
    }

    private static bool IsOverSizeLimit(string text, long maxBytes, out long bytes)
    {
        // Every char is 1 to 3 UTF-8 bytes: count exactly only where the answer is not obvious.
        bytes = text.Length;
        if ((long)text.Length * 3 <= maxBytes) return false;
        bytes = System.Text.Encoding.UTF8.GetByteCount(text);
        return bytes > maxBytes;
    }

    private (WorkspaceView, IReadOnlyList<NoteChange>) ParseInto(WorkspaceView view, Vault vault, string fullPath, string text)
    {
        var relative = vault.RelativePathOf(fullPath);
        // An open document that is not a member of its vault (an ignored, hidden or node_modules path, or another
        // extension) keeps its text, but its note does not join the vault: other notes' links never resolve to it and
        // it gets no diagnostics, exactly as if the editor had not opened it.
        if (relative is null || (!vault.IsSingleNote && !vault.IsNotePath(relative))) return (view, []);
        if (IsOverSizeLimit(text, vault.Config.MaxFileBytes, out var bytes))
        {
            // As on disk (files over maxFileBytes are not parsed): a 50 MB paste would otherwise be re-parsed on the
            // message loop at every keystroke, for tens of seconds each. The text is kept; the note leaves the index.
            var previous = vault.Snapshot.GetNote(relative);
            if (previous is not null || Current.DocumentOf(vault, relative) is null)
            {
                log.Warning("{Path} is {Bytes:N0} bytes in the editor, over maxFileBytes ({Max:N0}): not parsed while it stays that big",
                    relative, bytes, vault.Config.MaxFileBytes);
            }
            if (previous is null) return (view, []);
            return (view.WithVault(vault with { Snapshot = vault.Snapshot.WithoutNote(relative) }), [new NoteChange(vault.Id, relative, previous, null)]);
        }
        var before = vault.Snapshot.GetNote(relative);
        try
        {
            var note = ParseOnce(relative, text);
            return (view.WithVault(vault with { Snapshot = vault.Snapshot.WithNote(note) }), [new NoteChange(vault.Id, relative, before, note)]);
        }
        catch (Exception e)
        {
            // Keep the last good note, but never the edit: the view returned carries the document's new text.
            log.Error(e, "Parsing or indexing {Path} failed; keeping its last good state", relative);
            return (view, []);
        }
    }
}
