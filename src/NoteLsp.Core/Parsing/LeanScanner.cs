using NoteLsp.Core.Model;
using NoteLsp.Core.Text;

namespace NoteLsp.Core.Parsing;

/// <summary>
/// Reads a closed note's links, headings, block ids, tags, timestamps, footnotes, callouts and comments without
/// building a Markdown tree: a fast path for the bulk read of a vault. It reads exactly a subset of Markdown (ATX
/// headings, paragraphs, one-line list items at the margin, one-level block quotes of paragraphs, fenced code, HTML
/// comment blocks, and inside text wikilinks, footnotes, tags, code spans, simple inline links and images, timestamp
/// anchors and bare inline tags) and gives up — null, so <see cref="NoteParser.Parse"/> reads the note — the moment
/// anything else appears (docs/notes-format.md §16). tests/NoteLsp.Fuzz checks that whatever it returns equals the
/// Markdig parse.
/// </summary>
internal static partial class LeanScanner
{
    public static ParsedNote? TryParse(string relativePath, string text, bool hasInvalidEncoding = false)
    {
        if (text.Length > 0 && text[0] == '\uFEFF') return null;
        var lines = LineMap.Build(text);
        var frontMatter = FrontMatterReader.Read(text, lines);
        var bodyStart = NoteParser.BodyStart(frontMatter.ClosingLineStart, lines);
        var body = text.AsSpan(bodyStart);
        // Tabs change block structure by column; NUL is replaced by Markdig; a bracket flood is neutralized by NestingGuard.
        if (body.IndexOfAny('\t', '\0') >= 0 || body.Count('[') > 1000) return null;
        var comments = CommentSyntax.Find(text, bodyStart);
        var sink = new NoteElementSink(text, lines, comments);
        return new Blocks(text, lines, sink).Read(bodyStart) ? sink.Build(relativePath, frontMatter, hasInvalidEncoding) : null;
    }
}
