using System.Collections.Immutable;
using System.Text.RegularExpressions;
using NoteLsp.Core.Model;
using NoteLsp.Core.Names;
using NoteLsp.Core.Text;

namespace NoteLsp.Core.Parsing;

/// <summary>
/// Turns what a parser found (offsets into the note's text) into model records with ranges, and assembles the
/// <see cref="ParsedNote"/>. Shared by the Markdig walk and the lean scanner, so both apply every rule the same way.
/// </summary>
internal partial class NoteElementSink(string text, LineMap lines, CommentSpans comments)
{
    private readonly List<(int Level, string Text, int BlockStart, int BlockEnd, int Start, int End)> _headings = [];
    private readonly List<Tag> _inlineTags = [];
    private readonly List<Footnote> _footnotes = [];
    private readonly ImmutableArray<BlockId>.Builder _blockIds = ImmutableArray.CreateBuilder<BlockId>();
    private readonly ImmutableArray<WikiLink>.Builder _wikiLinks = ImmutableArray.CreateBuilder<WikiLink>();
    private readonly ImmutableArray<MarkdownLink>.Builder _markdownLinks = ImmutableArray.CreateBuilder<MarkdownLink>();
    private readonly ImmutableArray<Timestamp>.Builder _timestamps = ImmutableArray.CreateBuilder<Timestamp>();
    private readonly ImmutableArray<Callout>.Builder _callouts = ImmutableArray.CreateBuilder<Callout>();

    protected string Text => text;

    protected LineMap Lines => lines;

    /// <summary>What a %% comment holds is not read (docs/notes-format.md §10).</summary>
    public bool InComment(int offset) => comments.Contains(offset);

    private TextRange Range(int start, int end) => lines.RangeAt(start, end);

    private string Body(int start, int end) => text.Substring(start, end - start);

    /// <summary>A repeated short text (link target, fragment, time): one shared copy across the vault.</summary>
    private string Pooled(int start, int end) => StringPool.Intern(text, start, end - start);

    public void AddWikiLink(WikiLinkSpan w)
    {
        string? Part(int start, int end) => start < 0 ? null : Pooled(start, end);
        TextRange? PartRange(int start, int end) => start < 0 ? null : Range(start, end);
        _wikiLinks.Add(new WikiLink(
            Range(w.Start, w.End),
            w.IsEmbed,
            Pooled(w.TargetStart, w.TargetEnd),
            Range(w.TargetStart, w.TargetEnd),
            Part(w.HeadingStart, w.HeadingEnd),
            PartRange(w.HeadingStart, w.HeadingEnd),
            Part(w.BlockStart, w.BlockEnd),
            PartRange(w.BlockStart, w.BlockEnd),
            PartRange(w.LabelStart, w.LabelEnd)));
    }

    /// <summary>A footnote at source offsets: a definition when a ':' follows and it starts its line.</summary>
    public void AddFootnote(FootnoteSpan f) =>
        AddFootnote(f.Start, f.LabelStart, f.LabelEnd, f.ColonFollows && FootnoteSyntax.StartsItsLine(text, f.Start));

    protected void AddFootnote(int start, int labelStart, int labelEnd, bool isDefinition) =>
        _footnotes.Add(new Footnote(Pooled(labelStart, labelEnd), Range(start, labelEnd + 1), Range(labelStart, labelEnd), isDefinition));

    public void AddInlineTag(int nameStart, int nameEnd) =>
        _inlineTags.Add(new Tag(Pooled(nameStart, nameEnd), Range(nameStart, nameEnd), TagForm.Inline));

    public void AddAnchorTimestamp(AnchorTimestampMatch m)
    {
        // Without data-t the opening tag stands in for the target: the target text is empty (an invalid time).
        var target = m.TargetStart == m.Start ? "" : Pooled(m.TargetStart, m.TargetEnd);
        _timestamps.Add(new Timestamp(TimestampForm.HtmlAnchor, Range(m.Start, m.End), target, Range(m.TargetStart, m.TargetEnd),
            Pooled(m.DisplayStart, m.DisplayEnd), Range(m.DisplayStart, m.DisplayEnd)));
    }

    public void AddCallout(int quoteStart, int quoteEnd)
    {
        if (CalloutSyntax.Read(text, quoteStart, quoteEnd, lines) is { } callout) _callouts.Add(callout);
    }

