using NoteLsp.Core.Index;
using NoteLsp.Core.Model;
using NoteLsp.Core.Paths;

namespace NoteLsp.Core.Features;

/// <summary>A file or folder moved inside a vault (vault-relative paths, '/' separators).</summary>
public sealed record NoteMove(string OldPath, string NewPath);

/// <summary>
/// The link edits that keep a vault working when notes or folders move (workspace/willRenameFiles). Only what the move
/// breaks is changed: every link that resolves now is resolved again as if the move had happened, and a link that
/// still reaches the same note (and heading or block) is left exactly as written. A link that would not is rewritten
/// in its own form: a wikilink keeps its label, its written extension and as few path segments as still name the
/// note; a Markdown link keeps its fragment, a leading "./", a missing extension, a root-anchored "/" and its
/// percent-encoding. Links to headings whose text changes (a heading holding a link to a moved note) follow.
/// Edits are keyed by each note's path before the move.
/// </summary>
public static class NoteFileMoves
{
    public static IReadOnlyDictionary<string, IReadOnlyList<TextReplacement>> Plan(VaultSnapshot snapshot, IReadOnlyList<NoteMove> moves)
    {
        var moved = ExpandToNotes(snapshot, moves);
        var edits = new NoteRename.EditCollector();
        if (moved.Count == 0) return edits.ToDictionary();
        var after = AfterMoves(snapshot, moved);
        string NewLocation(string path) => moved.TryGetValue(path, out var to) ? to : path;

        // The notes whose links can change meaning: those linking to a moved note, the moved notes themselves (their
        // relative links), and those with a link using a name or path a moved note answers to after the move.
        var sources = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (oldPath, newPath) in moved)
        {
            sources.Add(oldPath);
            foreach (var reference in snapshot.LinksTo(oldPath)) sources.Add(reference.Source.Path);
            if (after.GetNote(newPath) is { } movedNote) sources.UnionWith(snapshot.NotesAffectedBy(null, movedNote));
        }

