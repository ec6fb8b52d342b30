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
public enum RenameKind { File, Title, Alias, Heading }

/// <summary>A rename that cannot be done, with a message for the user.</summary>
public sealed class RenameException(string message) : Exception(message);

/// <summary>
/// Rename what a link binds to: a link that matches by stem (or path) renames the file, by title the title, by alias
/// the alias; on a heading (or the heading part of a link) the heading. Every link to it is rewritten, labels kept.
/// </summary>
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
        switch (subject.Kind)
        {
            case RenameKind.File:
                return PlanFileRename(snapshot, subject.Note, newName, edits);
            case RenameKind.Title:
                PlanTitleRename(snapshot, subject.Note, newName, edits);
                break;
            case RenameKind.Alias:
                PlanAliasRename(snapshot, subject.Note, subject.Alias!, newName, edits);
                break;
            case RenameKind.Heading:
                PlanHeadingRename(snapshot, subject.Note, subject.Heading!, newName, edits);
                break;
        }
        return new RenamePlan(null, edits.ToDictionary());
    }

    private sealed record RenameSubject(RenameKind Kind, ParsedNote Note, TextRange Range, string Placeholder, Heading? Heading = null, FrontMatterValue? Alias = null);

    private static RenameSubject SubjectAt(VaultSnapshot snapshot, ParsedNote note, TextPosition position)
    {
        var element = NoteElementAt.Find(note, position)
            ?? throw new RenameException("Nothing to rename here: put the cursor on a link, a heading or the note's title.");

        if (element.WikiLink is { } wiki)
        {
            var resolution = snapshot.Resolve(note, wiki);
            var target = RequireTarget(resolution, wiki.Target);
            var onHeading = wiki.HeadingRange is { } hr && hr.Contains(position) || wiki.Target.Length == 0;
            if (onHeading && resolution.Heading is { } heading)
            {
                return new RenameSubject(RenameKind.Heading, target, wiki.HeadingRange!.Value, heading.Text, heading);
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
            var onFragment = markdown.FragmentRange is { } fr && fr.Contains(position) || markdown.Path.Length == 0;
            if (onFragment)
            {
                if (resolution.Heading is not { } heading) throw new RenameException($"No heading \"{markdown.Fragment}\" to rename.");
                return new RenameSubject(RenameKind.Heading, target, markdown.FragmentRange!.Value, heading.Text, heading);
            }
            return new RenameSubject(RenameKind.File, target, markdown.PathRange, target.Stem);
        }
        if (element.IsTitle)
        {
            return TitleSubject(note, note.TitleRange!.Value, note.Title);
        }
        if (element.Heading is { } h)
        {
            return new RenameSubject(RenameKind.Heading, note, h.TextRange, h.Text, h);
        }
        throw new RenameException("Nothing to rename here: put the cursor on a link, a heading or the note's title.");
    }

    private static RenameSubject TitleSubject(ParsedNote target, TextRange range, string placeholder)
    {
        if (target.TitleSource == TitleSource.Heading)
        {
            var heading = target.Headings.First(h => h.TextRange == target.TitleRange);
            return new RenameSubject(RenameKind.Title, target, range, placeholder, heading);
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

    private static RenamePlan PlanFileRename(VaultSnapshot snapshot, ParsedNote target, string newName, EditCollector edits)
    {
        var extension = Path.GetExtension(target.Path);
        if (newName.EndsWith(extension, StringComparison.OrdinalIgnoreCase)) newName = newName[..^extension.Length].TrimEnd();
        ValidateName(newName, "file name");
        if (newName.StartsWith('.')) throw new RenameException($"\"{newName}\" starts with a dot: the note would be hidden from the vault.");
        var folder = target.Path.Contains('/') ? target.Path[..(target.Path.LastIndexOf('/') + 1)] : "";
        var newPath = folder + newName + extension;
        if (newPath == target.Path) return new RenamePlan(null, new Dictionary<string, IReadOnlyList<TextReplacement>>());
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
                edits.Add(reference.Source.Path, markdown.PathRange, EncodeLinkPath(directory + newName + linkExtension));
            }
        }
        return new RenamePlan(new FileRename(target.Path, newPath), edits.ToDictionary());
    }

    private static void PlanTitleRename(VaultSnapshot snapshot, ParsedNote target, string newTitle, EditCollector edits)
    {
        ValidateName(newTitle, "title");
        RejectCollision(snapshot, target, newTitle);
        if (target.TitleSource == TitleSource.FrontMatter)
        {
            edits.Add(target.Path, target.TitleRange!.Value, YamlScalar(newTitle));
        }
        else if (target.TitleSource == TitleSource.Heading)
        {
            var heading = target.Headings.First(h => h.TextRange == target.TitleRange);
            PlanHeadingEdits(snapshot, target, heading, newTitle, edits);
        }
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

    private static void PlanHeadingRename(VaultSnapshot snapshot, ParsedNote note, Heading heading, string newText, EditCollector edits)
    {
        ValidateName(newText, "heading");
        var isTitle = note.TitleSource == TitleSource.Heading && note.TitleRange == heading.TextRange;
        if (isTitle)
        {
            PlanTitleRename(snapshot, note, newText, edits);
            return;
        }
        PlanHeadingEdits(snapshot, note, heading, newText, edits);
    }

    /// <summary>The heading's own text and every link to it (by text or by anchor).</summary>
    private static void PlanHeadingEdits(VaultSnapshot snapshot, ParsedNote note, Heading heading, string newText, EditCollector edits)
    {
        var newKey = NoteNames.Key(newText);
        if (note.Headings.Any(h => h != heading && h.Key == newKey && newKey.Length > 0))
        {
            throw new RenameException($"{note.Path} already has a heading \"{newText}\".");
        }
        var anchors = NoteNames.UniqueAnchors(note.Headings.Select(h => h == heading ? newText : h.Text));
        var newAnchor = anchors[note.Headings.IndexOf(heading)];
        edits.Add(note.Path, heading.TextRange, newText);
        // Duplicate headings are told apart by suffixes ("notes", "notes-1"): renaming one can shift another's anchor.
        for (var i = 0; i < note.Headings.Length; i++)
        {
            var other = note.Headings[i];
            if (other == heading || other.Anchor == anchors[i]) continue;
            foreach (var (reference, _) in NoteReferences.Matching(snapshot, note, other))
            {
                if (reference.WikiLink is { HeadingRange: { } headingRange, Heading: { } linkHeading } && WrittenAsAnchor(linkHeading, other))
                {
                    edits.Add(reference.Source.Path, headingRange, anchors[i]);
                }
                else if (reference.MarkdownLink is { FragmentRange: { } fragmentRange })
                {
                    edits.Add(reference.Source.Path, fragmentRange, anchors[i]);
                }
            }
        }
        foreach (var (reference, _) in NoteReferences.Matching(snapshot, note, heading))
        {
            if (reference.WikiLink is { HeadingRange: { } headingRange, Heading: { } linkHeading })
            {
                // Keep the link's style: a link written as an anchor stays an anchor.
                edits.Add(reference.Source.Path, headingRange, WrittenAsAnchor(linkHeading, heading) ? newAnchor : newText);
            }
            else if (reference.MarkdownLink is { FragmentRange: { } fragmentRange })
            {
                edits.Add(reference.Source.Path, fragmentRange, newAnchor);
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

    private sealed class EditCollector
    {
        private readonly Dictionary<string, List<TextReplacement>> _edits = new(StringComparer.Ordinal);
        // A set, not a scan of the list: renaming a note linked 300,000 times from one note stays linear.
        private readonly HashSet<(string, TextRange)> _seen = [];

        public void Add(string path, TextRange range, string newText)
        {
            if (!_edits.TryGetValue(path, out var list)) _edits[path] = list = [];
            if (!_seen.Add((path, range))) return;
            list.Add(new TextReplacement(range, newText));
        }

        public IReadOnlyDictionary<string, IReadOnlyList<TextReplacement>> ToDictionary() =>
            _edits.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<TextReplacement>)kv.Value.OrderBy(e => e.Range.Start).ToList(), StringComparer.Ordinal);
    }
}
