using System.Text;
using Markdig;
using Markdig.Parsers.Inlines;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using NoteLsp.Core.Model;
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
        }
        return collector.Build(relativePath, frontMatter, hasInvalidEncoding);
    }

    /// <summary>
    /// A note read from disk and not open: the lean scanner when the note holds only what it reads exactly
    /// (<see cref="LeanScanner"/>), else <see cref="Parse"/>. Both give the same note.
    /// </summary>
    public static ParsedNote ParseClosed(string relativePath, string text, bool hasInvalidEncoding = false) =>
        LeanScanner.TryParse(relativePath, text, hasInvalidEncoding) ?? Parse(relativePath, text, hasInvalidEncoding);

    /// <summary>
    /// One ATX heading line read by Markdig alone (a heading's inlines read the same within a note, bar reference
    /// definitions): its level, the text a reader sees (trimmed, maybe empty) and its offsets in the line; null when
    /// the line is not one heading with inlines.
    /// </summary>
    internal static (int Level, string Text, int BlockStart, int BlockEnd, int TextStart, int TextEnd)? ReadHeadingLine(string line)
    {
        var document = Markdown.Parse(line, Pipeline);
        if (document.Count != 1 || document[0] is not HeadingBlock { Inline.FirstChild: { } first } heading) return null;
        var plain = new Collector(line, LineMap.Build(line), CommentSpans.None).PlainText(heading.Inline).Trim();
        return (heading.Level, plain, heading.Span.Start, heading.Span.End + 1, first.Span.Start, heading.Inline.LastChild!.Span.End + 1);
    }

    /// <summary>Where the body starts: the line after the front matter's closing line (0 without front matter).</summary>
    public static int BodyStart(int closingLineStart, LineMap lines)
    {
        if (closingLineStart <= 0) return 0;
        var next = lines.PositionAt(closingLineStart).Line + 1;
        return next < lines.LineCount ? lines.LineStart(next) : lines.TextLength;
    }

    /// <summary>Walks the Markdig tree once and hands what it finds to the shared <see cref="NoteElementSink"/>.</summary>
    private sealed class Collector(string text, LineMap lines, CommentSpans comments) : NoteElementSink(text, lines, comments)
    {
        public void Walk(MarkdownDocument document)
        {
            foreach (var node in document.Descendants())
            {
                // What a %% comment holds is not read (docs/notes-format.md §10); Markdig does not know the syntax.
                if (node is not (HtmlBlock or ParagraphBlock) && InComment(node.Span.Start)) continue;
                switch (node)
                {
                    case WikiLinkInline wiki:
                        AddWikiLink(wiki.Link);
                        break;
                    case FootnoteInline footnote:
                        AddFootnote(footnote.Footnote);
                        break;
                    case AnchorTimestampInline anchor:
                        AddAnchorTimestamp(anchor.Match);
                        break;
                    case TagInline tag when tag.Parent is not LinkInline: // "[#x](url)" is link text
                        AddInlineTag(tag.NameStart, tag.NameEnd);
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
                        // Markdig releases a paragraph's lines once its inlines are parsed: the id is read from the source.
                        if (!paragraph.Span.IsEmpty) AddBlockId(paragraph.Span.Start, paragraph.Span.End + 1);
                        break;
                    case QuoteBlock quote:
                        AddCallout(quote.Span.Start, quote.Span.End + 1);
                        break;
                    case HtmlBlock html when html.Type != HtmlBlockType.Comment:
                        // Markdig leaves HTML blocks unparsed; a timestamp anchor there still renders as one.
                        foreach (var match in AnchorTimestamp.FindAll(Text, html.Span.Start, html.Span.End + 1))
                        {
                            if (!InComment(match.Start)) AddAnchorTimestamp(match);
                        }
                        break;
                }
            }
        }

        private string Body(int start, int end) => Text.Substring(start, end - start);

        private void AddLink(LinkInline link)
        {
            // Images and autolinks are not note links; a reference link is reported at its definition.
            if (link.IsImage || link.IsAutoLink || link.Reference is not null || link.UrlSpan.IsEmpty) return;
            var (labelText, labelStart, labelEnd) = Label(link);
            AddInlineLink(link.Span.Start, link.Span.End + 1, labelText, labelStart, labelEnd, link.UrlSpan.Start, link.UrlSpan.End + 1);
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
            AddDefinitionLink(definition.Span.Start, definition.Span.End + 1, definition.Label ?? "", definition.UrlSpan.Start, definition.UrlSpan.End + 1);
        }

        private (string Text, int Start, int End) Label(ContainerInline link)
        {
            if (link.FirstChild is null) return ("", -1, -1);
            var start = link.FirstChild.Span.Start;
            var end = link.LastChild!.Span.End + 1;
            return (PlainText(link).Trim(), start, end);
        }

        private void AddFootnoteDefinition(LinkReferenceDefinition definition)
        {
            var start = definition.Span.Start;
            var end = Math.Min(definition.Span.End + 1, Text.Length);
            var open = Text.IndexOf("[^", start, end - start, StringComparison.Ordinal);
            if (open < 0) return;
            var close = Text.IndexOf(']', open, end - open);
            if (close <= open + 2) return;
            AddFootnote(open, open + 2, close, isDefinition: true);
        }

        private void AddHeading(HeadingBlock heading)
        {
            if (heading.Inline?.FirstChild is not { } first) return;
            AddHeading(heading.Level, PlainText(heading.Inline).Trim(), heading.Span.Start, heading.Span.End + 1,
                first.Span.Start, heading.Inline.LastChild!.Span.End + 1);
        }

        /// <summary>The text a reader sees: what headings are matched and anchored by, and link labels.</summary>
        public string PlainText(ContainerInline container)
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
                    sb.Append(wiki.Link.LabelStart >= 0 ? Body(wiki.Link.LabelStart, wiki.Link.LabelEnd) : Body(wiki.Link.TargetStart, wiki.Link.TargetEnd));
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
