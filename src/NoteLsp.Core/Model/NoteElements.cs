using System.Collections.Immutable;
using NoteLsp.Core.Text;

namespace NoteLsp.Core.Model;

/// <summary>A heading. <see cref="Key"/> is NoteNames.Key(Text); <see cref="Anchor"/> is the GitHub anchor with its duplicate suffix (-1, -2...).</summary>
public sealed record Heading(
    string Text,
    int Level,
    string Anchor,
    string Key,
    TextRange Range,
    TextRange TextRange);

/// <summary>A block id <c>^id</c> at the end of a paragraph or list item. Range covers "^id"; BlockRange the block it names.</summary>
public sealed record BlockId(string Id, TextRange Range, TextRange BlockRange);

/// <summary>
/// A wikilink <c>[[T#H|L]]</c>, <c>[[T#^B]]</c>, <c>[[#H]]</c> or embed <c>![[...]]</c>.
/// Texts are trimmed; each part's range is the trimmed text's range. An absent part is null.
/// For an empty target (<c>[[#H]]</c>, <c>[[]]</c>) Target is "" and TargetRange is empty, placed right after the opening brackets.
/// </summary>
public sealed record WikiLink(
    TextRange Range,
    bool IsEmbed,
    string Target,
    TextRange TargetRange,
    string? Heading,
    TextRange? HeadingRange,
    string? BlockId,
    TextRange? BlockIdRange,
    string? Label,
    TextRange? LabelRange)
{
    /// <summary>True for <c>[[#H]]</c> and <c>[[#^B]]</c>: the link points into its own note.</summary>
    public bool IsSelfReference => Target.Length == 0 && (Heading is { Length: > 0 } || BlockId is { Length: > 0 });
}

/// <summary>
/// A Markdown link to a note: <c>[text](path.md#anchor)</c> or <c>[text](#anchor)</c>, without a scheme.
/// Path and Fragment are percent-decoded; Path is "" for a fragment-only link; Fragment is null when absent.
/// PathRange/FragmentRange cover the raw (undecoded) source text.
/// </summary>
public sealed record MarkdownLink(
    TextRange Range,
    string Text,
    string Path,
    TextRange PathRange,
    string? Fragment,
    TextRange? FragmentRange);

public enum TimestampForm
{
    /// <summary><c>&lt;a class="yt-timestamp" data-t="T1"&gt;[T2]&lt;/a&gt;</c></summary>
    HtmlAnchor,
    /// <summary><c>[T2](#T1)</c></summary>
    MarkdownLink,
}

/// <summary>A video timestamp. TargetText is T1 (where it jumps), DisplayText is T2 (what it shows). Validity is checked by diagnostics.</summary>
public sealed record Timestamp(
    TimestampForm Form,
    TextRange Range,
    string TargetText,
    TextRange TargetRange,
    string DisplayText,
    TextRange DisplayRange);

/// <summary>A string value from front matter with the range of its YAML node.</summary>
public sealed record FrontMatterValue(string Value, TextRange Range);

/// <summary>The front matter block. Error is set when the YAML does not parse (or the block is not closed).</summary>
public sealed record FrontMatter(
    TextRange Range,
    ImmutableDictionary<string, FrontMatterValue> Scalars,
    ImmutableArray<FrontMatterValue> Aliases,
    ImmutableArray<FrontMatterValue> Tags,
    FrontMatterError? Error);

public sealed record FrontMatterError(string Message, TextRange Range);

public enum TitleSource { FrontMatter, Heading, Stem }
