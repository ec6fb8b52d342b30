using NoteLsp.Core.Index;
using NoteLsp.Core.Model;
using NoteLsp.Core.Names;
using NoteLsp.Core.Text;

namespace NoteLsp.Core.Features;

public sealed record TextReplacement(TextRange Range, string NewText);

public sealed record FileRename(string OldPath, string NewPath);

/// <summary>
/// Everything a rename changes. Text edits are keyed by the note's path before the rename, in ordinal order of the
/// paths, and must be applied before the file rename.
/// </summary>
public sealed record RenamePlan(FileRename? FileRename, IReadOnlyDictionary<string, IReadOnlyList<TextReplacement>> Edits)
{
    public int EditCount => Edits.Values.Sum(e => e.Count);
}

public sealed record PrepareRenameResult(TextRange Range, string Placeholder);

/// <summary>What a rename at a position binds to.</summary>
public enum RenameKind { File, Title, Alias, Heading, Block, Footnote, Tag }

/// <summary>A rename that cannot be done, with a message for the user.</summary>
public sealed class RenameException(string message) : Exception(message);

/// <summary>
/// Rename what a link binds to: a link that matches by stem (or path) renames the file, by title the title, by alias
/// the alias; on a heading (or the heading part of a link) the heading; on a block id ("^id" of a link or the marker at
/// the end of a paragraph) the block id. Every link to it is rewritten, labels kept, and so is every link to a heading
/// whose text the rename changes (a heading that holds a link to the renamed note).
/// </summary>
/// <remarks>
/// A heading is renamed by its source as written: the placeholder is <c>**Bold** heading</c>, not <c>Bold heading</c>,
/// and the new name replaces that source. A note-taker sees and keeps their emphasis, code spans and links (a link
/// inside a heading is a backlink; renaming the heading must not silently drop it), and can remove markup by typing
/// it away. Links to the heading need its text, not its source: wikilinks get the new heading's plain text (markup
/// stripped, as the parser reads it) and Markdown links its GitHub anchor.
/// <para>The parts: this file finds what a position renames and checks new names; NoteRename.Plans.cs plans each kind
/// (file, title, alias, heading, block); NoteRename.Headings.cs makes links follow headings whose text changes;
/// NoteRename.Edits.cs collects the edits and writes YAML scalars and link paths.</para>
/// </remarks>
public static partial class NoteRename
{
    private static readonly char[] ForbiddenInNames = ['/', '\\', ':', '*', '?', '"', '<', '>', '|', '[', ']', '#', '^'];

    public static PrepareRenameResult Prepare(VaultSnapshot snapshot, ParsedNote note, TextPosition position)
    {
        if (NoteFootnotes.At(note, position) is { } footnote) return new PrepareRenameResult(footnote.LabelRange, footnote.Label);
        if (NoteTags.At(note, position) is { } tag) return NoteTags.PrepareRename(tag);
        var subject = SubjectAt(snapshot, note, position);
        return new PrepareRenameResult(subject.Range, subject.Placeholder);
    }

    /// <summary>What the rename at this position would rename (for clients that cannot rename files).</summary>
    public static RenameKind KindAt(VaultSnapshot snapshot, ParsedNote note, TextPosition position) =>
        NoteFootnotes.At(note, position) is not null ? RenameKind.Footnote
        : NoteTags.At(note, position) is not null ? RenameKind.Tag
        : SubjectAt(snapshot, note, position).Kind;

