using NoteLsp.Core.Text;

namespace NoteLsp.Core.Parsing;

internal static partial class LeanScanner
{
    /// <summary>The block pass: one line at a time, with at most one open paragraph, quote, fence or HTML comment.</summary>
    private sealed class Blocks(string text, LineMap lines, NoteElementSink sink)
    {
        private readonly List<(int Start, int End)> _paragraph = [];
        private int _quoteStart = -1, _quoteEnd;
        private char _fenceChar;
        private int _fenceLength;
        private bool _inHtmlComment;
        private bool _inIndentedCode;
        private char _listDelimiter; // '-', '*', '+', '.' or ')' while a list is open at the margin, else '\0'

        /// <summary>False when the note holds something the scanner does not read exactly.</summary>
        public bool Read(int bodyStart)
        {
            var first = bodyStart >= text.Length ? lines.LineCount : lines.PositionAt(bodyStart).Line;
            for (var line = first; line < lines.LineCount; line++)
            {
                var start = lines.LineStart(line);
                if (start < bodyStart) continue;
                if (!Line(start, lines.LineContentEnd(text, line))) return false;
            }
            return FlushParagraph() && FlushQuote();
        }

        private bool Line(int start, int end)
        {
            if (_fenceChar != '\0')
            {
                var closing = ClosingFence(start, end);
                if (closing == true) _fenceChar = '\0';
                return closing is not null;
            }
            if (_inHtmlComment)
            {
                if (text.AsSpan(start, end - start).IndexOf("-->", StringComparison.Ordinal) >= 0) _inHtmlComment = false;
                return true;
            }
            if (IsBlank(start, end)) return FlushParagraph() && FlushQuote();
            if (_inIndentedCode || (_paragraph.Count == 0 && _quoteStart < 0 && _listDelimiter == '\0'))
            {
                // Indented code (four spaces, after a blank or a block; never inside a list, where it continues the item).
                _inIndentedCode = text.AsSpan(start, end - start).StartsWith("    ", StringComparison.Ordinal);
                if (_inIndentedCode) return true;
            }
            if (char.IsWhiteSpace(text[start])) return false; // Unicode blanks: where Markdig and .NET disagree
            if (_quoteStart >= 0)
            {
                if (text[start] != '>') return _paragraph.Count == 0 && FlushQuote() && Block(start, end); // else a lazy line
                return QuoteLine(start, end);
            }
            return Block(start, end);
        }

        /// <summary>A line outside any container.</summary>
        private bool Block(int start, int end)
        {
            var kind = Classify(start, end);
            // A block at the margin ends the list, except a list item and a lazy line continuing the item's paragraph.
            if (!(kind is Kind.Bullet or Kind.Ordered || (kind == Kind.Text && _paragraph.Count > 0))) _listDelimiter = '\0';
            switch (kind)
            {
                case Kind.Text:
                    if (_paragraph.Count == 0 && StartsDefinition(start, end)) return false;
                    _paragraph.Add((start, end));
                    return true;
                case Kind.Heading:
                    return FlushParagraph() && Heading(start, end);
                case Kind.Fence:
                    (_fenceChar, _fenceLength) = (text[start], RunLength(start, end, text[start]));
                    return FlushParagraph();
                case Kind.Quote:
                    if (!FlushParagraph()) return false;
                    _quoteStart = start;
                    return QuoteLine(start, end);
                case Kind.HtmlComment:
                    // An HTML comment block runs to the line holding "-->" (its opening line included).
                    if (start + 4 < end && text[start + 4] is '>' or '-') return false;
                    _inHtmlComment = text.AsSpan(start + 4, end - start - 4).IndexOf("-->", StringComparison.Ordinal) < 0;
                    return FlushParagraph();
                case Kind.Bullet or Kind.Ordered:
                    return ListItem(start, end);
                default:
                    return false;
            }
        }

        private bool ListItem(int start, int end)
        {
            var kind = Classify(start, end);
            var content = kind == Kind.Bullet ? start + 2 : text.IndexOfAny(['.', ')'], start) + 2;
            var delimiter = text[content - 2];
            // An ordered item interrupts a paragraph only from 1, unless it continues the list.
            if (kind == Kind.Ordered && _paragraph.Count > 0 && delimiter != _listDelimiter && !(content - start == 3 && text[start] == '1')) return false;
            _listDelimiter = delimiter;
            if (!FlushParagraph()) return false;
            if (Classify(content, end) != Kind.Text || StartsDefinition(content, end)) return false;
            _paragraph.Add((content, end));
            return true;
        }

        private bool QuoteLine(int start, int end)
        {
            var content = start + 1;
            if (content < end && text[content] == ' ') content++;
            _quoteEnd = end;
            if (IsBlank(content, end)) return FlushParagraph();
            if (char.IsWhiteSpace(text[content])) return false;
            if (Classify(content, end) != Kind.Text) return false;
            if (_paragraph.Count == 0 && StartsDefinition(content, end)) return false;
            _paragraph.Add((content, end));
            return true;
        }

        private bool FlushQuote()
        {
            if (_quoteStart < 0) return true;
            if (!sink.InComment(_quoteStart)) sink.AddCallout(_quoteStart, _quoteEnd);
            _quoteStart = -1;
            return true;
        }

        private bool FlushParagraph()
        {
            if (_paragraph.Count == 0) return true;
            var ok = new Inlines(text, sink).Read(_paragraph);
            if (ok) sink.AddBlockId(_paragraph[0].Start, _paragraph[^1].End);
            _paragraph.Clear();
            return ok;
        }

