using System.Collections;
using NoteLsp.Core.Features;
using NoteLsp.Server.Protocol;

namespace NoteLsp.Server.Conversion;

/// <summary>
/// A note's text edits in LSP form, made from the Core's replacements as they are read (when the answer is written),
/// for columns that need no line text (UTF-16 and UTF-32 positions are the Core's own).
/// </summary>
/// <remarks>
/// A rename of the most-linked of 100,000 notes has 156,000 edits. Converted ahead, each was four objects (the edit, its
/// range, two positions) that lived until the answer was written, and the collections that ran meanwhile copied all of
/// them (a server profile had a third of the rename in collector pauses). Made while writing, each dies young.
/// </remarks>
internal sealed class ConvertedTextEdits(IReadOnlyList<TextReplacement> replacements, PositionEncoder encoder) : IReadOnlyList<TextEdit>
{
    public int Count => replacements.Count;

    public TextEdit this[int index] => Convert(replacements[index]);

    public IEnumerator<TextEdit> GetEnumerator()
    {
        foreach (var replacement in replacements) yield return Convert(replacement);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private TextEdit Convert(TextReplacement replacement) => new(encoder.ToLsp(replacement.Range, null), replacement.NewText);
}
