using NoteLsp.Core.Index;
using NoteLsp.Core.Model;
using NoteLsp.Core.Names;

namespace NoteLsp.Core.Features;

/// <summary>Rename planning by kind: a file (and its links by stem or path), a title, an alias, a heading, a block id.</summary>
public static partial class NoteRename
{
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
                    edits.Add(reference.Source, wiki.TargetRange, newName + writtenExtension);
                }
                else if (resolution.Rank == MatchRank.Path)
                {
                    edits.Add(reference.Source, wiki.TargetRange, wiki.Target[..(wiki.Target.LastIndexOf('/') + 1)] + newName + writtenExtension);
                }
                // Links that match by title or alias keep working: the title and aliases do not change.
            }
            else if (reference.MarkdownLink is { } markdown && markdown.Path.Length > 0)
            {
                var directory = markdown.Path.Contains('/') ? markdown.Path[..(markdown.Path.LastIndexOf('/') + 1)] : "";
                // A link written without extension ("[t](notes/plan)") stays without.
                var linkExtension = VaultSnapshot.ExtensionOf(markdown.Path).Length == 0 ? "" : extension;
                edits.Add(reference.Source, markdown.PathRange, NoteFileMoves.WrittenLike(markdown, directory + newName + linkExtension));
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
                edits.Add(reference.Source, wiki.TargetRange, newTitle);
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
                edits.Add(reference.Source, wiki.TargetRange, newAlias);
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
            if (reference.WikiLink is { BlockIdRange: { } idRange }) edits.Add(reference.Source, idRange, newId);
            else if (reference.MarkdownLink is { FragmentRange: { } fragmentRange }) edits.Add(reference.Source, fragmentRange, "^" + newId);
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
}
