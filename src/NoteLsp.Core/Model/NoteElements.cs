using System.Collections.Immutable;
using NoteLsp.Core.Text;

namespace NoteLsp.Core.Model;

/// <summary>A heading. <see cref="Anchor"/> is the GitHub anchor with its duplicate suffix (-1, -2...).</summary>
public sealed record Heading(
    string Text,
    int Level,
    string Anchor,
    TextRange Range,
    TextRange TextRange)
{
    /// <summary>NoteNames.Key(Text), computed when asked: kept for every heading of 100,000 notes it would cost more than it saves.</summary>
    public string Key => Names.NoteNames.Key(Text);

    /// <summary>
    /// The heading's source as written (<c>**Bold** [[other]]</c>: markup and links kept), covering <see cref="TextRange"/>;
    /// null when it reads the same as <see cref="Text"/> (most headings), so plain headings cost nothing more.
    /// </summary>
    public string? Source { get; init; }

    /// <summary>The source as written: what a rename shows and replaces, so markup and links inside a heading survive it.</summary>
    public string RawText => Source ?? Text;
}

/// <summary>A block id <c>^id</c> at the end of a paragraph or list item. Range covers "^id"; BlockRange the block it names.</summary>
public sealed record BlockId(string Id, TextRange Range, TextRange BlockRange);

