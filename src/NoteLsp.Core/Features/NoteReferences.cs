using NoteLsp.Core.Index;
using NoteLsp.Core.Model;
using NoteLsp.Core.Text;

namespace NoteLsp.Core.Features;

public sealed record ReferenceLocation(string Path, TextRange Range);

/// <summary>Backlinks: every link in the vault that resolves to a note, to one of its headings or to one of its blocks.</summary>
public static class NoteReferences
{
    /// <summary>
    /// On a link: the links to its target (to the heading when the link names one). On the title or the title heading:
    /// the links to this note. On another heading: the links to that heading. On a block id (the "^id" of a link or the
    /// marker at the end of a paragraph): the links to that block. Elsewhere: none.
    /// </summary>
    public static IReadOnlyList<ReferenceLocation> Find(VaultSnapshot snapshot, ParsedNote note, TextPosition position, bool includeDeclaration)
    {
        if (NoteFootnotes.At(note, position) is { } footnote)
        {
            return NoteFootnotes.Occurrences(note, footnote, includeDeclaration).Select(f => new ReferenceLocation(note.Path, f.Range)).ToList();
        }
        if (NoteTags.At(note, position) is { } tag) return NoteTags.References(snapshot, tag);
        if (VideoReferences.Find(snapshot, note, position, includeDeclaration) is { } moments) return moments;
        if (ReferenceSubject.At(snapshot, note, position) is not { } subject) return UnwrittenNotes.ReferencesAt(snapshot, note, position) ?? [];
        if (subject.Block is { } block) return ToBlock(snapshot, subject.Note, block, includeDeclaration);
        return ToNote(snapshot, subject.Note, subject.Heading, includeDeclaration);
    }

    /// <summary>The links to one block of a note (its "^id" marker first when the declaration is asked for).</summary>
    public static IReadOnlyList<ReferenceLocation> ToBlock(VaultSnapshot snapshot, ParsedNote target, BlockId block, bool includeDeclaration)
    {
        var result = new List<ReferenceLocation>();
        if (includeDeclaration) result.Add(new ReferenceLocation(target.Path, block.Range));
        foreach (var (reference, _) in MatchingBlock(snapshot, target, block))
        {
            result.Add(new ReferenceLocation(reference.Source.Path, reference.WikiLink?.Range ?? reference.MarkdownLink!.Range));
        }
        return result;
    }

    /// <summary>Links that resolve to this block of the target.</summary>
    internal static IEnumerable<(LinkReference Reference, LinkResolution Resolution)> MatchingBlock(VaultSnapshot snapshot, ParsedNote target, BlockId block)
    {
        foreach (var (reference, resolution) in snapshot.ResolvedLinksTo(target.Path))
        {
            if (resolution.Block is { } found && found.Range == block.Range) yield return (reference, resolution);
        }
    }

    /// <summary>The links to a note (heading null) or to one heading of it, in path then position order.</summary>
    public static IReadOnlyList<ReferenceLocation> ToNote(VaultSnapshot snapshot, ParsedNote target, Heading? heading, bool includeDeclaration) =>
        ToNote(target, heading, includeDeclaration, snapshot.ResolvedLinksTo(target.Path));

    /// <summary><see cref="ToNote(VaultSnapshot, ParsedNote, Heading?, bool)"/> over the links to the target found already (<see cref="VaultSnapshot.ResolvedLinksTo"/>).</summary>
    internal static IReadOnlyList<ReferenceLocation> ToNote(ParsedNote target, Heading? heading, bool includeDeclaration, IReadOnlyList<(LinkReference Reference, LinkResolution Resolution)> linksToTarget)
    {
        var result = new List<ReferenceLocation>();
        if (includeDeclaration)
        {
            var declaration = heading?.TextRange ?? target.TitleRange ?? new TextRange(0, 0, 0, 0);
            result.Add(new ReferenceLocation(target.Path, declaration));
        }
        foreach (var reference in Matching(linksToTarget, heading))
        {
            result.Add(new ReferenceLocation(reference.Reference.Source.Path, reference.Reference.WikiLink?.Range ?? reference.Reference.MarkdownLink!.Range));
        }
        return result;
    }

    /// <summary>Links that resolve to the target (and to the heading, when given), with their resolution.</summary>
    internal static IEnumerable<(LinkReference Reference, LinkResolution Resolution)> Matching(VaultSnapshot snapshot, ParsedNote target, Heading? heading) =>
        Matching(snapshot.ResolvedLinksTo(target.Path), heading);

    private static IEnumerable<(LinkReference Reference, LinkResolution Resolution)> Matching(IEnumerable<(LinkReference Reference, LinkResolution Resolution)> linksToTarget, Heading? heading)
    {
        foreach (var (reference, resolution) in linksToTarget)
        {
            // "[[#H]]" points into its own note: a reference to that heading, not a backlink to the note.
            if (heading is null && resolution.Rank == MatchRank.Self) continue;
            if (heading is not null && !SameHeading(resolution.Heading, heading)) continue;
            yield return (reference, resolution);
        }
    }

    private static bool SameHeading(Heading? a, Heading b) => a is not null && a.Anchor == b.Anchor && a.Range == b.Range;
}

/// <summary>The note (and heading) a references or rename request is about.</summary>
internal sealed record ReferenceSubject(ParsedNote Note, Heading? Heading, LinkResolution? Resolution, WikiLink? WikiLink, MarkdownLink? MarkdownLink, bool OnHeadingPart, BlockId? Block = null)
{
    public static ReferenceSubject? At(VaultSnapshot snapshot, ParsedNote note, TextPosition position)
    {
        var element = NoteElementAt.Find(note, position);
        if (element is null) return null;
        if (element.WikiLink is { } wiki)
        {
            var resolution = snapshot.Resolve(note, wiki);
            if (resolution.Target is not { } target) return null;
            if (element.Part == LinkPart.Block)
            {
                return resolution.Block is { } block ? new ReferenceSubject(target, null, resolution, wiki, null, false, block) : null;
            }
            // On "H" of [[T#H]] (or anywhere in [[#H]]) the subject is the heading; on "T" it is the note.
            var heading = element.Part == LinkPart.Heading ? resolution.Heading : null;
            return new ReferenceSubject(target, heading, resolution, wiki, null, heading is not null);
        }
        if (element.MarkdownLink is { } markdown)
        {
            var resolution = snapshot.Resolve(note, markdown);
            if (resolution.Target is not { } target) return null;
            if (element.Part == LinkPart.Block)
            {
                return resolution.Block is { } block ? new ReferenceSubject(target, null, resolution, null, markdown, false, block) : null;
            }
            var heading = element.Part == LinkPart.Heading ? resolution.Heading : null;
            return new ReferenceSubject(target, heading, resolution, null, markdown, heading is not null);
        }
        if (element.BlockId is { } marker) return new ReferenceSubject(note, null, null, null, null, false, marker);
        if (element.IsTitle) return new ReferenceSubject(note, null, null, null, null, false);
        if (element.Heading is { } h) return new ReferenceSubject(note, h, null, null, null, true);
        return null;
    }
}
