using NoteLsp.Core.Index;
using NoteLsp.Core.Model;
using NoteLsp.Core.Names;
using NoteLsp.Core.Text;

namespace NoteLsp.Core.Features;

public sealed record TextReplacement(TextRange Range, string NewText);

public sealed record FileRename(string OldPath, string NewPath);

/// <summary>
/// Everything a rename changes. Text edits are keyed by the note's path before the rename and must be applied
/// before the file rename.
/// </summary>
public sealed record RenamePlan(FileRename? FileRename, IReadOnlyDictionary<string, IReadOnlyList<TextReplacement>> Edits)
{
    public int EditCount => Edits.Values.Sum(e => e.Count);
}

public sealed record PrepareRenameResult(TextRange Range, string Placeholder);

/// <summary>What a rename at a position binds to.</summary>
public enum RenameKind { File, Title, Alias, Heading, Block }

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
/// </remarks>
public static class NoteRename
{
    private static readonly char[] ForbiddenInNames = ['/', '\\', ':', '*', '?', '"', '<', '>', '|', '[', ']', '#', '^'];

    public static PrepareRenameResult Prepare(VaultSnapshot snapshot, ParsedNote note, TextPosition position)
    {
        var subject = SubjectAt(snapshot, note, position);
        return new PrepareRenameResult(subject.Range, subject.Placeholder);
    }

    /// <summary>What the rename at this position would rename (for clients that cannot rename files).</summary>
    public static RenameKind KindAt(VaultSnapshot snapshot, ParsedNote note, TextPosition position) =>
        SubjectAt(snapshot, note, position).Kind;

