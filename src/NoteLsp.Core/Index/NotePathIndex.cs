using NoteLsp.Core.Features;
using NoteLsp.Core.Model;
using NoteLsp.Core.Names;
using NoteLsp.Core.Paths;

namespace NoteLsp.Core.Index;

/// <summary>
/// Every note's path with what path completion scores it by, computed once per set of paths instead of per keystroke:
/// the name key of the whole path, which characters it holds, where its words start (as chars and as key offsets),
/// and its folder. A relative path "../../x/y.md" has the key of the path's tail after the folders it shares with the
/// current note, so one key per note serves every current note: the tail's key is a suffix of it.
/// Built lazily; a later snapshot shares it while no note is added or removed, or derives it with the few added or removed (see VaultSnapshot.Names.cs).
/// </summary>
public sealed class NotePathIndex
{
    /// <summary>The notes' paths in ordinal order.</summary>
    internal readonly string[] Paths;

    /// <summary><see cref="NoteNames.Key"/> of each whole path.</summary>
    internal readonly string[] Keys;

    /// <summary><see cref="NameIndex.CharacterMask"/> of each key: a cheap first test for the fuzzy tiers.</summary>
    internal readonly ulong[] Masks;

    /// <summary>Each note's folder, an index into <see cref="Folders"/>.</summary>
    internal readonly int[] FolderOf;

    internal readonly Folder[] Folders;

    /// <summary>Note i's word starts (after its first char) are entries WordStartFrom[i] .. WordStartFrom[i + 1] - 1.</summary>
    internal readonly int[] WordStartFrom;

    /// <summary>Where a word starts in the path, in chars.</summary>
    internal readonly int[] WordStartChars;

    /// <summary>The same place in the path's key: the key of the path from there on is Keys[i][offset..].</summary>
    internal readonly int[] WordStartKeys;

    /// <summary>
    /// Notes whose path the fast scoring cannot describe exactly (an empty segment, or a non-ASCII path whose key is not
    /// the sum of its parts' keys): path completion scores them the slow way, from their relative path.
    /// </summary>
    internal readonly bool[] Irregular;

    /// <param name="Path">the folder as <see cref="VaultPaths.DirectoryOf"/> gives it (its identity when an index is derived)</param>
    /// <param name="Segments">the folder's segments ("a/b" → a, b; none for the vault root)</param>
    /// <param name="PrefixChars">for c = 0..Segments.Length, the length of "s1/…/sc/" in chars</param>
    /// <param name="PrefixKeys">the same prefixes' key lengths</param>
    internal sealed record Folder(string Path, string[] Segments, int[] PrefixChars, int[] PrefixKeys);

    private NotePathIndex(Builder built)
    {
        Paths = [.. built.Paths];
        Keys = [.. built.Keys];
        Masks = [.. built.Masks];
        FolderOf = [.. built.FolderOf];
        WordStartFrom = [.. built.WordStartFrom];
        Irregular = [.. built.Irregular];
        Folders = [.. built.Folders];
        WordStartChars = [.. built.WordStartChars];
        WordStartKeys = [.. built.WordStartKeys];
    }

    private const int MaxVerifiedLength = 512;

    /// <param name="count">how many notes there are: the lists are made at their size (about four word starts a path)</param>
    internal static NotePathIndex Build(IEnumerable<ParsedNote> notesInPathOrder, int count)
    {
        var builder = new Builder([], count, count * 4);
        foreach (var note in notesInPathOrder) builder.Add(note.Path);
        return new NotePathIndex(builder);
    }

    /// <summary>
    /// This index after the notes of <paramref name="changedPaths"/> were added or removed (<paramref name="exists"/> says
    /// which are notes now): the other notes' entries are copied, not computed again, so creating a note costs a copy of
    /// the arrays (milliseconds at 100,000 notes) instead of a key per path (over 100 ms). This one when none changed.
    /// </summary>
    internal NotePathIndex With(IReadOnlyCollection<string> changedPaths, Func<string, bool> exists)
    {
        var added = new List<string>();
        var removed = new HashSet<int>();
        foreach (var path in changedPaths)
        {
            var at = Array.BinarySearch(Paths, path, StringComparer.Ordinal);
            var isNote = exists(path);
            if (at >= 0 && !isNote) removed.Add(at);
            else if (at < 0 && isNote) added.Add(path);
        }
        if (added.Count == 0 && removed.Count == 0) return this;
        added.Sort(StringComparer.Ordinal);
        // The folders are kept as they are (a folder no note is in any longer costs nothing), so copied entries keep their folder ids.
        var builder = new Builder(Folders, Count + added.Count, WordStartChars.Length + 4 * added.Count);
        // Between two places where a note comes or goes, the entries are copied as one run.
        var from = 0;
        var next = 0;
        for (var i = 0; i <= Count; i++)
        {
            var addHere = next < added.Count && (i == Count || string.CompareOrdinal(added[next], Paths[i]) < 0);
            if (!addHere && i < Count && !removed.Contains(i)) continue;
            builder.CopyRange(this, from, i);
            if (addHere)
            {
                builder.Add(added[next++]);
                from = i;
                i--; // the same old entry again: another note may come before it
            }
            else
            {
                from = i + 1; // note i is removed (or the end is reached)
            }
        }
        return new NotePathIndex(builder);
    }