        // Each distinct target text is matched once per snapshot: a note may hold 300,000 links to one name.
        var matchesBefore = new Dictionary<string, (MatchRank, System.Collections.Immutable.ImmutableArray<ParsedNote>)>(StringComparer.Ordinal);
        var matchesAfter = new Dictionary<string, (MatchRank, System.Collections.Immutable.ImmutableArray<ParsedNote>)>(StringComparer.Ordinal);
        var rewritten = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var path in sources)
        {
            if (snapshot.GetNote(path) is not { } source || after.GetNote(NewLocation(path)) is not { } sourceAfter) continue;
            foreach (var link in source.WikiLinks)
            {
                var before = snapshot.Resolve(source, link, matchesBefore);
                if (before.Status != TargetStatus.Resolved || before.Rank == MatchRank.Self) continue;
                var expected = NewLocation(before.Target!.Path);
                if (SameTarget(before, after.Resolve(sourceAfter, link, matchesAfter), expected)) continue;
                var key = link.Target + "\n" + expected;
                if (!rewritten.TryGetValue(key, out var target)) rewritten[key] = target = WikiTargetFor(after, link, expected);
                if (target is not null) edits.Add(path, link.TargetRange, target);
            }
            foreach (var link in source.MarkdownLinks)
            {
                if (link.Path.Length == 0) continue;
                var before = snapshot.Resolve(source, link);
                if (before.Status == TargetStatus.NotANote)
                {
                    // An attachment ("files/doc.pdf") is not indexed: a relative link from a moved note keeps its target file.
                    if (moved.ContainsKey(path) && !link.Path.StartsWith('/') && DirectoryOf(path) != DirectoryOf(NewLocation(path))
                        && VaultPaths.Resolve(DirectoryOf(path), link.Path) is { } file)
                    {
                        edits.Add(path, link.PathRange, WrittenLike(link, RelativeLike(link, DirectoryOf(NewLocation(path)), file)));
                    }
                    continue;
                }
                if (before.Status != TargetStatus.Resolved) continue;
                var expected = NewLocation(before.Target!.Path);
                if (SameTarget(before, after.Resolve(sourceAfter, link), expected)) continue;
                edits.Add(path, link.PathRange, MarkdownPathFor(after, sourceAfter, link, expected));
            }
        }

        NoteRename.FollowHeadingChanges(snapshot, edits, strict: false);
        return edits.ToDictionary();
    }

    /// <summary>
    /// A link the move leaves alone must reach the same note, fragment and all, in the same way: a link that named the
    /// note by its file name and would reach it only through its title after the move (`[[star_party_checklist]]` to a
    /// note renamed packing_for_the_dark.md, titled "Star party checklist") is rewritten, so it keeps naming the file.
    /// </summary>
    private static bool SameTarget(LinkResolution before, LinkResolution after, string expectedPath) =>
        after.Status == TargetStatus.Resolved && after.Target!.Path == expectedPath && after.Fragment == before.Fragment
        && after.Rank == before.Rank;

    /// <summary>The vault as it will be after the moves (notes keep their content; stem, and a title taken from the stem, follow the path).</summary>
    private static VaultSnapshot AfterMoves(VaultSnapshot snapshot, Dictionary<string, string> moved)
    {
        var result = snapshot;
        var movedNotes = new List<ParsedNote>();
        foreach (var (oldPath, newPath) in moved)
        {
            var note = snapshot.GetNote(oldPath)!;
            var stem = StemOf(newPath);
            movedNotes.Add(note with { Path = newPath, Stem = stem, Title = note.TitleSource == TitleSource.Stem ? stem : note.Title });
            result = result.WithoutNote(oldPath);
        }
        return result.WithNotes(movedNotes);
    }

    /// <summary>
    /// The shortest target in the link's own form that names the note after the move: its last segments (as many as the
    /// link wrote, more if that is ambiguous), root-anchored if it was, with the extension it was written with.
    /// </summary>
    private static string? WikiTargetFor(VaultSnapshot after, WikiLink link, string expectedPath)
    {
        var written = link.Target.Trim();
        var withoutExtension = VaultSnapshot.StripNoteExtension(written, after.NoteExtensions);
        var extension = written[withoutExtension.Length..].Trim();
        var rooted = withoutExtension.StartsWith('/');
        var writtenSegments = Math.Max(1, withoutExtension.Split('/', StringSplitOptions.RemoveEmptyEntries).Length);
        var segments = WithoutExtension(expectedPath).Split('/');
        for (var count = rooted ? segments.Length : Math.Min(writtenSegments, segments.Length); count <= segments.Length; count++)
        {
            var candidate = (rooted ? "/" : "") + string.Join('/', segments[^count..]);
            var (rank, candidates) = after.MatchTarget(candidate);
            if (rank is MatchRank.Stem or MatchRank.Path && candidates is [{ } only] && only.Path == expectedPath) return candidate + extension;
        }
        // A note at the vault root that shares its stem with another: only the root-anchored path tells them apart.
        var rootedPath = "/" + string.Join('/', segments);
        return after.MatchTarget(rootedPath) is (MatchRank.Path, [{ } rootNote]) && rootNote.Path == expectedPath ? rootedPath + extension : null;
    }

    private static string MarkdownPathFor(VaultSnapshot after, ParsedNote sourceAfter, MarkdownLink link, string expectedPath)
    {
        var relative = link.Path.StartsWith('/') ? "/" + expectedPath : RelativeLike(link, DirectoryOf(sourceAfter.Path), expectedPath);
        // A link written without extension ("[t](notes/plan)") stays without, when that still finds the note.
        if (VaultSnapshot.ExtensionOf(link.Path).Length == 0)
        {
            var bare = relative[..^VaultSnapshot.ExtensionOf(relative).Length];
            if (after.Resolve(sourceAfter, link with { Path = bare }).Target?.Path == expectedPath) relative = bare;
        }
        return WrittenLike(link, relative);
    }

    /// <summary>The relative path, with the "./" the link started with.</summary>
    private static string RelativeLike(MarkdownLink link, string fromDirectory, string toPath)
    {
        var relative = RelativePath(fromDirectory, toPath);
        return link.Path.StartsWith("./", StringComparison.Ordinal) && !relative.StartsWith("../", StringComparison.Ordinal) ? "./" + relative : relative;
    }

    /// <summary>
    /// Encoded as the link was: percent-encoded when it was (or when it must be), raw when the link wrote blanks as they
    /// are (the &lt;angle bracket&gt; form).
    /// </summary>
    internal static string WrittenLike(MarkdownLink link, string path)
    {
        var range = link.PathRange;
        var rawLength = range.Start.Line == range.End.Line ? range.End.Character - range.Start.Character : -1;
        var wroteBlanksRaw = rawLength == link.Path.Length && link.Path.Contains(' ');
        return wroteBlanksRaw ? path : NoteRename.EncodeLinkPath(path);
    }

    /// <summary>Old note path → new note path; a move of a folder moves every note under it.</summary>
    private static Dictionary<string, string> ExpandToNotes(VaultSnapshot snapshot, IReadOnlyList<NoteMove> moves)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var move in moves)
        {
            var oldPath = move.OldPath.TrimEnd('/');
            var newPath = move.NewPath.TrimEnd('/');
            if (oldPath == newPath) continue;
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

    private static string DirectoryOf(string path) => VaultPaths.DirectoryOf(path);

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