        private bool Heading(int start, int end)
        {
            var level = RunLength(start, end, '#');
            var contentStart = start + level;
            while (contentStart < end && text[contentStart] == ' ') contentStart++;
            var contentEnd = end;
            while (contentEnd > contentStart && text[contentEnd - 1] == ' ') contentEnd--;
            var content = text.AsSpan(contentStart, contentEnd - contentStart);
            if (content.IsEmpty) return end == contentEnd || SpecialHeading(start, end);
            if (content.IndexOfAny(HeadingMarkup) >= 0 || end > contentEnd || char.IsWhiteSpace(content[0]) || char.IsWhiteSpace(content[^1]))
            {
                return SpecialHeading(start, end);
            }
            if (!sink.InComment(start)) sink.AddHeading(level, content.ToString(), start, end, contentStart, contentEnd);
            return new Inlines(text, sink).Read([(contentStart, contentEnd)]);
        }

        private static readonly System.Buffers.SearchValues<char> HeadingMarkup = System.Buffers.SearchValues.Create("*_`\\&<[]!#");

        /// <summary>
        /// A heading with markup (emphasis, links, a closing sequence): its text and extent come from Markdig on that
        /// one line, which reads a heading's inlines exactly as within the note (no reference definitions: see <see cref="StartsDefinition"/>).
        /// </summary>
        private bool SpecialHeading(int start, int end)
        {
            if (NoteParser.ReadHeadingLine(text.Substring(start, end - start)) is not { } heading) return false;
            if (!sink.InComment(start + heading.BlockStart))
            {
                sink.AddHeading(heading.Level, heading.Text, start + heading.BlockStart, start + heading.BlockEnd, start + heading.TextStart, start + heading.TextEnd);
            }
            return new Inlines(text, sink).Read([(start + heading.TextStart, start + heading.TextEnd)]);
        }

        private enum Kind { Text, Heading, Fence, Quote, HtmlComment, Bullet, Ordered, Unsupported }

        /// <summary>What a line (or a container's content) starting at <paramref name="start"/> opens.</summary>
        private Kind Classify(int start, int end)
        {
            var c = text[start];
            switch (c)
            {
                case ' ':
                    return Kind.Unsupported; // indented code, or continuation by indent
                case '#':
                    var hashes = RunLength(start, end, '#');
                    return hashes <= 6 && (start + hashes == end || text[start + hashes] == ' ') ? Kind.Heading : Kind.Text;
                case '`' or '~':
                    if (RunLength(start, end, c) < 3) return Kind.Text;
                    return c == '`' && text.AsSpan(start, end - start).TrimStart('`').Contains('`') ? Kind.Unsupported : Kind.Fence;
                case '>':
                    return Kind.Quote;
                case '<':
                    if (text.AsSpan(start, end - start).StartsWith("<!--", StringComparison.Ordinal)) return Kind.HtmlComment;
                    return AnchorTimestamp.TryMatch(text, start, end, out _) ? Kind.Text : Kind.Unsupported;
            }
            if (IsBreakLike(start, end)) return Kind.Unsupported;
            if (c is '-' or '*' or '+')
            {
                if (start + 1 >= end || text[start + 1] == ' ') return start + 2 < end && text[start + 2] != ' ' ? Kind.Bullet : Kind.Unsupported;
                return Kind.Text;
            }
            if (char.IsAsciiDigit(c))
            {
                var i = start;
                while (i < end && char.IsAsciiDigit(text[i])) i++;
                if (i < end && text[i] is '.' or ')')
                {
                    if (i - start > 9) return Kind.Text;
                    return i + 2 < end && text[i + 1] == ' ' && text[i + 2] != ' ' ? Kind.Ordered : Kind.Unsupported;
                }
            }
            return Kind.Text;
        }

        /// <summary>A thematic break or setext underline: one of - * _ = repeated, with spaces.</summary>
        private bool IsBreakLike(int start, int end)
        {
            var c = text[start];
            if (c is not ('-' or '*' or '_' or '=')) return false;
            for (var i = start; i < end; i++)
            {
                if (text[i] != c && text[i] != ' ') return false;
            }
            return true;
        }

        /// <summary>"[label]: …" opening a paragraph may be a link reference definition: not read here.</summary>
        private bool StartsDefinition(int start, int end) =>
            text[start] == '[' && text.AsSpan(start, end - start).IndexOf("]:", StringComparison.Ordinal) >= 0;

        /// <summary>Whether the line closes the open fence; null when only Unicode blanks follow the run (read apart by Markdig).</summary>
        private bool? ClosingFence(int start, int end)
        {
            var i = start;
            while (i < end && i - start < 4 && text[i] == ' ') i++;
            if (i - start > 3) return false;
            var run = RunLength(i, end, _fenceChar);
            if (run < _fenceLength) return false;
            if (IsBlank(i + run, end)) return true;
            return text.AsSpan(i + run, end - i - run).IsWhiteSpace() ? null : false;
        }

        /// <summary>Only spaces (tabs never reach here): what Markdown calls blank, unlike char.IsWhiteSpace.</summary>
        private bool IsBlank(int start, int end) => text.AsSpan(start, end - start).TrimStart(' ').IsEmpty;

        private int RunLength(int start, int end, char c)
        {
            var i = start;
            while (i < end && text[i] == c) i++;
            return i - start;
        }
    }
}
