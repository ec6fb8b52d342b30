using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Parsers.Inlines;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using NoteLsp.Core.Model;
using NoteLsp.Core.Names;
using NoteLsp.Core.Text;

namespace NoteLsp.Core.Parsing;

/// <summary>Parses one note's text into a <see cref="ParsedNote"/> (Markdig with precise locations + YamlDotNet). Never throws on any input.</summary>
public static partial class NoteParser
{
    private static readonly MarkdownPipeline Pipeline = BuildPipeline();

    private static MarkdownPipeline BuildPipeline()
    {
        var builder = new MarkdownPipelineBuilder().UsePreciseSourceLocation();
        builder.BlockParsers.Insert(0, new FrontMatterSkipParser());
        // Ours go first: "[[" must not start a Markdown link, and a yt-timestamp anchor must not be split into HTML tags.
        builder.InlineParsers.Insert(0, new WikiLinkInlineParser());
        builder.InlineParsers.Insert(1, new FootnoteInlineParser());
        builder.InlineParsers.InsertBefore<AutolinkInlineParser>(new AnchorTimestampInlineParser());
        builder.InlineParsers.Add(new TagInlineParser());
        return builder.Build();
    }

    /// <param name="relativePath">vault-relative path with '/' separators, e.g. "folder/note.md"</param>
    /// <param name="text">the note's text (already decoded; a BOM is not expected but tolerated)</param>
    /// <param name="hasInvalidEncoding">the bytes were not valid UTF-8 (see <see cref="NoteText.Decode"/>)</param>
    public static ParsedNote Parse(string relativePath, string text, bool hasInvalidEncoding = false)
    {
        var lines = LineMap.Build(text);
        var stem = StemOf(relativePath);
        var frontMatter = FrontMatterReader.Read(text, lines);
        var comments = CommentSyntax.Find(text, BodyStart(frontMatter.ClosingLineStart, lines));
        var collector = new Collector(text, lines, comments);
        try
        {
            // The whole note, in place: the front matter's lines are skipped by FrontMatterSkipParser.
            collector.Walk(Markdown.Parse(NestingGuard.Flatten(text), Pipeline, FrontMatterSkipParser.ContextFor(frontMatter.ClosingLineStart)));
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or IndexOutOfRangeException or InsufficientExecutionStackException)
        {
            // Markdig on hostile input (absurd nesting): keep the note with what was collected; names still work.
            collector.Abandoned = true;
        }

        var fm = frontMatter.FrontMatter;
        var headings = collector.Headings();
        var (title, titleSource, titleRange) = TitleOf(frontMatter.Scalars?.GetValueOrDefault("title"), headings, stem);
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
            BlockIds = collector.BlockIds.ToImmutable(),
            WikiLinks = collector.WikiLinks.ToImmutable(),
            MarkdownLinks = collector.MarkdownLinks.ToImmutable(),
            Timestamps = SortedByStart(collector.Timestamps),
            Footnotes = collector.Footnotes(),
            Callouts = collector.Callouts.ToImmutable(),
            Comments = comments.Spans.Count == 0 ? [] : [.. comments.Spans.Select(s => lines.RangeAt(s.Start, s.End))],
            TagOccurrences = collector.TagsWith(fm?.Tags ?? []),
            HasInvalidEncoding = hasInvalidEncoding,
            InvalidEncodingRange = hasInvalidEncoding ? InvalidEncodingRange(text, lines) : null,
            End = lines.PositionAt(text.Length),
        };
    }

    /// <summary>Where the body starts: the line after the front matter's closing line (0 without front matter).</summary>
    public static int BodyStart(int closingLineStart, LineMap lines)
    {
        if (closingLineStart <= 0) return 0;
        var next = lines.PositionAt(closingLineStart).Line + 1;
        return next < lines.LineCount ? lines.LineStart(next) : lines.TextLength;
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

    private static TextRange InvalidEncodingRange(string text, LineMap lines)
    {
        var at = text.IndexOf('\uFFFD');
        return at < 0 ? new TextRange(0, 0, 0, 0) : lines.RangeAt(at, at + 1);
    }

    private static ImmutableArray<Timestamp> SortedByStart(ImmutableArray<Timestamp>.Builder timestamps)
    {
        // Inline and HTML-block timestamps are collected in two passes; notes show them in text order.
        timestamps.Sort((a, b) => a.Range.Start.CompareTo(b.Range.Start));
        return timestamps.ToImmutable();
    }

    [GeneratedRegex(@"(?:^|[ \t])\^(?<id>[A-Za-z0-9][A-Za-z0-9_-]*)[ \t]*$", RegexOptions.CultureInvariant)]
    private static partial Regex BlockIdPattern();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.\-]*:", RegexOptions.CultureInvariant)]
    private static partial Regex SchemePattern();

    /// <summary>Walks the Markdig tree once and turns what it finds into model records with ranges.</summary>
    private sealed class Collector(string text, LineMap lines, CommentSpans comments)
    {
        private readonly List<(HeadingBlock Block, string Text, int Start, int End)> _headings = [];
        private readonly List<Tag> _inlineTags = [];

        /// <summary>The front matter's tags, then the text's in order (docs/notes-format.md §14).</summary>
        public ImmutableArray<Tag> TagsWith(ImmutableArray<FrontMatterValue> frontMatterTags)
        {
            if (frontMatterTags.IsEmpty && _inlineTags.Count == 0) return [];
            var tags = ImmutableArray.CreateBuilder<Tag>(_inlineTags.Count + frontMatterTags.Length);
            TagSyntax.AddFrontMatterTags(frontMatterTags, text, lines, tags);
            tags.AddRange(_inlineTags);
            return tags.ToImmutable();
        }

        public bool Abandoned { get; set; }
        public ImmutableArray<BlockId>.Builder BlockIds { get; } = ImmutableArray.CreateBuilder<BlockId>();
        public ImmutableArray<WikiLink>.Builder WikiLinks { get; } = ImmutableArray.CreateBuilder<WikiLink>();
        public ImmutableArray<MarkdownLink>.Builder MarkdownLinks { get; } = ImmutableArray.CreateBuilder<MarkdownLink>();
        public ImmutableArray<Timestamp>.Builder Timestamps { get; } = ImmutableArray.CreateBuilder<Timestamp>();
        private readonly List<Footnote> _footnotes = [];
        public ImmutableArray<Callout>.Builder Callouts { get; } = ImmutableArray.CreateBuilder<Callout>();

        private TextRange Range(int start, int end) => lines.RangeAt(start, end);

        private string Body(int start, int end) => text.Substring(start, end - start);

        public void Walk(MarkdownDocument document)
        {
            foreach (var node in document.Descendants())
            {
                // What a %% comment holds is not read (docs/notes-format.md §10); Markdig does not know the syntax.
                if (node is not (HtmlBlock or ParagraphBlock) && comments.Contains(node.Span.Start)) continue;
                switch (node)
                {
                    case WikiLinkInline wiki:
                        WikiLinks.Add(ToWikiLink(wiki));
                        break;
                    case FootnoteInline footnote:
                        AddFootnote(footnote.Start, footnote.LabelStart, footnote.LabelEnd, footnote.ColonFollows && StartsItsLine(footnote.Start));
                        break;
                    case AnchorTimestampInline anchor:
                        Timestamps.Add(ToTimestamp(anchor.Match));
                        break;
                    case TagInline tag when tag.Parent is not LinkInline: // "[#x](url)" is link text
                        _inlineTags.Add(new Tag(Pooled(tag.NameStart, tag.NameEnd), Range(tag.NameStart, tag.NameEnd), TagForm.Inline));
                        break;
                    case LinkInline link:
                        AddLink(link);
                        break;
                    case LinkReferenceDefinition definition:
                        AddDefinition(definition);
                        break;
                    case HeadingBlock heading:
                        AddHeading(heading);
                        break;
                    case ParagraphBlock paragraph:
                        AddBlockId(paragraph);
                        break;
                    case QuoteBlock quote:
                        if (CalloutSyntax.Read(text, quote.Span.Start, quote.Span.End + 1, lines) is { } callout) Callouts.Add(callout);
                        break;
                    case HtmlBlock html when html.Type != HtmlBlockType.Comment:
                        // Markdig leaves HTML blocks unparsed; a timestamp anchor there still renders as one.
                        foreach (var match in AnchorTimestamp.FindAll(text, html.Span.Start, html.Span.End + 1))
                        {
                            if (!comments.Contains(match.Start)) Timestamps.Add(ToTimestamp(match));
                        }
                        break;
                }
            }
        }

        /// <summary>A repeated short text (link target, fragment, time): one shared copy across the vault.</summary>
        private string Pooled(int start, int end) => StringPool.Intern(text, start, end - start);

        private WikiLink ToWikiLink(WikiLinkInline w)
        {
            string? Part(int start, int end) => start < 0 ? null : Pooled(start, end);
            TextRange? PartRange(int start, int end) => start < 0 ? null : Range(start, end);
            return new WikiLink(
                Range(w.Start, w.End),
                w.IsEmbed,
                Pooled(w.TargetStart, w.TargetEnd),
                Range(w.TargetStart, w.TargetEnd),
                Part(w.HeadingStart, w.HeadingEnd),
                PartRange(w.HeadingStart, w.HeadingEnd),
                Part(w.BlockStart, w.BlockEnd),
                PartRange(w.BlockStart, w.BlockEnd),
                PartRange(w.LabelStart, w.LabelEnd));
        }

        private Timestamp ToTimestamp(AnchorTimestampMatch m)
        {
            TextRange At(int start, int end) => lines.RangeAt(start, end);
            // Without data-t the opening tag stands in for the target: the target text is empty (an invalid time).
            var target = m.TargetStart == m.Start ? "" : StringPool.Intern(text, m.TargetStart, m.TargetEnd - m.TargetStart);
            return new Timestamp(TimestampForm.HtmlAnchor, At(m.Start, m.End), target, At(m.TargetStart, m.TargetEnd),
                StringPool.Intern(text, m.DisplayStart, m.DisplayEnd - m.DisplayStart), At(m.DisplayStart, m.DisplayEnd));
        }

        private void AddLink(LinkInline link)
        {
            // Images and autolinks are not note links; a reference link is reported at its definition.
            if (link.IsImage || link.IsAutoLink || link.Reference is not null || link.UrlSpan.IsEmpty) return;
            var (labelText, labelStart, labelEnd) = Label(link);
            var start = link.Span.Start;
            var end = link.Span.End + 1;
            if (!SplitDestination(link.UrlSpan, out var pathStart, out var pathEnd, out var fragmentStart, out var fragmentEnd)) return;

            // [00:01:59](#01:59) is a timestamp (Form B), never a heading link.
            if (pathStart == pathEnd && fragmentStart >= 0 && labelStart >= 0
                && TimeText.LooksLikeTime(Body(fragmentStart, fragmentEnd)) && TimeText.LooksLikeTime(labelText))
            {
                Timestamps.Add(new Timestamp(TimestampForm.MarkdownLink, Range(start, end),
                    Pooled(fragmentStart, fragmentEnd), Range(fragmentStart, fragmentEnd), StringPool.Intern(labelText), Range(labelStart, labelEnd)));
                return;
            }
            AddMarkdownLink(start, end, labelText, pathStart, pathEnd, fragmentStart, fragmentEnd);
        }

        private void AddDefinition(LinkReferenceDefinition definition)
        {
            // "[^1]: Note." reads as a link reference definition to CommonMark: it is a footnote's (§9), never a link.
            if (definition.Label is { } label && label.StartsWith('^'))
            {
                AddFootnoteDefinition(definition);
                return;
            }
            if (definition.UrlSpan.IsEmpty) return;
            if (!SplitDestination(definition.UrlSpan, out var pathStart, out var pathEnd, out var fragmentStart, out var fragmentEnd)) return;
            AddMarkdownLink(definition.Span.Start, definition.Span.End + 1, definition.Label ?? "", pathStart, pathEnd, fragmentStart, fragmentEnd);
        }

        private void AddMarkdownLink(int start, int end, string label, int pathStart, int pathEnd, int fragmentStart, int fragmentEnd)
        {
            var fragment = fragmentStart >= 0 ? StringPool.Intern(Uri.UnescapeDataString(Body(fragmentStart, fragmentEnd))) : null;
            if (pathStart == pathEnd && string.IsNullOrEmpty(fragment)) return; // "(#)" and "()": nothing to check
            MarkdownLinks.Add(new MarkdownLink(
                Range(start, end),
                label,
                StringPool.Intern(Uri.UnescapeDataString(Body(pathStart, pathEnd))),
                Range(pathStart, pathEnd),
                fragment,
                fragmentStart >= 0 ? Range(fragmentStart, fragmentEnd) : null));
        }

        /// <summary>Splits a link destination's source span into path and fragment; false for a link with a scheme.</summary>
        private bool SplitDestination(SourceSpan urlSpan, out int pathStart, out int pathEnd, out int fragmentStart, out int fragmentEnd)
        {
            var start = urlSpan.Start;
            var end = urlSpan.End + 1;
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

        private (string Text, int Start, int End) Label(ContainerInline link)
        {
            if (link.FirstChild is null) return ("", -1, -1);
            var start = link.FirstChild.Span.Start;
            var end = link.LastChild!.Span.End + 1;
            return (PlainText(link).Trim(), start, end);
        }

        private void AddFootnote(int start, int labelStart, int labelEnd, bool isDefinition) =>
            _footnotes.Add(new Footnote(Pooled(labelStart, labelEnd), Range(start, labelEnd + 1), Range(labelStart, labelEnd), isDefinition));

        private void AddFootnoteDefinition(LinkReferenceDefinition definition)
        {
            var start = definition.Span.Start;
            var end = Math.Min(definition.Span.End + 1, text.Length);
            var open = text.IndexOf("[^", start, end - start, StringComparison.Ordinal);
            if (open < 0) return;
            var close = text.IndexOf(']', open, end - open);
            if (close <= open + 2) return;
            AddFootnote(open, open + 2, close, isDefinition: true);
        }

        /// <summary>Only blanks and block quote markers before the offset on its line: where a footnote definition starts.</summary>
        private bool StartsItsLine(int offset)
        {
            for (var i = offset - 1; i >= 0 && text[i] is not ('\n' or '\r'); i--)
            {
                if (text[i] is not (' ' or '\t' or '>')) return false;
            }
            return true;
        }

        /// <summary>In text order: definitions read as link reference definitions are found apart from the inline ones.</summary>
        public ImmutableArray<Footnote> Footnotes()
        {
            _footnotes.Sort((a, b) => a.Range.Start.CompareTo(b.Range.Start));
            return [.. _footnotes];
        }

        private void AddHeading(HeadingBlock heading)
        {
            if (heading.Inline?.FirstChild is not { } first) return;
            var plain = PlainText(heading.Inline).Trim();
            if (plain.Length == 0) return;
            _headings.Add((heading, plain, first.Span.Start, heading.Inline.LastChild!.Span.End + 1));
        }

        public ImmutableArray<Heading> Headings()
        {
            var anchors = NoteNames.UniqueAnchors(_headings.Select(h => h.Text));
            var result = ImmutableArray.CreateBuilder<Heading>(_headings.Count);
            for (var i = 0; i < _headings.Count; i++)
            {
                var (block, plain, start, end) = _headings[i];
                var source = text.AsSpan(start, end - start);
                result.Add(new Heading(plain, block.Level, anchors[i],
                    Range(block.Span.Start, block.Span.End + 1), Range(start, end))
                {
                    Source = source.SequenceEqual(plain) ? null : source.ToString(),
                });
            }
            return result.MoveToImmutable();
        }

        private void AddBlockId(ParagraphBlock paragraph)
        {
            // Markdig releases a paragraph's lines once its inlines are parsed: read the last line from the source.
            var end = paragraph.Span.End + 1;
            if (paragraph.Span.IsEmpty || end > text.Length) return;
            var lineStart = lines.LineStart(lines.PositionAt(end - 1).Line);
            lineStart = Math.Max(lineStart, paragraph.Span.Start);
            if (text.AsSpan(lineStart, end - lineStart).IndexOf('^') < 0) return;
            var match = BlockIdPattern().Match(text, lineStart, end - lineStart);
            if (!match.Success) return;
            var id = match.Groups["id"];
            if (comments.Contains(id.Index)) return;
            BlockIds.Add(new BlockId(id.Value, lines.RangeAt(id.Index - 1, id.Index + id.Length), Range(paragraph.Span.Start, paragraph.Span.End + 1)));
        }

        /// <summary>The text a reader sees: what headings are matched and anchored by, and link labels.</summary>
        private string PlainText(ContainerInline container)
        {
            var sb = new StringBuilder();
            Append(container, sb);
            return sb.ToString();
        }

        private void Append(Inline inline, StringBuilder sb)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    sb.Append(literal.Content.AsSpan());
                    break;
                case CodeInline code:
                    sb.Append(code.Content);
                    break;
                case WikiLinkInline wiki:
                    sb.Append(wiki.LabelStart >= 0 ? Body(wiki.LabelStart, wiki.LabelEnd) : Body(wiki.TargetStart, wiki.TargetEnd));
                    break;
                case AnchorTimestampInline anchor:
                    sb.Append(Body(anchor.Match.DisplayStart, anchor.Match.DisplayEnd));
                    break;
                case TagInline tag:
                    sb.Append(Body(tag.NameStart - 1, tag.NameEnd));
                    break;
                case HtmlEntityInline entity:
                    sb.Append(entity.Transcoded.AsSpan());
                    break;
                case LineBreakInline:
                    sb.Append(' ');
                    break;
                case ContainerInline children:
                    for (var child = children.FirstChild; child is not null; child = child.NextSibling) Append(child, sb);
                    break;
            }
        }
    }
}