    /// <summary>
    /// An inline link <c>[label](destination)</c> (images and autolinks are not note links): a Markdown link, or a
    /// timestamp when both the label and the fragment-only destination read as times.
    /// </summary>
    /// <param name="labelText">the label as a reader sees it, trimmed</param>
    /// <param name="labelStart">where the label's inlines start, -1 for an empty label</param>
    public void AddInlineLink(int start, int end, string labelText, int labelStart, int labelEnd, int destinationStart, int destinationEnd)
    {
        if (!SplitDestination(destinationStart, destinationEnd, out var pathStart, out var pathEnd, out var fragmentStart, out var fragmentEnd)) return;

        // [00:01:59](#01:59) is a timestamp (Form B), never a heading link.
        if (pathStart == pathEnd && fragmentStart >= 0 && labelStart >= 0
            && TimeText.LooksLikeTime(Body(fragmentStart, fragmentEnd)) && TimeText.LooksLikeTime(labelText))
        {
            _timestamps.Add(new Timestamp(TimestampForm.MarkdownLink, Range(start, end),
                Pooled(fragmentStart, fragmentEnd), Range(fragmentStart, fragmentEnd), StringPool.Intern(labelText), Range(labelStart, labelEnd)));
            return;
        }
        AddMarkdownLink(start, end, labelText, pathStart, pathEnd, fragmentStart, fragmentEnd);
    }

    /// <summary>A link reference definition <c>[label]: destination</c>: a Markdown link at the definition.</summary>
    protected void AddDefinitionLink(int start, int end, string label, int destinationStart, int destinationEnd)
    {
        if (!SplitDestination(destinationStart, destinationEnd, out var pathStart, out var pathEnd, out var fragmentStart, out var fragmentEnd)) return;
        AddMarkdownLink(start, end, label, pathStart, pathEnd, fragmentStart, fragmentEnd);
    }

    private void AddMarkdownLink(int start, int end, string label, int pathStart, int pathEnd, int fragmentStart, int fragmentEnd)
    {
        var fragment = fragmentStart >= 0 ? StringPool.Intern(Uri.UnescapeDataString(Body(fragmentStart, fragmentEnd))) : null;
        if (pathStart == pathEnd && string.IsNullOrEmpty(fragment)) return; // "(#)" and "()": nothing to check
        _markdownLinks.Add(new MarkdownLink(
            Range(start, end),
            StringPool.Intern(label),
            StringPool.Intern(Uri.UnescapeDataString(Body(pathStart, pathEnd))),
            Range(pathStart, pathEnd),
            fragment,
            fragmentStart >= 0 ? Range(fragmentStart, fragmentEnd) : null));
    }

    /// <summary>Splits a link destination's source span into path and fragment; false for a link with a scheme.</summary>
    private bool SplitDestination(int start, int end, out int pathStart, out int pathEnd, out int fragmentStart, out int fragmentEnd)
    {
        if (end - start >= 2 && text[start] == '<' && text[end - 1] == '>')
        {
            start++;
            end--;
        }
        var destination = Body(start, end);
        pathStart = start;
        pathEnd = end;
        fragmentStart = fragmentEnd = -1;
        if (SchemePattern().IsMatch(destination) || destination.StartsWith("//", StringComparison.Ordinal)) return false;
        var hash = destination.IndexOf('#');
        if (hash >= 0)
        {
            pathEnd = start + hash;
            fragmentStart = pathEnd + 1;
            fragmentEnd = end;
        }
        var query = Body(pathStart, pathEnd).IndexOf('?');
        if (query >= 0) pathEnd = pathStart + query;
        return true;
    }

    /// <param name="plain">the text a reader sees, trimmed; a heading without one is not kept</param>
    /// <param name="blockStart">the heading block, from its first '#'</param>
    /// <param name="start">the heading's inlines (what a rename replaces)</param>
    public void AddHeading(int level, string plain, int blockStart, int blockEnd, int start, int end)
    {
        if (plain.Length > 0) _headings.Add((level, plain, blockStart, blockEnd, start, end));
    }

    /// <summary>The block id <c>^id</c> ending a paragraph's last line, if any.</summary>
    public void AddBlockId(int paragraphStart, int paragraphEnd)
    {
        if (paragraphEnd <= paragraphStart || paragraphEnd > text.Length) return;
        var lineStart = lines.LineStart(lines.PositionAt(paragraphEnd - 1).Line);
        lineStart = Math.Max(lineStart, paragraphStart);
        if (text.AsSpan(lineStart, paragraphEnd - lineStart).IndexOf('^') < 0) return;
        var match = BlockIdPattern().Match(text, lineStart, paragraphEnd - lineStart);
        if (!match.Success) return;
        var id = match.Groups["id"];
        if (comments.Contains(id.Index)) return;
        _blockIds.Add(new BlockId(StringPool.Intern(text.AsSpan(id.Index, id.Length)), lines.RangeAt(id.Index - 1, id.Index + id.Length), Range(paragraphStart, paragraphEnd)));
    }

