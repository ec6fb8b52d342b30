using System.Collections.Immutable;
using NoteLsp.Core.Text;

namespace NoteLsp.Core.Model;

/// <summary>
/// Everything the index keeps about one note: names, ranges and links, never the whole text
/// (100,000 closed notes must fit in memory). Immutable.
/// </summary>
public sealed record ParsedNote
{
    /// <summary>Vault-relative path with '/' separators, extension included: "people/Ada Lovelace.md".</summary>
    public required string Path { get; init; }

    /// <summary>File name without extension.</summary>
    public required string Stem { get; init; }

    /// <summary>Front matter title, else the first level-1 heading's text, else the stem.</summary>
    public required string Title { get; init; }

    public required TitleSource TitleSource { get; init; }

    /// <summary>Range of the title text (front matter value or heading text); null when the title is the stem.</summary>
    public TextRange? TitleRange { get; init; }

    public ImmutableArray<FrontMatterValue> Aliases { get; init; } = ImmutableArray<FrontMatterValue>.Empty;

    public ImmutableArray<FrontMatterValue> Tags { get; init; } = ImmutableArray<FrontMatterValue>.Empty;

    /// <summary>Every tag: the front matter's first, then the text's in order (docs/notes-format.md §14).</summary>
    public ImmutableArray<Tag> TagOccurrences { get; init; } = ImmutableArray<Tag>.Empty;

    public FrontMatterValue? VideoId { get; init; }

    public FrontMatterValue? Duration { get; init; }

    public FrontMatter? FrontMatter { get; init; }

    public ImmutableArray<Heading> Headings { get; init; } = ImmutableArray<Heading>.Empty;

    public ImmutableArray<BlockId> BlockIds { get; init; } = ImmutableArray<BlockId>.Empty;

    public ImmutableArray<WikiLink> WikiLinks { get; init; } = ImmutableArray<WikiLink>.Empty;

    public ImmutableArray<MarkdownLink> MarkdownLinks { get; init; } = ImmutableArray<MarkdownLink>.Empty;

    public ImmutableArray<Timestamp> Timestamps { get; init; } = ImmutableArray<Timestamp>.Empty;

    /// <summary>Footnote references and definitions in text order (docs/notes-format.md §9).</summary>
    public ImmutableArray<Footnote> Footnotes { get; init; } = ImmutableArray<Footnote>.Empty;

    /// <summary>Callouts in text order (docs/notes-format.md §11).</summary>
    public ImmutableArray<Callout> Callouts { get; init; } = ImmutableArray<Callout>.Empty;

    /// <summary>The %% comments, each from its opening to past its closing %% (docs/notes-format.md §10).</summary>
    public ImmutableArray<TextRange> Comments { get; init; } = ImmutableArray<TextRange>.Empty;

    /// <summary>The file was not valid UTF-8 and was decoded with replacement characters.</summary>
    public bool HasInvalidEncoding { get; init; }

    /// <summary>Where the first replacement character (U+FFFD) of an invalid file sits; null when the encoding was valid.</summary>
    public TextRange? InvalidEncodingRange { get; init; }

    /// <summary>Position just past the last character of the text.</summary>
    public TextPosition End { get; init; }

    /// <summary>What the index derived from this note once (its link table), kept with it; never part of its value.</summary>
    internal DerivedSlot Derived { get; } = new();
}

/// <summary>
/// A place for data the index derives from a note, so it is made once per note rather than once per snapshot. Equal to
/// every other slot: the note's value (record equality) is its content, not what was derived from it. A copy made with
/// <c>with</c> shares the slot, so whoever stores there must check that what it derived from is still the note's.
/// </summary>
internal sealed class DerivedSlot
{
    public volatile object? LinkTable;

    public override bool Equals(object? obj) => obj is DerivedSlot;

    public override int GetHashCode() => 0;
}
