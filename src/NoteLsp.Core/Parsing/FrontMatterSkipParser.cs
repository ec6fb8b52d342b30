using Markdig;
using Markdig.Parsers;
using Markdig.Syntax;

namespace NoteLsp.Core.Parsing;

/// <summary>The lines of the front matter, as one block Markdig leaves alone (no inlines, so no links).</summary>
internal sealed class FrontMatterSkipBlock(BlockParser parser) : LeafBlock(parser);

/// <summary>
/// Makes Markdig skip exactly the front matter <see cref="FrontMatterReader"/> found, so the whole note is parsed in
/// place (no copy of its body) and Markdig never disagrees with our reader about where the front matter ends.
/// Where the closing line starts comes through the parser context.
/// </summary>
internal sealed class FrontMatterSkipParser : BlockParser
{
    private const string ClosingLineKey = "notelsp.frontMatterClosingLine";

    public FrontMatterSkipParser() => OpeningCharacters = ['-', '\uFEFF'];

    /// <param name="closingLineStart">where the front matter's closing line starts; no context (nothing skipped) when negative</param>
    public static MarkdownParserContext? ContextFor(int closingLineStart)
    {
        if (closingLineStart <= 0) return null;
        var context = new MarkdownParserContext();
        context.Properties[ClosingLineKey] = closingLineStart;
        return context;
    }

    private static int ClosingLineStart(BlockProcessor processor) =>
        processor.Context?.Properties.TryGetValue(ClosingLineKey, out var value) == true && value is int start ? start : -1;

    public override BlockState TryOpen(BlockProcessor processor)
    {
        if (processor.LineIndex != 0 || ClosingLineStart(processor) <= 0) return BlockState.None;
        processor.NewBlocks.Push(new FrontMatterSkipBlock(this) { Column = processor.Column, Span = new SourceSpan(0, processor.Line.End) });
        return BlockState.ContinueDiscard;
    }

    public override BlockState TryContinue(BlockProcessor processor, Block block)
    {
        block.UpdateSpanEnd(processor.Line.End);
        // The closing line ends the block and is consumed with it; the next line is the body's first.
        return processor.Line.Start >= ClosingLineStart(processor) ? BlockState.BreakDiscard : BlockState.ContinueDiscard;
    }
}
