using NoteLsp.Core.Index;
using NoteLsp.Core.Names;

namespace NoteLsp.Core.Features;

/// <summary>A file or folder moved inside a vault (vault-relative paths, '/' separators).</summary>
public sealed record NoteMove(string OldPath, string NewPath);

/// <summary>
/// The link edits that keep a vault working when notes or folders move (workspace/willRenameFiles): links to a
/// moved note that named its stem or path, and relative Markdown links both to and from moved notes.
/// Edits are keyed by each note's path before the move.
/// </summary>
public static class NoteFileMoves
{
    public static IReadOnlyDictionary<string, IReadOnlyList<TextReplacement>> Plan(VaultSnapshot snapshot, IReadOnlyList<NoteMove> moves)
    {
        var moved = ExpandToNotes(snapshot, moves);
        var edits = new Dictionary<string, List<TextReplacement>>(StringComparer.Ordinal);
        // One set of edited ranges per note: a note with 300,000 links must not compare each new edit with every other.
        var seen = new HashSet<(string, Text.TextRange)>();
        void Add(string path, Text.TextRange range, string text)
        {
            if (!edits.TryGetValue(path, out var list)) edits[path] = list = [];
            if (seen.Add((path, range))) list.Add(new TextReplacement(range, text));
        }
        string NewLocation(string path) => moved.TryGetValue(path, out var to) ? to : path;

        // Links to moved notes.
        foreach (var (oldPath, newPath) in moved)
        {
            if (snapshot.GetNote(oldPath) is not { } target) continue;
            var newStem = StemOf(newPath);
            foreach (var (reference, resolution) in NoteReferences.Matching(snapshot, target, null))
            {
                if (reference.WikiLink is { } wiki)
                {
                    if (resolution.Rank == MatchRank.Stem && NoteNames.Key(wiki.Target) != NoteNames.Key(newStem))
                    {
                        Add(reference.Source.Path, wiki.TargetRange, newStem);
                    }
                    else if (resolution.Rank == MatchRank.Path)
                    {
                        var segments = wiki.Target.Split('/', StringSplitOptions.RemoveEmptyEntries).Length;
                        var newSegments = WithoutExtension(newPath).Split('/');
                        var replacement = string.Join('/', newSegments.Skip(Math.Max(0, newSegments.Length - segments)));
                        if (replacement != wiki.Target) Add(reference.Source.Path, wiki.TargetRange, replacement);
                    }
                }
                else if (reference.MarkdownLink is { Path.Length: > 0 } markdown)
                {
                    var newLink = markdown.Path.StartsWith('/') ? "/" + newPath : RelativePath(DirectoryOf(NewLocation(reference.Source.Path)), newPath);
                    if (newLink != markdown.Path) Add(reference.Source.Path, markdown.PathRange, NoteRename.EncodeLinkPath(newLink));
                }
            }
        }

        // Relative Markdown links from moved notes to files that stay where they are.
        foreach (var (oldPath, newPath) in moved)
        {
            if (snapshot.GetNote(oldPath) is not { } source || DirectoryOf(oldPath) == DirectoryOf(newPath)) continue;
            foreach (var link in source.MarkdownLinks)
            {
                if (link.Path.Length == 0 || link.Path.StartsWith('/')) continue;
                var resolved = Normalize(Combine(DirectoryOf(oldPath), link.Path));
                if (resolved is null || moved.ContainsKey(resolved)) continue; // broken, or handled above
                var newLink = RelativePath(DirectoryOf(newPath), resolved);
                if (newLink != link.Path) Add(oldPath, link.PathRange, NoteRename.EncodeLinkPath(newLink));
            }
        }

        return edits.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<TextReplacement>)kv.Value.OrderBy(e => e.Range.Start).ToList(), StringComparer.Ordinal);
    }

    /// <summary>Old note path → new note path; a move of a folder moves every note under it.</summary>
    private static Dictionary<string, string> ExpandToNotes(VaultSnapshot snapshot, IReadOnlyList<NoteMove> moves)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var move in moves)
        {
            var oldPath = move.OldPath.TrimEnd('/');
            var newPath = move.NewPath.TrimEnd('/');
            if (snapshot.GetNote(oldPath) is not null)
            {
                result[oldPath] = newPath;
                continue;
            }
            var prefix = oldPath + "/";
            foreach (var note in snapshot.Notes)
            {
                if (note.Path.StartsWith(prefix, StringComparison.Ordinal)) result[note.Path] = newPath + "/" + note.Path[prefix.Length..];
            }
        }
        return result;
    }

    private static string StemOf(string path)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        var dot = name.LastIndexOf('.');
        return dot > 0 ? name[..dot] : name;
    }

    private static string WithoutExtension(string path)
    {
        var slash = path.LastIndexOf('/');
        var dot = path.LastIndexOf('.');
        return dot > slash + 1 ? path[..dot] : path;
    }

    internal static string DirectoryOf(string path) => path.Contains('/') ? path[..path.LastIndexOf('/')] : "";

    private static string Combine(string directory, string relative) => directory.Length == 0 ? relative : directory + "/" + relative;

    /// <summary>Resolves "." and ".." segments; null when the path climbs out of the vault.</summary>
    internal static string? Normalize(string path)
    {
        var parts = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            if (segment is "" or ".") continue;
            if (segment == "..")
            {
                if (parts.Count == 0) return null;
                parts.RemoveAt(parts.Count - 1);
            }
            else
            {
                parts.Add(segment);
            }
        }
        return string.Join('/', parts);
    }

    /// <summary>The relative path from a folder to a file, both vault-relative ("a/b" to "a/c/x.md" is "c/x.md", to "d.md" is "../../d.md").</summary>
    internal static string RelativePath(string fromDirectory, string toPath)
    {
        var from = fromDirectory.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var to = toPath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var common = 0;
        while (common < from.Length && common < to.Length - 1 && from[common] == to[common]) common++;
        return string.Join('/', Enumerable.Repeat("..", from.Length - common).Concat(to.Skip(common)));
    }
}
