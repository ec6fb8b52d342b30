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
/// Built lazily and shared by later snapshots while no note is added or removed (see VaultSnapshot.Names.cs).
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

    /// <param name="Segments">the folder's segments ("a/b" → a, b; none for the vault root)</param>
    /// <param name="PrefixChars">for c = 0..Segments.Length, the length of "s1/…/sc/" in chars</param>
    /// <param name="PrefixKeys">the same prefixes' key lengths</param>
    internal sealed record Folder(string[] Segments, int[] PrefixChars, int[] PrefixKeys);

    private NotePathIndex(string[] paths)
    {
        Paths = paths;
        Keys = new string[paths.Length];
        Masks = new ulong[paths.Length];
        FolderOf = new int[paths.Length];
        WordStartFrom = new int[paths.Length + 1];
        Irregular = new bool[paths.Length];
        var folders = new List<Folder>();
        var folderIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var wordChars = new List<int>(paths.Length * 4);
        var wordKeys = new List<int>(paths.Length * 4);
        for (var i = 0; i < paths.Length; i++)
        {
            var path = paths[i];
            var key = NoteNames.Key(path);
            Keys[i] = key;
            Masks[i] = NameIndex.CharacterMask(key);
            var folderPath = VaultPaths.DirectoryOf(path);
            if (!folderIds.TryGetValue(folderPath, out var folderId))
            {
                folderId = folders.Count;
                folderIds.Add(folderPath, folderId);
                folders.Add(NewFolder(folderPath));
            }
            FolderOf[i] = folderId;
            var folder = folders[folderId];
            var ascii = IsAscii(path);
            // A long non-ASCII path would cost a key per word start (quadratic): it is scored the slow way instead.
            Irregular[i] = path.Length == 0 || path[0] == '/' || path[^1] == '/' || path.Contains("//", StringComparison.Ordinal)
                || (!ascii && path.Length > MaxVerifiedLength);
            var asciiKeyLength = 0;
            for (var c = 0; c < path.Length && !Irregular[i]; c++)
            {
                if (c > 0 && char.IsAsciiLetterOrDigit(path[c - 1])) asciiKeyLength++;
                if (c == 0 || !FuzzyMatch.StartsWord(path, c)) continue;
                var offset = ascii ? asciiKeyLength : NoteNames.Key(path[..c]).Length;
                if (!ascii && !KeyIsSuffix(path, c, key, offset)) Irregular[i] = true;
                wordChars.Add(c);
                wordKeys.Add(offset);
            }
            for (var c = 0; c < folder.PrefixChars.Length && !ascii && !Irregular[i]; c++)
            {
                if (!KeyIsSuffix(path, folder.PrefixChars[c], key, folder.PrefixKeys[c])) Irregular[i] = true;
            }
            WordStartFrom[i + 1] = wordChars.Count;
        }
        Folders = [.. folders];
        WordStartChars = [.. wordChars];
        WordStartKeys = [.. wordKeys];
    }

    private const int MaxVerifiedLength = 512;

    internal static NotePathIndex Build(IEnumerable<ParsedNote> notesInPathOrder) =>
        new(notesInPathOrder.Select(n => n.Path).ToArray());

    internal int Count => Paths.Length;

    internal bool Contains(string path) => Array.BinarySearch(Paths, path, StringComparer.Ordinal) >= 0;

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
        return new Folder(segments, chars, keys);
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