    internal int Count => Paths.Length;

    internal bool Contains(string path) => Array.BinarySearch(Paths, path, StringComparer.Ordinal) >= 0;

    /// <summary>The entries of an index, in path order: computed from a path, or copied from another index.</summary>
    private sealed class Builder
    {
        public readonly List<string> Paths;
        public readonly List<string> Keys;
        public readonly List<ulong> Masks;
        public readonly List<int> FolderOf;
        public readonly List<int> WordStartFrom;
        public readonly List<bool> Irregular;
        public readonly List<int> WordStartChars;
        public readonly List<int> WordStartKeys;
        public readonly List<Folder> Folders;
        private readonly Dictionary<string, int> _folderIds = new(StringComparer.Ordinal);

        public Builder(Folder[] folders, int capacity = 0, int wordCapacity = 0)
        {
            Paths = new(capacity);
            Keys = new(capacity);
            Masks = new(capacity);
            FolderOf = new(capacity);
            WordStartFrom = new(capacity + 1) { 0 };
            Irregular = new(capacity);
            WordStartChars = new(wordCapacity);
            WordStartKeys = new(wordCapacity);
            Folders = [.. folders];
            for (var f = 0; f < folders.Length; f++) _folderIds[folders[f].Path] = f;
        }

        /// <summary>Notes from .. to - 1 of another index whose folders this one starts with, copied in bulk.</summary>
        public void CopyRange(NotePathIndex index, int from, int to)
        {
            if (from >= to) return;
            var count = to - from;
            Paths.AddRange(new ArraySegment<string>(index.Paths, from, count));
            Keys.AddRange(new ArraySegment<string>(index.Keys, from, count));
            Masks.AddRange(new ArraySegment<ulong>(index.Masks, from, count));
            FolderOf.AddRange(new ArraySegment<int>(index.FolderOf, from, count));
            Irregular.AddRange(new ArraySegment<bool>(index.Irregular, from, count));
            var wordsFrom = index.WordStartFrom[from];
            var words = index.WordStartFrom[to] - wordsFrom;
            var shift = WordStartChars.Count - wordsFrom;
            WordStartChars.AddRange(new ArraySegment<int>(index.WordStartChars, wordsFrom, words));
            WordStartKeys.AddRange(new ArraySegment<int>(index.WordStartKeys, wordsFrom, words));
            for (var i = from + 1; i <= to; i++) WordStartFrom.Add(index.WordStartFrom[i] + shift);
        }

        public void Add(string path)
        {
            var key = NoteNames.Key(path);
            Paths.Add(path);
            Keys.Add(key);
            Masks.Add(NameIndex.CharacterMask(key));
            var folderPath = VaultPaths.DirectoryOf(path);
            if (!_folderIds.TryGetValue(folderPath, out var folderId))
            {
                folderId = Folders.Count;
                _folderIds.Add(folderPath, folderId);
                Folders.Add(NewFolder(folderPath));
            }
            FolderOf.Add(folderId);
            var folder = Folders[folderId];
            var ascii = IsAscii(path);
            // A long non-ASCII path would cost a key per word start (quadratic): it is scored the slow way instead.
            var irregular = path.Length == 0 || path[0] == '/' || path[^1] == '/' || path.Contains("//", StringComparison.Ordinal)
                || (!ascii && path.Length > MaxVerifiedLength);
            var asciiKeyLength = 0;
            for (var c = 0; c < path.Length && !irregular; c++)
            {
                if (c > 0 && char.IsAsciiLetterOrDigit(path[c - 1])) asciiKeyLength++;
                if (c == 0 || !FuzzyMatch.StartsWord(path, c)) continue;
                var offset = ascii ? asciiKeyLength : NoteNames.Key(path[..c]).Length;
                if (!ascii && !KeyIsSuffix(path, c, key, offset)) irregular = true;
                WordStartChars.Add(c);
                WordStartKeys.Add(offset);
            }
            for (var c = 0; c < folder.PrefixChars.Length && !ascii && !irregular; c++)
            {
                if (!KeyIsSuffix(path, folder.PrefixChars[c], key, folder.PrefixKeys[c])) irregular = true;
            }
            Irregular.Add(irregular);
            WordStartFrom.Add(WordStartChars.Count);
        }
    }

    private static Folder NewFolder(string folderPath)
    {
        // Segments as NoteFileMoves.RelativePath splits them; a folder with empty segments only holds irregular notes.
        var segments = folderPath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var chars = new int[segments.Length + 1];
        var keys = new int[segments.Length + 1];
        for (var c = 1; c <= segments.Length; c++)
        {
            chars[c] = chars[c - 1] + segments[c - 1].Length + 1;
            keys[c] = keys[c - 1] + NoteNames.Key(segments[c - 1]).Length;
        }
        return new Folder(folderPath, segments, chars, keys);
    }

    /// <summary>Whether the key of path[start..] is key[offset..], as the scoring assumes.</summary>
    private static bool KeyIsSuffix(string path, int start, string key, int offset) =>
        offset <= key.Length && NoteNames.Key(path[start..]).AsSpan().SequenceEqual(key.AsSpan(offset));

    private static bool IsAscii(string s)
    {
        foreach (var c in s)
        {
            if (c >= 0x80) return false;
        }
        return true;
    }
}