/// <summary>
/// A wikilink <c>[[T#H|L]]</c>, <c>[[T#^B]]</c>, <c>[[#H]]</c> or embed <c>![[...]]</c>.
/// Texts are trimmed; each part's range is the trimmed text's range. An absent part is null.
/// For an empty target (<c>[[#H]]</c>, <c>[[]]</c>) Target is "" and TargetRange is empty, placed right after the opening brackets.
/// </summary>
/// <remarks>
/// A vault of 100,000 notes holds millions of links, so a link is a struct stored inline in its note's array, and
/// since a wikilink never spans lines, every part is kept as columns on the link's one line. The label's text is
/// not kept (nothing needs it, and it is mostly prose): only its range.
/// </remarks>
public readonly record struct WikiLink
{
    private const int Absent = -1;

    private readonly string? _target;

    // A link has a heading or a block id, never both (WikiLinkSyntax: the part after '#' is a block id when it starts
    // with '^'), so one text and one pair of columns serve either: 56 bytes a link instead of 72, 36 MB at 100,000 notes.
    private readonly string? _fragment;
    private readonly bool _fragmentIsBlockId;
    private readonly int _line;
    private readonly int _start, _end;
    private readonly int _targetStart, _targetEnd;
    private readonly int _fragmentStart, _fragmentEnd;
    private readonly int _labelStart, _labelEnd;

    /// <exception cref="ArgumentException">a part's range is not on the link's line, or both a heading and a block id are given</exception>
    public WikiLink(
        TextRange range,
        bool isEmbed,
        string target,
        TextRange targetRange,
        string? heading,
        TextRange? headingRange,
        string? blockId,
        TextRange? blockIdRange,
        TextRange? labelRange)
    {
        var hasHeading = heading is not null || headingRange is not null;
        _fragmentIsBlockId = blockId is not null || blockIdRange is not null;
        if (hasHeading && _fragmentIsBlockId) throw new ArgumentException("A wikilink has a heading or a block id, not both.", nameof(blockId));
        _line = range.Start.Line;
        (_start, _end) = Columns(range, _line);
        IsEmbed = isEmbed;
        _target = target;
        (_targetStart, _targetEnd) = Columns(targetRange, _line);
        _fragment = _fragmentIsBlockId ? blockId : heading;
        (_fragmentStart, _fragmentEnd) = (_fragmentIsBlockId ? blockIdRange : headingRange) is { } f ? Columns(f, _line) : (Absent, Absent);
        (_labelStart, _labelEnd) = labelRange is { } l ? Columns(l, _line) : (Absent, Absent);
    }

    private static (int, int) Columns(TextRange range, int line) =>
        range.Start.Line == line && range.End.Line == line
            ? (range.Start.Character, range.End.Character)
            : throw new ArgumentException($"A wikilink lies on one line; {range} is not on line {line}.", nameof(range));

    private TextRange On(int start, int end) => new(_line, start, _line, end);

    private TextRange? FragmentRange => _fragmentStart == Absent ? null : On(_fragmentStart, _fragmentEnd);

    public TextRange Range => On(_start, _end);

    public bool IsEmbed { get; }

    public string Target => _target ?? "";

    public TextRange TargetRange => On(_targetStart, _targetEnd);

    /// <summary>The heading part of <c>[[T#H]]</c> ("" for <c>[[T#]]</c>), null when there is none.</summary>
    public string? Heading => _fragmentIsBlockId ? null : _fragment;

    public TextRange? HeadingRange => _fragmentIsBlockId ? null : FragmentRange;

    /// <summary>The block id of <c>[[T#^B]]</c>, without the caret.</summary>
    public string? BlockId => _fragmentIsBlockId ? _fragment : null;

    public TextRange? BlockIdRange => _fragmentIsBlockId ? FragmentRange : null;

    /// <summary>The range of the label of <c>[[T|L]]</c>, null when there is none.</summary>
    public TextRange? LabelRange => _labelStart == Absent ? null : On(_labelStart, _labelEnd);

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

/// <summary>
/// A video timestamp. TargetText is T1 (where it jumps), DisplayText is T2 (what it shows). Validity is checked by diagnostics.
/// </summary>
/// <remarks>
/// A struct stored inline in its note's array: a transcript note has dozens (1.5 million at 100,000 notes). Its three
/// ranges nearly always lie on one line, kept then as one line number and six columns (56 bytes, not 72); an anchor
/// whose tag spans lines keeps them whole in an object of its own.
/// </remarks>
public readonly record struct Timestamp
{
    private readonly MultiLineRanges? _multiLine;
    private readonly int _line;
    private readonly int _start, _end, _targetStart, _targetEnd, _displayStart, _displayEnd;

    public Timestamp(TimestampForm form, TextRange range, string targetText, TextRange targetRange, string displayText, TextRange displayRange)
    {
        Form = form;
        TargetText = targetText;
        DisplayText = displayText;
        _line = range.Start.Line;
        if (OnLine(range) && OnLine(targetRange) && OnLine(displayRange))
        {
            (_start, _end) = (range.Start.Character, range.End.Character);
            (_targetStart, _targetEnd) = (targetRange.Start.Character, targetRange.End.Character);
            (_displayStart, _displayEnd) = (displayRange.Start.Character, displayRange.End.Character);
        }
        else
        {
            _multiLine = new MultiLineRanges(range, targetRange, displayRange);
        }

        bool OnLine(TextRange r) => r.Start.Line == range.Start.Line && r.End.Line == range.Start.Line;
    }

    private sealed record MultiLineRanges(TextRange Range, TextRange Target, TextRange Display);

    private TextRange On(int start, int end) => new(_line, start, _line, end);

    public TimestampForm Form { get; }

    public TextRange Range => _multiLine?.Range ?? On(_start, _end);

    public string TargetText { get; }

    public TextRange TargetRange => _multiLine?.Target ?? On(_targetStart, _targetEnd);

    public string DisplayText { get; }

    public TextRange DisplayRange => _multiLine?.Display ?? On(_displayStart, _displayEnd);
}

/// <summary>A string value from front matter with the range of its YAML node.</summary>
public sealed record FrontMatterValue(string Value, TextRange Range);

/// <summary>The front matter block. Error is set when the YAML does not parse (or the block is not closed).</summary>
public sealed record FrontMatter(
    TextRange Range,
    ImmutableArray<FrontMatterValue> Aliases,
    ImmutableArray<FrontMatterValue> Tags,
    FrontMatterError? Error);

public sealed record FrontMatterError(string Message, TextRange Range);

public enum TitleSource { FrontMatter, Heading, Stem }

/// <summary>Searches in a note's arrays of struct elements (links, timestamps), where "none" must be null, not default.</summary>
public static class ElementSearch
{
    public static T? FirstOrNull<T>(this ImmutableArray<T> items, Func<T, bool> predicate) where T : struct
    {
        foreach (var item in items)
        {
            if (predicate(item)) return item;
        }
        return null;
    }
}
