using NoteLsp.Core.Model;

namespace NoteLsp.Core.Index;

/// <summary>Link targets the server writes (completion, quick fixes, suggestions): one policy, docs/notes-format.md §3–5.</summary>
public static class LinkTargets
{
    /// <summary>
    /// What a wikilink written by the server names a note with: <see cref="ShortestUniqueTarget"/>, else (no target
    /// reaches only this note) its path without extension, the most a wikilink can say.
    /// </summary>
    public static string WikiTarget(VaultSnapshot snapshot, ParsedNote note) =>
        ShortestUniqueTarget(snapshot, note) ?? PathWithoutExtension(note.Path);

    /// <summary>
    /// The wikilink target for a note about to be created at the path: its stem when no note of the vault answers to
    /// that name yet, else its rooted path without extension (the new note is then the only one at that path).
    /// </summary>
    public static string WikiTargetForNewNote(VaultSnapshot snapshot, string path)
    {
        var withoutExtension = PathWithoutExtension(path);
        var stem = withoutExtension[(withoutExtension.LastIndexOf('/') + 1)..];
        var (_, candidates) = snapshot.MatchTarget(stem);
        return candidates.Length == 0 ? stem : "/" + withoutExtension;
    }

    private static string PathWithoutExtension(string path)
    {
        var dot = path.LastIndexOf('.');
        return dot > path.LastIndexOf('/') ? path[..dot] : path;
    }

    /// <summary>
    /// The shortest wikilink target that resolves to exactly this note: the stem if it is unique, else the shortest
    /// path suffix (<c>a/x</c>), else the rooted path (<c>/a/x</c>); null if even that is ambiguous (paths that differ only in case).
    /// </summary>
    public static string? ShortestUniqueTarget(VaultSnapshot snapshot, ParsedNote note)
    {
        var segments = note.Path.Split('/');
        segments[^1] = note.Stem;
        for (var count = 1; count <= segments.Length; count++)
        {
            var target = string.Join('/', segments[^count..]);
            if (ResolvesToOnly(snapshot, target, note)) return target;
        }
        var rooted = "/" + string.Join('/', segments);
        return ResolvesToOnly(snapshot, rooted, note) ? rooted : null;
    }

    /// <summary>The Markdown link destination from one note to another: relative to the linking note's folder, percent-encoded where needed.</summary>
    public static string RelativeLinkPath(string fromPath, string toPath)
    {
        var from = fromPath.Split('/')[..^1];
        var to = toPath.Split('/');
        var common = 0;
        while (common < from.Length && common < to.Length - 1 && from[common] == to[common]) common++;
        var parts = Enumerable.Repeat("..", from.Length - common).Concat(to[common..]);
        return Features.NoteRename.EncodeLinkPath(string.Join('/', parts));
    }

    private static bool ResolvesToOnly(VaultSnapshot snapshot, string target, ParsedNote note)
    {
        var (_, candidates) = snapshot.MatchTarget(target);
        return candidates.Length == 1 && candidates[0].Path == note.Path;
    }
}