    public static RenamePlan Plan(VaultSnapshot snapshot, ParsedNote note, TextPosition position, string newName)
    {
        if (NoteFootnotes.At(note, position) is { } footnote) return NoteFootnotes.Rename(note, footnote, newName);
        if (NoteTags.At(note, position) is { } tag) return NoteTags.Rename(snapshot, tag, newName);
        var subject = SubjectAt(snapshot, note, position);
        newName = newName.Trim();
        var edits = new EditCollector();
        FileRename? fileRename = null;
        switch (subject.Kind)
        {
            case RenameKind.File:
                fileRename = PlanFileRename(snapshot, subject.Note, newName, edits);
                break;
            case RenameKind.Title:
                PlanTitleRename(snapshot, subject.Note, newName, edits);
                break;
            case RenameKind.Alias:
                PlanAliasRename(snapshot, subject.Note, subject.Alias!, newName, edits);
                break;
            case RenameKind.Heading:
                PlanHeadingRename(snapshot, subject.Note, subject.Heading!, newName, edits);
                break;
            case RenameKind.Block:
                PlanBlockRename(snapshot, subject.Note, subject.Block!, newName, edits);
                break;
        }
        FollowHeadingChanges(snapshot, edits, strict: true);
        return new RenamePlan(fileRename, edits.ToDictionary());
    }

    private sealed record RenameSubject(RenameKind Kind, ParsedNote Note, TextRange Range, string Placeholder, Heading? Heading = null, FrontMatterValue? Alias = null, BlockId? Block = null);

    private static RenameSubject SubjectAt(VaultSnapshot snapshot, ParsedNote note, TextPosition position)
    {
        var element = NoteElementAt.Find(note, position)
            ?? throw new RenameException("Nothing to rename here: put the cursor on a link, a heading, a block id or the note's title.");

        if (element.WikiLink is { } wiki)
        {
            var resolution = snapshot.Resolve(note, wiki);
            var target = RequireTarget(resolution, wiki.Target);
            if (element.Part == LinkPart.Block)
            {
                if (resolution.Block is not { } block) throw new RenameException($"{target.Path} has no block ^{wiki.BlockId} to rename.");
                return new RenameSubject(RenameKind.Block, target, wiki.BlockIdRange!.Value, block.Id, Block: block);
            }
            if (element.Part == LinkPart.Heading && resolution.Heading is { } heading)
            {
                var kind = IsTitleHeading(target, heading) ? RenameKind.Title : RenameKind.Heading;
                return new RenameSubject(kind, target, wiki.HeadingRange!.Value, heading.RawText, heading);
            }
            if (wiki.Target.Length == 0)
            {
                throw new RenameException("Only the heading of this link can be renamed, and the heading does not exist.");
            }
            return resolution.Rank switch
            {
                MatchRank.Stem => new RenameSubject(RenameKind.File, target, wiki.TargetRange, wiki.Target),
                MatchRank.Path => new RenameSubject(RenameKind.File, target, LastSegmentRange(wiki), LastSegment(wiki.Target)),
                MatchRank.Title => TitleSubject(target, wiki.TargetRange, wiki.Target),
                MatchRank.Alias => new RenameSubject(RenameKind.Alias, target, wiki.TargetRange, wiki.Target,
                    Alias: target.Aliases.First(a => NoteNames.Key(a.Value) == MatchedKey(snapshot, wiki.Target))),
                _ => throw new RenameException($"\"{wiki.Target}\" cannot be renamed from here."),
            };
        }
        if (element.MarkdownLink is { } markdown)
        {
            var resolution = snapshot.Resolve(note, markdown);
            var target = RequireTarget(resolution, markdown.Path);
            if (element.Part == LinkPart.Block)
            {
                if (resolution.Block is not { } block) throw new RenameException($"{target.Path} has no block {markdown.Fragment} to rename.");
                var fragment = markdown.FragmentRange!.Value;
                // The fragment's source is "^id": the id starts after the caret.
                return new RenameSubject(RenameKind.Block, target, fragment with { Start = fragment.Start with { Character = fragment.Start.Character + 1 } }, block.Id, Block: block);
            }
            if (element.Part == LinkPart.Heading)
            {
                if (resolution.Heading is not { } heading) throw new RenameException($"No heading \"{markdown.Fragment}\" to rename.");
                var kind = IsTitleHeading(target, heading) ? RenameKind.Title : RenameKind.Heading;
                return new RenameSubject(kind, target, markdown.FragmentRange!.Value, heading.RawText, heading);
            }
            return new RenameSubject(RenameKind.File, target, markdown.PathRange, target.Stem);
        }
        if (element.BlockId is { } marker)
        {
            var idRange = marker.Range with { Start = marker.Range.Start with { Character = marker.Range.Start.Character + 1 } };
            return new RenameSubject(RenameKind.Block, note, idRange, marker.Id, Block: marker);
        }
        if (element.IsTitle)
        {
            var placeholder = element.Heading?.RawText ?? note.Title;
            return TitleSubject(note, note.TitleRange!.Value, placeholder);
        }
        if (element.Heading is { } h)
        {
            return new RenameSubject(RenameKind.Heading, note, h.TextRange, h.RawText, h);
        }
        throw new RenameException("Nothing to rename here: put the cursor on a link, a heading, a block id or the note's title.");
    }

