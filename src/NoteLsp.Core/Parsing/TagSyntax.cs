using System.Buffers;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Syntax.Inlines;
using NoteLsp.Core.Model;
using NoteLsp.Core.Text;

namespace NoteLsp.Core.Parsing;

/// <summary>The tag rule of docs/notes-format.md §14, shared by the parser, completion and rename.</summary>
public static class TagSyntax
{
    /// <summary>
    /// Length of the tag name starting at <paramref name="start"/> (just after '#'), 0 when there is none: letters,
    /// digits, combining marks, '_', '-' and '/', not starting with '/', trailing '/' left out, and at least one
    /// character that is not a digit or '/' (<c>#1984</c> is not a tag; <c>#01:59</c> is a time).
    /// </summary>
    public static int NameLength(ReadOnlySpan<char> text, int start)
    {
        var i = start;
        var end = start;
        var named = false;
        while (i < text.Length)
        {
            if (Rune.DecodeFromUtf16(text[i..], out var rune, out var width) != OperationStatus.Done) break;
            var isSlash = rune.Value == '/';
            if (isSlash && i == start) break;
            if (!isSlash && !IsNameRune(rune)) break;
            i += width;
            if (isSlash) continue;
            end = i;
            named |= !Rune.IsDigit(rune);
        }
        return named ? end - start : 0;
    }

    private static bool IsNameRune(Rune rune) =>
        rune.Value is '_' or '-' || Rune.IsLetterOrDigit(rune)
        || Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    /// <summary>Whether the whole text (without '#') is one tag name: what a rename accepts.</summary>
    public static bool IsName(string name) => name.Length > 0 && NameLength(name, 0) == name.Length;

    /// <summary>
    /// The tags of the front matter <c>tags</c> values: each value is split at commas and blanks, a leading '#' is
    /// dropped, and what is not a tag name is left out. A value whose YAML source is its text (plain or simply quoted,
    /// nearly all) gets a range per name; any other keeps the whole node's range (<see cref="TagForm.FrontMatterNode"/>).
    /// </summary>
    internal static void AddFrontMatterTags(ImmutableArray<FrontMatterValue> values, string text, LineMap lines, ImmutableArray<Tag>.Builder tags)
    {
        foreach (var value in values)
        {
            var nodeStart = lines.OffsetAt(text, value.Range.Start);
            var nodeEnd = lines.OffsetAt(text, value.Range.End);
            var source = text.AsSpan(nodeStart, nodeEnd - nodeStart);
            var quoted = source.Length >= 2 && source[0] is '"' or '\'' && source[^1] == source[0];
            var inner = quoted ? source[1..^1] : source;
            var verbatim = inner.SequenceEqual(value.Value) && value.Range.Start.Line == value.Range.End.Line;
            var valueStart = nodeStart + (quoted ? 1 : 0);
            var written = value.Value;
            var i = 0;
            while (i < written.Length)
            {
                if (written[i] is ',' || char.IsWhiteSpace(written[i])) { i++; continue; }
                var pieceStart = i;
                while (i < written.Length && written[i] is not ',' && !char.IsWhiteSpace(written[i])) i++;
                var hash = written[pieceStart] == '#';
                var nameStart = hash ? pieceStart + 1 : pieceStart;
                var length = NameLength(written.AsSpan(0, i), nameStart);
                if (length == 0 || nameStart + length != i) continue;
                var name = StringPool.Intern(written.AsSpan(nameStart, length));
                tags.Add(verbatim
                    ? new Tag(name, lines.RangeAt(valueStart + nameStart, valueStart + nameStart + length), hash ? TagForm.FrontMatterWithHash : TagForm.FrontMatter)
                    : new Tag(name, value.Range, TagForm.FrontMatterNode));
            }
        }
    }
}

/// <summary>An inline <c>#tag</c> found by <see cref="TagInlineParser"/>: source offsets of the name (without '#').</summary>
internal sealed class TagInline : LeafInline
{
    public int NameStart, NameEnd;
}

/// <summary>
/// Parses <c>#tag</c> where '#' starts a block's text or follows a blank (docs/notes-format.md §14). An inline parser,
/// so code spans, code blocks, HTML and comments, link destinations and autolinks — consumed by their own parsers —
/// never hold tags, and a heading's own '#' marks are block syntax it never sees.
/// </summary>
internal sealed class TagInlineParser : InlineParser
{
    public TagInlineParser() => OpeningCharacters = ['#'];

    public override bool Match(InlineProcessor processor, ref StringSlice slice)
    {
        var text = slice.Text;
        var start = slice.Start;
        // After a blank or a line break; or first in its block (a one-line block's slice is the source line, so the
        // character before it may be a container's marker such as '>').
        var first = processor.Inline is null || processor.Inline is ContainerInline { FirstChild: null, Parent: null };
        if (start > 0 && !first && !char.IsWhiteSpace(text[start - 1])) return false;
        var length = TagSyntax.NameLength(text.AsSpan(0, slice.End + 1), start + 1);
        if (length == 0) return false;

        var sourceStart = processor.GetSourcePosition(start, out var line, out var column);
        var shift = sourceStart - start; // the tag lies on one line: its source offsets are contiguous
        var tag = new TagInline
        {
            NameStart = start + 1 + shift,
            NameEnd = start + 1 + length + shift,
            Line = line,
            Column = column,
        };
        tag.Span = new Markdig.Syntax.SourceSpan(sourceStart, tag.NameEnd - 1);
        processor.Inline = tag;
        slice.Start = start + 1 + length;
        return true;
    }
}
