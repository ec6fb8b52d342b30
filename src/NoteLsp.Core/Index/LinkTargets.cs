using NoteLsp.Core.Model;

namespace NoteLsp.Core.Index;

/// <summary>Link targets the server writes (quick fixes, suggestions).</summary>
public static class LinkTargets
{
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

    private static bool ResolvesToOnly(VaultSnapshot snapshot, string target, ParsedNote note)
    {
        var (_, candidates) = snapshot.MatchTarget(target);
        return candidates.Length == 1 && candidates[0].Path == note.Path;
    }
}