    public static RenamePlan Plan(VaultSnapshot snapshot, ParsedNote note, TextPosition position, string newName)
    {
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
            if (ReferenceSubject.OnBlockPart(wiki, position) || wiki.Target.Length == 0 && wiki.BlockId is { Length: > 0 })
            {
                if (resolution.Block is not { } block) throw new RenameException($"{target.Path} has no block ^{wiki.BlockId} to rename.");
                return new RenameSubject(RenameKind.Block, target, wiki.BlockIdRange!.Value, block.Id, Block: block);
            }
            var onHeading = wiki.HeadingRange is { } hr && hr.Contains(position) || wiki.Target.Length == 0;
            if (onHeading && resolution.Heading is { } heading)
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
            if (ReferenceSubject.OnBlockPart(markdown, position) || markdown.Path.Length == 0 && markdown.Fragment is { } f && f.StartsWith('^'))
            {
                if (resolution.Block is not { } block) throw new RenameException($"{target.Path} has no block {markdown.Fragment} to rename.");
                var fragment = markdown.FragmentRange!.Value;
                // The fragment's source is "^id": the id starts after the caret.
                return new RenameSubject(RenameKind.Block, target, fragment with { Start = fragment.Start with { Character = fragment.Start.Character + 1 } }, block.Id, Block: block);
            }
            var onFragment = markdown.FragmentRange is { } fr && fr.Contains(position) || markdown.Path.Length == 0;
            if (onFragment)
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

    private static FileRename? PlanFileRename(VaultSnapshot snapshot, ParsedNote target, string newName, EditCollector edits)
    {
        var extension = Path.GetExtension(target.Path);
        if (newName.EndsWith(extension, StringComparison.OrdinalIgnoreCase)) newName = newName[..^extension.Length].TrimEnd();
        ValidateName(newName, "file name");
        if (newName.StartsWith('.')) throw new RenameException($"\"{newName}\" starts with a dot: the note would be hidden from the vault.");
        var folder = target.Path.Contains('/') ? target.Path[..(target.Path.LastIndexOf('/') + 1)] : "";
        var newPath = folder + newName + extension;
        if (newPath == target.Path) return null;
        RejectCollision(snapshot, target, newName);
        if (snapshot.GetNote(newPath) is { } existing && existing.Path != target.Path)
        {
            throw new RenameException($"A note named {newPath} already exists.");
        }

        foreach (var (reference, resolution) in NoteReferences.Matching(snapshot, target, null))
        {
            if (reference.WikiLink is { } wiki)
            {
                // A link written with its extension ("[[name.md]]") keeps it.
                var writtenExtension = wiki.Target[VaultSnapshot.StripNoteExtension(wiki.Target, snapshot.NoteExtensions).Length..];
                if (resolution.Rank == MatchRank.Stem)
                {
                    edits.Add(reference.Source.Path, wiki.TargetRange, newName + writtenExtension);
                }
                else if (resolution.Rank == MatchRank.Path)
                {
                    edits.Add(reference.Source.Path, wiki.TargetRange, wiki.Target[..(wiki.Target.LastIndexOf('/') + 1)] + newName + writtenExtension);
                }
                // Links that match by title or alias keep working: the title and aliases do not change.
            }
            else if (reference.MarkdownLink is { } markdown && markdown.Path.Length > 0)
            {
                var directory = markdown.Path.Contains('/') ? markdown.Path[..(markdown.Path.LastIndexOf('/') + 1)] : "";
                // A link written without extension ("[t](notes/plan)") stays without.
                var linkExtension = VaultSnapshot.ExtensionOf(markdown.Path).Length == 0 ? "" : extension;
                edits.Add(reference.Source.Path, markdown.PathRange, NoteFileMoves.WrittenLike(markdown, directory + newName + linkExtension));
            }
        }
        return new FileRename(target.Path, newPath);
    }

    /// <param name="newName">the new title; for a title heading, the heading's new source (markup kept)</param>
    private static void PlanTitleRename(VaultSnapshot snapshot, ParsedNote target, string newName, EditCollector edits)
    {
        var newTitle = newName;
        if (target.TitleSource == TitleSource.Heading)
        {
            var heading = target.Headings.First(h => h.TextRange == target.TitleRange);
            newTitle = HeadingTextOf(newName, heading.Level);
            ValidateName(newTitle, "title");
            // The title heading's links and the links by title follow from its new text (FollowHeadingChanges).
            edits.Add(target.Path, heading.TextRange, newName);
            return;
        }
        ValidateName(newTitle, "title");
        RejectCollision(snapshot, target, newTitle);
        if (target.TitleSource == TitleSource.FrontMatter)
        {
            edits.Add(target.Path, target.TitleRange!.Value, YamlScalar(newTitle));
        }
        RewriteTitleLinks(snapshot, target, newTitle, edits);
    }

    private static void RewriteTitleLinks(VaultSnapshot snapshot, ParsedNote target, string newTitle, EditCollector edits)
    {
        foreach (var (reference, resolution) in NoteReferences.Matching(snapshot, target, null))
        {
            if (reference.WikiLink is { } wiki && resolution.Rank == MatchRank.Title)
            {
                edits.Add(reference.Source.Path, wiki.TargetRange, newTitle);
            }
        }
    }

    private static void PlanAliasRename(VaultSnapshot snapshot, ParsedNote target, FrontMatterValue alias, string newAlias, EditCollector edits)
    {
        ValidateName(newAlias, "alias");
        RejectCollision(snapshot, target, newAlias);
        edits.Add(target.Path, alias.Range, YamlScalar(newAlias));
        var oldKey = NoteNames.Key(alias.Value);
        foreach (var (reference, resolution) in NoteReferences.Matching(snapshot, target, null))
        {
            if (reference.WikiLink is { } wiki && resolution.Rank == MatchRank.Alias && MatchedKey(snapshot, wiki.Target) == oldKey)
            {
                edits.Add(reference.Source.Path, wiki.TargetRange, newAlias);
            }
        }
    }

    /// <param name="newSource">the heading's new source as the user wrote it (markup and links kept)</param>
    private static void PlanHeadingRename(VaultSnapshot snapshot, ParsedNote note, Heading heading, string newSource, EditCollector edits)
    {
        if (IsTitleHeading(note, heading))
        {
            PlanTitleRename(snapshot, note, newSource, edits);
            return;
        }
        ValidateName(HeadingTextOf(newSource, heading.Level), "heading");
        // Links to it follow from its new text (FollowHeadingChanges), like those of a heading changed by any other edit.
        edits.Add(note.Path, heading.TextRange, newSource);
    }

    private static void PlanBlockRename(VaultSnapshot snapshot, ParsedNote note, BlockId block, string newId, EditCollector edits)
    {
        newId = newId.TrimStart('^').Trim();
        if (!IsBlockId(newId))
        {
            throw new RenameException($"\"{newId}\" is not a block id: use ASCII letters, digits and '-', starting with a letter or digit.");
        }
        if (note.BlockIds.Any(b => b != block && string.Equals(b.Id, newId, StringComparison.OrdinalIgnoreCase)))
        {
            throw new RenameException($"{note.Path} already has a block ^{newId}.");
        }
        edits.Add(note.Path, block.Range, "^" + newId);
        foreach (var (reference, _) in NoteReferences.MatchingBlock(snapshot, note, block))
        {
            if (reference.WikiLink is { BlockIdRange: { } idRange }) edits.Add(reference.Source.Path, idRange, newId);
            else if (reference.MarkdownLink is { FragmentRange: { } fragmentRange }) edits.Add(reference.Source.Path, fragmentRange, "^" + newId);
        }
    }

    private static bool IsBlockId(string id) =>
        id.Length > 0 && char.IsAsciiLetterOrDigit(id[0]) && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    /// <summary>
    /// The text a heading written as <paramref name="source"/> reads as (what links match): the parser's reading of the
    /// heading line. Refuses a source that would not stay one heading of that level with that exact source.
    /// </summary>
    internal static string HeadingTextOf(string source, int level)
    {
        if (source.Length == 0) throw new RenameException("The new heading is empty.");
        if (source.Any(char.IsControl)) throw new RenameException("The new heading contains a line break or control character.");
        var parsed = Parsing.NoteParser.Parse("heading.md", new string('#', level) + " " + source + "\n");
        if (parsed.Headings is not [{ } heading] || heading.Level != level || heading.RawText != source)
        {
            throw new RenameException($"\"{source}\" does not read back as the same heading (Markdown would drop or change part of it).");
        }
        return heading.Text;
    }

    /// <summary>
    /// Headings whose source an edit of the plan changes (a heading renamed, or a link inside it rewritten) get new
    /// text, so every link to them must follow: by text for wikilinks written by text, by anchor otherwise. When the
    /// heading is the note's title, links by title follow too.
    /// </summary>
    /// <param name="strict">refuse (RenameException) a change that would make links ambiguous; otherwise leave those links alone</param>
    internal static void FollowHeadingChanges(VaultSnapshot snapshot, EditCollector edits, bool strict)
    {
        foreach (var path in edits.Paths.ToList())
        {
            if (snapshot.GetNote(path) is not { Headings.Length: > 0 } note) continue;
            var inFile = edits.For(path).OrderBy(e => e.Range.Start).ToList();
            string[]? newTexts = null;
            var next = 0;
            foreach (var (heading, index) in note.Headings.Select((h, i) => (h, i)))
            {
                while (next < inFile.Count && inFile[next].Range.Start < heading.TextRange.Start) next++;
                var inside = new List<TextReplacement>();
                for (var k = next; k < inFile.Count && inFile[k].Range.End <= heading.TextRange.End; k++)
                {
                    if (inFile[k].Range.Start >= heading.TextRange.Start) inside.Add(inFile[k]);
                }
                if (inside.Count == 0) continue;
                string newText;
                try
                {
                    newText = HeadingTextOf(ApplyInside(heading.RawText, heading.TextRange.Start, EditCollector.WithoutNested(inside)).ReplaceLineEndings(" "), heading.Level);
                }
                catch (RenameException) when (!strict)
                {
                    continue;
                }
                if (newText == heading.Text) continue;
                newTexts ??= note.Headings.Select(h => h.Text).ToArray();
                newTexts[index] = newText;
            }
            if (newTexts is null) continue;
            try
            {
                RewriteHeadingLinks(snapshot, note, newTexts, edits);
            }
            catch (RenameException) when (!strict)
            {
                // A move cannot be refused: the links that would become ambiguous are left for the user.
            }
        }
    }

    /// <summary>The heading's source with the edits (positions in the note) applied.</summary>
    private static string ApplyInside(string source, TextPosition start, IReadOnlyList<TextReplacement> edits)
    {
        var map = LineMap.Build(source);
        int Offset(TextPosition p) => map.OffsetAt(source, p.Line == start.Line
            ? new TextPosition(0, p.Character - start.Character)
            : new TextPosition(p.Line - start.Line, p.Character));
        var result = source;
        foreach (var edit in edits.OrderByDescending(e => e.Range.Start))
        {
            var from = Offset(edit.Range.Start);
            var to = Offset(edit.Range.End);
            result = string.Concat(result.AsSpan(0, from), edit.NewText, result.AsSpan(to));
        }
        return result;
    }

    /// <summary>Rewrites the links to the note's headings whose text or anchor (duplicate suffixes shift) changes.</summary>
    private static void RewriteHeadingLinks(VaultSnapshot snapshot, ParsedNote note, string[] newTexts, EditCollector edits)
    {
        var newAnchors = NoteNames.UniqueAnchors(newTexts);
        var newKeys = newTexts.Select(NoteNames.Key).ToArray();
        for (var i = 0; i < note.Headings.Length; i++)
        {
            var heading = note.Headings[i];
            var textChanged = newKeys[i] != heading.Key;
            var anchorChanged = newAnchors[i] != heading.Anchor;
            if (!textChanged && !anchorChanged) continue;
            if (textChanged && newKeys[i].Length > 0 && (Array.IndexOf(newKeys, newKeys[i]) != i || Array.LastIndexOf(newKeys, newKeys[i]) != i))
            {
                throw new RenameException($"{note.Path} already has a heading \"{newTexts[i]}\": links to the two could not tell them apart.");
            }
            // A text that cannot sit inside [[T#H]] ("C# | notes") is written as the anchor, which wikilinks also match.
            var wikiText = newTexts[i].IndexOfAny(['|', '#', '^', '[', ']']) < 0 && newKeys[i].Length > 0 ? newTexts[i] : newAnchors[i];
            foreach (var (reference, _) in NoteReferences.Matching(snapshot, note, heading))
            {
                if (reference.WikiLink is { HeadingRange: { } headingRange, Heading: { } linkHeading })
                {
                    // Keep the link's style: a link written as an anchor stays an anchor.
                    if (WrittenAsAnchor(linkHeading, heading)) { if (anchorChanged) edits.Add(reference.Source.Path, headingRange, newAnchors[i]); }
                    else if (textChanged) edits.Add(reference.Source.Path, headingRange, wikiText);
                }
                else if (reference.MarkdownLink is { FragmentRange: { } fragmentRange, Fragment: { } fragment })
                {
                    var byAnchor = string.Equals(fragment.Trim(), heading.Anchor, StringComparison.OrdinalIgnoreCase);
                    if (byAnchor ? anchorChanged : textChanged) edits.Add(reference.Source.Path, fragmentRange, newAnchors[i]);
                }
            }
            if (textChanged && IsTitleHeading(note, heading))
            {
                RejectCollision(snapshot, note, newTexts[i]);
                RewriteTitleLinks(snapshot, note, newTexts[i], edits);
            }
        }
    }

    /// <summary>"setup-steps" for "Setup Steps" is an anchor; "intro" for "Intro" reads as the text (wikilinks' usual style).</summary>
    private static bool WrittenAsAnchor(string linkHeading, Heading heading) =>
        linkHeading.Equals(heading.Anchor, StringComparison.OrdinalIgnoreCase)
        && !linkHeading.Equals(heading.Text, StringComparison.OrdinalIgnoreCase);

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

    /// <summary>A YAML plain scalar when safe, else a double-quoted one.</summary>
    internal static string YamlScalar(string value)
    {
        // Plain only when YAML reads it back as the same string everywhere (block value or flow list item):
        // letters, digits, inner spaces and a few harmless marks, not a word YAML would read as null, bool or number.
        var plainIsSafe = value.Length > 0
            && char.IsLetter(value[0])
            && value == value.Trim()
            && value.All(c => char.IsLetterOrDigit(c) || c is ' ' or '_' or '-' or '.' or '(' or ')' or '\'' or '/')
            && !ReservedPlainWords.Contains(value);
        return plainIsSafe ? value : "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
    }

    private static readonly HashSet<string> ReservedPlainWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "null", "true", "false", "yes", "no", "on", "off", "y", "n", ".inf", ".nan",
    };

