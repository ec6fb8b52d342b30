using NoteLsp.Core.Model;
using NoteLsp.Core.Text;

namespace NoteLsp.Core.Features;

/// <summary>
/// Footnotes within one note (docs/notes-format.md §9): a label is local to its note, so everything here reads only
/// the note's own <see cref="ParsedNote.Footnotes"/>, in one pass.
/// </summary>
public static class NoteFootnotes
{
    public static Footnote? At(ParsedNote note, TextPosition position) => note.Footnotes.FirstOrNull(f => f.Range.Contains(position));

    /// <summary>The definition of the footnote's label (the first, when there are several), null when it has none.</summary>
    public static Footnote? DefinitionOf(ParsedNote note, Footnote footnote) => note.Footnotes.FirstOrNull(f => f.IsDefinition && f.SameLabel(footnote));

    /// <summary>Every occurrence of the label in the note, references and (when asked) definitions, in text order.</summary>
    public static IReadOnlyList<Footnote> Occurrences(ParsedNote note, Footnote footnote, bool includeDefinitions) =>
        note.Footnotes.Where(f => f.SameLabel(footnote) && (includeDefinitions || !f.IsDefinition)).ToList();

    /// <summary>References whose label no definition in the note has: footnote-broken.</summary>
    public static IEnumerable<Footnote> Broken(ParsedNote note)
    {
        if (note.Footnotes.IsEmpty) yield break;
        var defined = new HashSet<string>(note.Footnotes.Where(f => f.IsDefinition).Select(f => f.Label), Footnote.LabelComparer);
        foreach (var footnote in note.Footnotes)
        {
            if (!footnote.IsDefinition && !defined.Contains(footnote.Label)) yield return footnote;
        }
    }

    /// <summary>Renaming a label rewrites it in every reference and definition of the note; the caret and brackets stay.</summary>
    /// <exception cref="RenameException">the new label is not one, or another footnote of the note already has it</exception>
    public static RenamePlan Rename(ParsedNote note, Footnote footnote, string newName)
    {
        var label = newName.Trim();
        if (label.StartsWith('^')) label = label[1..];
        if (label.Length == 0 || label.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '[' or ']'))
        {
            throw new RenameException($"\"{newName}\" is not a footnote label: it needs at least one character, and no blanks or brackets.");
        }
        if (!Footnote.LabelComparer.Equals(label, footnote.Label) && note.Footnotes.Any(f => Footnote.LabelComparer.Equals(f.Label, label)))
        {
            throw new RenameException($"The note already has a footnote [^{label}]; renaming would merge the two.");
        }
        var edits = Occurrences(note, footnote, includeDefinitions: true).Select(f => new TextReplacement(f.LabelRange, label)).ToList();
        return new RenamePlan(null, new Dictionary<string, IReadOnlyList<TextReplacement>> { [note.Path] = edits });
    }

    /// <summary>
    /// After "[^" (and the label typed so far, on the cursor's line): the note's labels, defined ones first, each once.
    /// Null when the cursor is not in a footnote label, so other completions get their turn.
    /// </summary>
    public static NoteCompletionResult? Complete(ParsedNote? note, string before, string after, TextPosition position)
    {
        var open = before.LastIndexOf("[^", StringComparison.Ordinal);
        if (open < 0) return null;
        var typed = before[(open + 2)..];
        if (typed.Any(c => char.IsWhiteSpace(c) || c is '[' or ']')) return null;
        if (note is null) return NoteCompletionResult.None;
        var close = after.StartsWith(']') ? "" : "]";
        var range = new TextRange(position with { Character = open + 2 }, position with { Character = before.Length });
        var items = note.Footnotes
            .OrderBy(f => f.IsDefinition ? 0 : 1)
            .Select(f => f.Label)
            .Where(l => l.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
            .Distinct(Footnote.LabelComparer)
            .Select(l => new NoteCompletionItem(CompletionItemKind.Footnote, l, l + close, "footnote", null, range))
            .ToList();
        return new NoteCompletionResult(items, false);
    }
}
