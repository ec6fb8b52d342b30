using NoteLsp.Core.Text;

namespace NoteLsp.Core.Model;

/// <summary>
/// A callout (docs/notes-format.md §11): a block quote whose first line is <c>&gt; [!type]</c>, optionally followed by
/// <c>+</c> or <c>-</c> (starts unfolded or folded) and a title.
/// </summary>
/// <param name="Type">the type as written (compare without case)</param>
/// <param name="TypeRange">the type between <c>[!</c> and <c>]</c></param>
/// <param name="Fold">'+', '-' or null</param>
/// <param name="Range">the whole block quote</param>
public sealed record Callout(string Type, TextRange TypeRange, char? Fold, TextRange Range);