    /// <summary>The key a wikilink target was matched by (a trailing note extension is not part of the name).</summary>
    private static string MatchedKey(VaultSnapshot snapshot, string target) =>
        NoteNames.Key(VaultSnapshot.StripNoteExtension(target.Trim(), snapshot.NoteExtensions));

    /// <summary>Percent-encodes what would break a Markdown link destination (spaces, parentheses, %, #, angle brackets).</summary>
    internal static string EncodeLinkPath(string path)
    {
        var sb = new System.Text.StringBuilder(path.Length);
        foreach (var c in path)
        {
            sb.Append(c switch
            {
                ' ' => "%20",
                '(' => "%28",
                ')' => "%29",
                '%' => "%25",
                '#' => "%23",
                '<' => "%3C",
                '>' => "%3E",
                _ => c.ToString(),
            });
        }
        return sb.ToString();
    }

    /// <summary>Edits by note path; one edit per range, and an edit inside another one's range is dropped (the outer one rewrites it).</summary>
    internal sealed class EditCollector
    {
        private readonly Dictionary<string, List<TextReplacement>> _edits = new(StringComparer.Ordinal);
        // A set, not a scan of the list: renaming a note linked 300,000 times from one note stays linear.
        private readonly HashSet<(string, TextRange)> _seen = [];

        public IEnumerable<string> Paths => _edits.Keys;

        public IReadOnlyList<TextReplacement> For(string path) => _edits.TryGetValue(path, out var list) ? list : [];

        public void Add(string path, TextRange range, string newText)
        {
            if (!_seen.Add((path, range))) return;
            if (!_edits.TryGetValue(path, out var list)) _edits[path] = list = [];
            list.Add(new TextReplacement(range, newText));
        }

        public IReadOnlyDictionary<string, IReadOnlyList<TextReplacement>> ToDictionary() =>
            _edits.Where(kv => kv.Value.Count > 0).ToDictionary(kv => kv.Key, kv => WithoutNested(kv.Value), StringComparer.Ordinal);

        public static IReadOnlyList<TextReplacement> WithoutNested(List<TextReplacement> edits)
        {
            var sorted = edits.OrderBy(e => e.Range.Start).ThenByDescending(e => e.Range.End).ToList();
            var result = new List<TextReplacement>(sorted.Count);
            foreach (var edit in sorted)
            {
                if (result.Count > 0 && edit.Range.Start < result[^1].Range.End) continue;
                result.Add(edit);
            }
            return result;
        }
    }
}
