using NoteLsp.Core.Index;
using NoteLsp.Core.Model;
using NoteLsp.Core.Names;
using NoteLsp.Core.Parsing;
using NoteLsp.Core.Text;

namespace NoteLsp.Core.Features;

/// <summary>
/// Tags (docs/notes-format.md §14): references, rename, hover, workspace symbols and completion, all from the tag index
/// of the snapshot, so each costs the notes carrying the tag, never a walk over the vault.
/// </summary>
public static class NoteTags
{
    /// <summary>The tag under the position (its '#' included), or null.</summary>
    public static Tag? At(ParsedNote note, TextPosition position) =>
        note.TagOccurrences.FirstOrNull(t => t.Range.Contains(position));

    /// <summary>
    /// Every occurrence of the tag in the vault (inline and front matter), in path then position order. Children are
    /// other tags: references on <c>#a</c> do not list <c>#a/b</c>.
    /// </summary>
    public static IReadOnlyList<ReferenceLocation> References(VaultSnapshot snapshot, Tag tag)
    {
        var key = TagNames.Key(tag.Name);
        var result = new List<ReferenceLocation>();
        foreach (var note in snapshot.NotesWithTag(key))
        {
            foreach (var occurrence in note.TagOccurrences)
            {
                if (TagNames.Key(occurrence.Name) == key) result.Add(new ReferenceLocation(note.Path, occurrence.Range));
            }
        }
        return result;
    }

    public static PrepareRenameResult PrepareRename(Tag tag)
    {
        if (!tag.IsEditable) throw NotInPlace(tag.Name);
        return new PrepareRenameResult(tag.NameRange, tag.Name);
    }

    /// <summary>
    /// Renames the tag and the tags nested under it (<c>#a</c> → <c>#b</c> turns <c>#a/c</c> into <c>#b/c</c>) in every
    /// note: only the name is replaced, so a front matter value written without '#' stays without.
    /// </summary>
    public static RenamePlan Rename(VaultSnapshot snapshot, Tag tag, string newName)
    {
        var name = newName.Trim();
        if (name.StartsWith('#')) name = name[1..];
        if (!TagSyntax.IsName(name))
        {
            throw new RenameException($"\"{newName.Trim()}\" is not a tag name: use letters, digits, '_', '-' and '/', with at least one that is not a digit.");
        }
        var key = TagNames.Key(tag.Name);
        var edits = new Dictionary<string, IReadOnlyList<TextReplacement>>(StringComparer.Ordinal);
        var notes = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var info in snapshot.TagAndChildren(key))
        {
            foreach (var note in snapshot.NotesWithTag(info.Key)) notes.Add(note.Path);
        }
        foreach (var path in notes)
        {
            var replacements = new List<TextReplacement>();
            foreach (var occurrence in snapshot.GetNote(path)!.TagOccurrences)
            {
                if (!TagNames.IsSelfOrChild(TagNames.Key(occurrence.Name), key)) continue;
                if (!occurrence.IsEditable) throw NotInPlace(occurrence.Name, path);
                // The key has the name's length (TagNames.Key), so the renamed part is the first key.Length characters.
                var start = occurrence.NameRange.Start;
                replacements.Add(new TextReplacement(new TextRange(start, start with { Character = start.Character + key.Length }), name));
            }
            edits[path] = replacements;
        }
        return new RenamePlan(null, edits);
    }

    private static RenameException NotInPlace(string name, string? path = null) => new(
        $"The tag \"{name}\"{(path is null ? "" : $" in {path}")} is written in a YAML form NoteLsp does not rewrite (escapes or several lines); write it as a plain value first.");

    public static NoteHoverResult Hover(VaultSnapshot snapshot, Tag tag)
    {
        var key = TagNames.Key(tag.Name);
        var count = snapshot.TagNoteCount(key);
        var text = $"Tag **#{tag.Name}** — on {count} {(count == 1 ? "note" : "notes")}";
        var children = snapshot.TagAndChildren(key).Where(t => t.Key != key).ToList();
        if (children.Count > 0) text += $"  \nNested: {string.Join(", ", children.Take(10).Select(c => $"#{c.Name} ({c.NoteCount})"))}{(children.Count > 10 ? ", …" : "")}";
        return new NoteHoverResult(text, tag.Range);
    }

    /// <summary>
    /// The best tags for a workspace symbol query, each placed at its first occurrence (first note in path order). Only
    /// the kept ones are located, so a note with thousands of distinct tags is not read once per tag.
    /// </summary>
    public static IEnumerable<WorkspaceSymbolMatch> WorkspaceSymbols(VaultSnapshot snapshot, string queryKey, int maxResults)
    {
        var best = snapshot.TagsByKey
            .Select(info => (Info: info, Score: FuzzyMatch.Score(queryKey, info.Name)))
            .Where(m => m.Score is not null)
            .OrderBy(m => m.Score).ThenBy(m => m.Info.Name.Length)
            .Take(maxResults);
        foreach (var (info, score) in best)
        {
            var note = snapshot.NotesWithTag(info.Key).First();
            var first = note.TagOccurrences.First(t => TagNames.Key(t.Name) == info.Key);
            yield return new WorkspaceSymbolMatch(note, "#" + info.Name, WorkspaceSymbolKind.Tag, first.Range, score!.Value);
        }
    }

    /// <summary>
    /// Completion of <c>#tag</c> in text: after a '#' that starts the line or follows a blank, with the tag name typed so
    /// far; null when the cursor is not there (then other completions apply). A '#' followed by a blank is a heading.
    /// </summary>
    public static NoteCompletionResult? CompleteInline(VaultSnapshot snapshot, ParsedNote? note, string line, TextPosition position, int maxItems)
    {
        var cursor = Math.Clamp(position.Character, 0, line.Length);
        var start = cursor;
        while (start > 0 && line[start - 1] != '#' && IsTypedNameChar(line[start - 1])) start--;
        if (start == 0 || line[start - 1] != '#') return null;
        var hash = start - 1;
        if (hash > 0 && !char.IsWhiteSpace(line[hash - 1])) return null;
        return Items(snapshot, note, line[start..cursor], new TextRange(position with { Character = start }, position with { Character = cursor }), maxItems);
    }

    private static bool IsTypedNameChar(char c) => c is '_' or '-' or '/' || char.IsLetterOrDigit(c) || char.IsSurrogate(c)
        || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark;

    /// <summary>The vault's tags whose key starts with what was typed, most used first; the name replaces <paramref name="range"/>.</summary>
    /// <param name="note">the note being edited: the name being typed there is not offered back as a tag of its own</param>
    internal static NoteCompletionResult Items(VaultSnapshot snapshot, ParsedNote? note, string typed, TextRange range, int maxItems)
    {
        var prefix = TagNames.Key(typed);
        var items = new List<NoteCompletionItem>();
        var more = false;
        foreach (var info in snapshot.TagsByUse)
        {
            if (!info.Key.StartsWith(prefix, StringComparison.Ordinal)) continue;
            if (info.Key == prefix && info.NoteCount == 1 && note is not null && snapshot.NotesWithTag(info.Key).First().Path == note.Path) continue;
            if (items.Count == maxItems) { more = true; break; }
            var detail = $"{info.NoteCount} {(info.NoteCount == 1 ? "note" : "notes")}";
            items.Add(new NoteCompletionItem(CompletionItemKind.Tag, "#" + info.Name, info.Name, detail, info.Name, range));
        }
        return new NoteCompletionResult(items, more);
    }
}
