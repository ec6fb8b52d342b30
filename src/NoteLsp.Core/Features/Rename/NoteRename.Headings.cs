using NoteLsp.Core.Index;
using NoteLsp.Core.Model;
using NoteLsp.Core.Names;
using NoteLsp.Core.Text;

namespace NoteLsp.Core.Features;

/// <summary>Heading following: links to a heading whose text a rename changes are rewritten to its new text or anchor.</summary>
public static partial class NoteRename
{
    /// <summary>
    /// Headings whose source an edit of the plan changes (a heading renamed, or a link inside it rewritten) get new
    /// text, so every link to them must follow: by text for wikilinks written by text, by anchor otherwise. When the
    /// heading is the note's title, links by title follow too.
    /// </summary>
    /// <param name="strict">refuse (RenameException) a change that would make links ambiguous; otherwise leave those links alone</param>
    internal static void FollowHeadingChanges(VaultSnapshot snapshot, EditCollector edits, bool strict)
    {
        var notes = edits.Notes;
        // Reading the headings of every edited note is most of the work (80,000 notes for a rename of a hub note) and
        // independent per note: it is done on every core first. The pass below goes in order, as ever, and looks again
        // only at a note whose edits grew meanwhile (a link in one of its headings, rewritten by an earlier note's turn).
        var found = new HeadingChange[notes.Count];
        Parallel.For(0, notes.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            i => found[i] = HeadingChange.Of(snapshot, notes[i], strict));
        for (var i = 0; i < notes.Count; i++)
        {
            var change = found[i].EditCount == notes[i].List.Count ? found[i] : HeadingChange.Of(snapshot, notes[i], strict);
            if (change.Problem is not null) throw change.Problem;
            if (change.Note is null || change.NewTexts is null) continue;
            try
            {
                RewriteHeadingLinks(snapshot, change.Note, change.NewTexts, edits);
            }
            catch (RenameException) when (!strict)
            {
                // A move cannot be refused: the links that would become ambiguous are left for the user.
            }
        }
    }

    /// <summary>What a note's edits (as they were when counted) do to its headings: their new texts, or the refusal.</summary>
    private readonly record struct HeadingChange(int EditCount, ParsedNote? Note, string[]? NewTexts, RenameException? Problem)
    {
        public static HeadingChange Of(VaultSnapshot snapshot, EditCollector.NoteEdits noteEdits, bool strict)
        {
            var count = noteEdits.List.Count;
            if ((noteEdits.Note ?? snapshot.GetNote(noteEdits.Path)) is not { Headings.Length: > 0 } note) return new(count, null, null, null);
            try
            {
                return new(count, note, NewHeadingTexts(note, noteEdits, strict), null);
            }
            catch (RenameException problem)
            {
                return new(count, note, null, problem);
            }
        }
    }

    /// <summary>The texts of the note's headings after its edits, or null when none changes.</summary>
    /// <param name="strict">throw (RenameException) when a heading would not read back; otherwise leave that heading alone</param>
    private static string[]? NewHeadingTexts(ParsedNote note, EditCollector.NoteEdits noteEdits, bool strict)
    {
        var inFile = noteEdits.ByStart();
        string[]? newTexts = null;
        var next = 0;
        for (var index = 0; index < note.Headings.Length; index++)
        {
            var heading = note.Headings[index];
            while (next < inFile.Count && inFile[next].Range.Start < heading.TextRange.Start) next++;
            // Most edited notes have no edit inside a heading: the first edit at or after its start tells.
            if (next == inFile.Count || inFile[next].Range.End > heading.TextRange.End) continue;
            var inside = new List<TextReplacement>();
            for (var k = next; k < inFile.Count && inFile[k].Range.End <= heading.TextRange.End; k++)
            {
                if (inFile[k].Range.Start >= heading.TextRange.Start) inside.Add(inFile[k]);
            }
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
        return newTexts;
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
                    if (WrittenAsAnchor(linkHeading, heading)) { if (anchorChanged) edits.Add(reference.Source, headingRange, newAnchors[i]); }
                    else if (textChanged) edits.Add(reference.Source, headingRange, wikiText);
                }
                else if (reference.MarkdownLink is { FragmentRange: { } fragmentRange, Fragment: { } fragment })
                {
                    var byAnchor = string.Equals(fragment.Trim(), heading.Anchor, StringComparison.OrdinalIgnoreCase);
                    if (byAnchor ? anchorChanged : textChanged) edits.Add(reference.Source, fragmentRange, newAnchors[i]);
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
}