    private static bool IsTitleHeading(ParsedNote note, Heading heading) =>
        note.TitleSource == TitleSource.Heading && note.TitleRange == heading.TextRange;

    private static RenameSubject TitleSubject(ParsedNote target, TextRange range, string placeholder)
    {
        if (target.TitleSource == TitleSource.Heading)
        {
            // A title heading is renamed by its source, from a link by title too (its markup and links stay).
            var heading = target.Headings.First(h => h.TextRange == target.TitleRange);
            return new RenameSubject(RenameKind.Title, target, range, heading.RawText, heading);
        }
        return new RenameSubject(RenameKind.Title, target, range, placeholder);
    }

    private static ParsedNote RequireTarget(LinkResolution resolution, string target) => resolution.Status switch
    {
        TargetStatus.Resolved => resolution.Target!,
        TargetStatus.Ambiguous => throw new RenameException(
            $"\"{target}\" matches {resolution.Candidates.Length} notes ({string.Join(", ", resolution.Candidates.Select(c => c.Path))}); make the link point to one of them first."),
        TargetStatus.Empty => throw new RenameException("This link is empty: there is nothing to rename."),
        _ => throw new RenameException($"No note named \"{target}\": there is nothing to rename."),
    };

    private static void ValidateName(string name, string what)
    {
        if (name.Length == 0) throw new RenameException($"The new {what} is empty.");
        if (name.Any(char.IsControl)) throw new RenameException($"The new {what} contains a line break or control character.");
        var bad = ForbiddenInNames.Where(name.Contains).ToList();
        if (what == "file name" && bad.Count > 0 || bad.Any(c => c is '[' or ']' or '|' or '#' or '^'))
        {
            throw new RenameException($"The new {what} \"{name}\" contains {string.Join(" ", bad.Select(c => $"'{c}'"))}, which cannot be used in a linked name.");
        }
        if (name is "." or ".." || NoteNames.Key(name).Length == 0)
        {
            throw new RenameException($"\"{name}\" is not a usable {what}: it needs at least one letter or digit.");
        }
    }

    /// <summary>Refuse a name another note already answers to: links to that note would change target.</summary>
    private static void RejectCollision(VaultSnapshot snapshot, ParsedNote target, string newName)
    {
        var clash = snapshot.NotesWithKey(NoteNames.Key(newName)).FirstOrDefault(n => n.Path != target.Path);
        if (clash is not null)
        {
            throw new RenameException($"\"{newName}\" is already the name of {clash.Path}; links would become ambiguous or change target.");
        }
    }

    private static string LastSegment(string target) => target[(target.LastIndexOf('/') + 1)..].Trim();

    private static TextRange LastSegmentRange(WikiLink link)
    {
        // The target sits on one line, so the last segment's start is an offset from the target's start.
        var lastSlash = link.Target.LastIndexOf('/');
        var segmentStart = lastSlash + 1;
        while (segmentStart < link.Target.Length && link.Target[segmentStart] == ' ') segmentStart++;
        var start = link.TargetRange.Start with { Character = link.TargetRange.Start.Character + segmentStart };
        return new TextRange(start, link.TargetRange.End);
    }

    /// <summary>The key a wikilink target was matched by (a trailing note extension is not part of the name).</summary>
    private static string MatchedKey(VaultSnapshot snapshot, string target) =>
        NoteNames.Key(VaultSnapshot.StripNoteExtension(target.Trim(), snapshot.NoteExtensions));
}