    [GeneratedRegex(@"(?:^|[ \t])\^(?<id>[A-Za-z0-9][A-Za-z0-9_-]*)[ \t]*$", RegexOptions.CultureInvariant)]
    private static partial Regex BlockIdPattern();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.\-]*:", RegexOptions.CultureInvariant)]
    private static partial Regex SchemePattern();

    /// <summary>The note, from its front matter and what was collected.</summary>
    public ParsedNote Build(string relativePath, FrontMatterReader.Result frontMatter, bool hasInvalidEncoding)
    {
        var stem = StemOf(relativePath);
        var fm = frontMatter.FrontMatter;
        var headings = Headings();
        var (title, titleSource, titleRange) = TitleOf(frontMatter.Scalars?.GetValueOrDefault("title"), headings, stem);
        // Inline and HTML-block timestamps, and definitions read apart from inline footnotes, come in several passes.
        _timestamps.Sort((a, b) => a.Range.Start.CompareTo(b.Range.Start));
        _footnotes.Sort((a, b) => a.Range.Start.CompareTo(b.Range.Start));
        return new ParsedNote
        {
            Path = relativePath,
            Stem = stem,
            Title = title,
            TitleSource = titleSource,
            TitleRange = titleRange,
            Aliases = fm?.Aliases ?? [],
            Tags = fm?.Tags ?? [],
            VideoId = frontMatter.Scalars?.GetValueOrDefault("videoId"),
            Duration = frontMatter.Scalars?.GetValueOrDefault("duration"),
            FrontMatter = fm,
            Headings = headings,
            BlockIds = _blockIds.ToImmutable(),
            WikiLinks = _wikiLinks.ToImmutable(),
            MarkdownLinks = _markdownLinks.ToImmutable(),
            Timestamps = _timestamps.ToImmutable(),
            Footnotes = [.. _footnotes],
            Callouts = _callouts.ToImmutable(),
            Comments = comments.Spans.Count == 0 ? [] : [.. comments.Spans.Select(s => lines.RangeAt(s.Start, s.End))],
            TagOccurrences = TagsWith(fm?.Tags ?? []),
            HasInvalidEncoding = hasInvalidEncoding,
            InvalidEncodingRange = hasInvalidEncoding ? InvalidEncodingRange() : null,
            End = lines.PositionAt(text.Length),
        };
    }

    /// <summary>The front matter's tags, then the text's in order (docs/notes-format.md §14).</summary>
    private ImmutableArray<Tag> TagsWith(ImmutableArray<FrontMatterValue> frontMatterTags)
    {
        if (frontMatterTags.IsEmpty && _inlineTags.Count == 0) return [];
        var tags = ImmutableArray.CreateBuilder<Tag>(_inlineTags.Count + frontMatterTags.Length);
        TagSyntax.AddFrontMatterTags(frontMatterTags, text, lines, tags);
        tags.AddRange(_inlineTags);
        return tags.ToImmutable();
    }

    private ImmutableArray<Heading> Headings()
    {
        var anchors = NoteNames.UniqueAnchors(_headings.Select(h => h.Text));
        var result = ImmutableArray.CreateBuilder<Heading>(_headings.Count);
        for (var i = 0; i < _headings.Count; i++)
        {
            var (level, plain, blockStart, blockEnd, start, end) = _headings[i];
            var source = text.AsSpan(start, end - start);
            // Pooled: heading texts repeat across notes ("Summary", "Key points"), and each note keeps its headings.
            result.Add(new Heading(StringPool.Intern(plain), level, StringPool.Intern(anchors[i]), Range(blockStart, blockEnd), Range(start, end))
            {
                Source = source.SequenceEqual(plain) ? null : source.ToString(),
            });
        }
        return result.MoveToImmutable();
    }

    private static string StemOf(string relativePath)
    {
        var name = relativePath[(relativePath.LastIndexOf('/') + 1)..];
        var dot = name.LastIndexOf('.');
        return dot > 0 ? name[..dot] : name;
    }

    private static (string, TitleSource, TextRange?) TitleOf(FrontMatterValue? title, ImmutableArray<Heading> headings, string stem)
    {
        if (title is not null && title.Value.Trim().Length > 0)
        {
            return (title.Value.Trim(), TitleSource.FrontMatter, title.Range);
        }
        foreach (var heading in headings)
        {
            if (heading.Level == 1) return (heading.Text, TitleSource.Heading, heading.TextRange);
        }
        return (stem, TitleSource.Stem, null);
    }

    private TextRange InvalidEncodingRange()
    {
        var at = text.IndexOf('\uFFFD');
        return at < 0 ? new TextRange(0, 0, 0, 0) : lines.RangeAt(at, at + 1);
    }
}
