using NoteLsp.Core.Text;

namespace NoteLsp.Core.Model;

/// <summary>Where a tag is written (docs/notes-format.md §14).</summary>
public enum TagForm : byte
{
    /// <summary><c>#name</c> in the text.</summary>
    Inline,
    /// <summary>A front matter <c>tags</c> value written without <c>#</c>.</summary>
    FrontMatter,
    /// <summary>A front matter <c>tags</c> value written with <c>#</c> (a quoted YAML string).</summary>
    FrontMatterWithHash,
    /// <summary>
    /// A front matter value whose YAML source is not its text (escapes, a block scalar): the range is the whole YAML
    /// node, so the tag is found and shown but never rewritten in place.
    /// </summary>
    FrontMatterNode,
}

/// <summary>
/// One occurrence of a tag. <see cref="Name"/> is as written, without <c>#</c> (interned: a vault repeats a few hundred
/// tags millions of times); <see cref="NameRange"/> covers exactly the name. A struct stored inline in its note's array.
/// </summary>
public readonly record struct Tag(string Name, TextRange NameRange, TagForm Form)
{
    public bool IsInline => Form == TagForm.Inline;

    /// <summary>Whether the name can be rewritten in place (everything but a <see cref="TagForm.FrontMatterNode"/>).</summary>
    public bool IsEditable => Form != TagForm.FrontMatterNode;

    /// <summary>The range a user sees as the tag: the name with its <c>#</c> when one is written.</summary>
    public TextRange Range => Form is TagForm.Inline or TagForm.FrontMatterWithHash
        ? NameRange with { Start = NameRange.Start with { Character = NameRange.Start.Character - 1 } }
        : NameRange;
}
