using NoteLsp.Core.Text;

namespace NoteLsp.Core.Model;

/// <summary>
/// A footnote reference <c>[^label]</c> or definition <c>[^label]:</c> (docs/notes-format.md §9). Range covers
/// <c>[^label]</c> (not the definition's colon), LabelRange the label without the caret. A struct stored inline.
/// </summary>
public readonly record struct Footnote(string Label, TextRange Range, TextRange LabelRange, bool IsDefinition)
{
    /// <summary>Labels match as Markdown link labels do: case-insensitively. The one place that compares them.</summary>
    public static StringComparer LabelComparer => StringComparer.OrdinalIgnoreCase;

    public bool SameLabel(Footnote other) => LabelComparer.Equals(Label, other.Label);
}
