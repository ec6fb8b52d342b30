using Markdig;
using Markdig.Parsers.Inlines;
using Markdig.Syntax;
using NoteLsp.Core.Text;

namespace NoteLsp.Core.Parsing;

/// <summary>
/// The block structure of one open document (headings, paragraphs, lists, quotes, code, HTML), for the features that
/// need the shape of the text rather than its names: folding, selection ranges, callouts. Inline syntax is not parsed
/// (only the literal parser runs), so a 1 MB note costs one linear block pass. Never kept in a snapshot.
/// </summary>
internal sealed class NoteBlocks
{
    private static readonly MarkdownPipeline BlocksOnly = BuildPipeline();

    private static MarkdownPipeline BuildPipeline()
    {
        var builder = new MarkdownPipelineBuilder().UsePreciseSourceLocation();
        builder.BlockParsers.Insert(0, new FrontMatterSkipParser());
        builder.InlineParsers.RemoveAll(p => p is not LiteralInlineParser);
        return builder.Build();
    }

    private NoteBlocks(string text, LineMap lines, int frontMatterClosingLine, CommentSpans comments, MarkdownDocument? document)
    {
        Text = text;
        Lines = lines;
        FrontMatterClosingLine = frontMatterClosingLine;
        Comments = comments;
        Document = document;
    }

    public string Text { get; }

    public LineMap Lines { get; }

    /// <summary>The line closing the front matter (which starts at line 0), or -1 without front matter.</summary>
    public int FrontMatterClosingLine { get; }

    public CommentSpans Comments { get; }

    /// <summary>The Markdig tree; null when Markdig gave up on hostile input (the features then answer from what is left).</summary>
    public MarkdownDocument? Document { get; }

    public static NoteBlocks Parse(string text, CancellationToken cancellationToken = default)
    {
        var lines = LineMap.Build(text);
        var closingLine = FrontMatterReader.ClosingLine(text, lines);
        var closingLineStart = closingLine > 0 ? lines.LineStart(closingLine) : -1;
        var comments = CommentSyntax.Find(text, NoteParser.BodyStart(closingLineStart, lines));
        cancellationToken.ThrowIfCancellationRequested();
        MarkdownDocument? document;
        try
        {
            document = Markdown.Parse(NestingGuard.Flatten(text), BlocksOnly, FrontMatterSkipParser.ContextFor(closingLineStart));
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or IndexOutOfRangeException or InsufficientExecutionStackException)
        {
            document = null;
        }
        return new NoteBlocks(text, lines, closingLine, comments, document);
    }

    /// <summary>The last line a block covers (Markdig spans end inclusive; an empty span is one line).</summary>
    /// <remarks>Markdig leaves an unclosed fence's span at its opening line: its content lines say where it ends.</remarks>
    public int EndLine(Block block)
    {
        var end = Lines.PositionAt(Math.Clamp(block.Span.End, block.Span.Start, Text.Length)).Line;
        if (block is LeafBlock { Lines.Count: > 0 } leaf) end = Math.Max(end, leaf.Lines.Lines[leaf.Lines.Count - 1].Line);
        return end;
    }

    public int StartLine(Block block) => Lines.PositionAt(Math.Clamp(block.Span.Start, 0, Text.Length)).Line;

    /// <summary>Whether a line holds only blanks (or is past the end).</summary>
    public bool IsBlankLine(int line)
    {
        if (line < 0 || line >= Lines.LineCount) return true;
        var start = Lines.LineStart(line);
        return Text.AsSpan(start, Lines.LineContentEnd(Text, line) - start).IsWhiteSpace();
    }
}
