namespace NoteLsp.Core.Parsing;

internal static partial class LeanScanner
{
    /// <summary>
    /// The inline pass over one block's lines (source segments without container markers), left to right in the order
    /// Markdig's parsers claim characters: wikilinks and footnotes before links, code spans and HTML before the rest.
    /// </summary>
    private sealed class Inlines(string text, NoteElementSink sink)
    {
        private const int MaxBacktickRuns = 64;
        private IReadOnlyList<(int Start, int End)> _segments = [];
        private int _backtickRuns;

        /// <summary>False when the block holds inline syntax the scanner does not read exactly.</summary>
        public bool Read(IReadOnlyList<(int Start, int End)> segments)
        {
            _segments = segments;
            var s = 0;
            var p = segments[0].Start;
            if (segments.Count == 1 && text.AsSpan(p, segments[0].End - p).IndexOfAny(Openers) < 0) return true;
            while (s < segments.Count)
            {
                var (segmentStart, end) = segments[s];
                if (p < segmentStart) p = segmentStart;
                if (p >= end)
                {
                    s++;
                    continue;
                }
                var next = Step(p, segmentStart, end);
                if (next < 0) return false;
                p = next;
                while (s < segments.Count && p >= segments[s].End) s++;
            }
            return true;
        }

        /// <summary>Reads what starts at <paramref name="p"/>; returns where to go on, or -1 to give up.</summary>
        private int Step(int p, int segmentStart, int end)
        {
            switch (text[p])
            {
                case '`':
                    return CodeSpan(p, end);
                case '\\':
                    return -1;
                case '&':
                    return p + 1 < end && (char.IsAsciiLetter(text[p + 1]) || text[p + 1] == '#') ? -1 : p + 1;
                case '<':
                    return Angle(p, end);
                case '!':
                    if (p + 1 >= end || text[p + 1] != '[') return p + 1;
                    if (WikiLinkSyntax.TryRead(text, p, end, out var embed)) return WikiLink(embed);
                    return Bracket(p + 1, end, image: true);
                case '[':
                    if (WikiLinkSyntax.TryRead(text, p, end, out var link)) return WikiLink(link);
                    if (p + 1 < end && text[p + 1] == '[') return -1;
                    if (FootnoteSyntax.TryRead(text, p, end, out var footnote))
                    {
                        if (!sink.InComment(p)) sink.AddFootnote(footnote);
                        return footnote.End;
                    }
                    return Bracket(p, end, image: false);
                case '#':
                    // After a blank or first on its line (a block's first line, or after a line break Markdig sees).
                    if (p > segmentStart && !char.IsWhiteSpace(text[p - 1])) return p + 1;
                    var length = TagSyntax.NameLength(text.AsSpan(0, end), p + 1);
                    if (length == 0) return p + 1;
                    if (!sink.InComment(p)) sink.AddInlineTag(p + 1, p + 1 + length);
                    return p + 1 + length;
                default:
                    // Prose: on to the next character any inline syntax starts with (vectorized).
                    var next = text.AsSpan(p + 1, end - p - 1).IndexOfAny(Openers);
                    return next < 0 ? end : p + 1 + next;
            }
        }

        private static readonly System.Buffers.SearchValues<char> Openers = System.Buffers.SearchValues.Create("`\\&<![#");

        private int WikiLink(WikiLinkSpan link)
        {
            if (!sink.InComment(link.Start)) sink.AddWikiLink(link);
            return link.End;
        }

        /// <summary>A backtick run: a code span to the next run of the same length in the block, else literal backticks.</summary>
        private int CodeSpan(int p, int end)
        {
            var run = Run(p, end);
            if (++_backtickRuns > MaxBacktickRuns) return -1;
            var blockEnd = _segments[^1].End;
            for (var i = p + run; i < blockEnd;)
            {
                var tick = text.IndexOf('`', i, blockEnd - i);
                if (tick < 0) break;
                var length = Run(tick, blockEnd);
                if (length == run) return tick + length;
                i = tick + length;
            }
            return p + run;
        }

        private int Run(int p, int end)
        {
            var i = p;
            while (i < end && text[i] == '`') i++;
            return i - p;
        }

        /// <summary>'&lt;': a timestamp anchor, a bare tag such as &lt;br/&gt;, or a literal before a blank.</summary>
        private int Angle(int p, int end)
        {
            if (AnchorTimestamp.TryMatch(text, p, end, out var match))
            {
                if (!sink.InComment(p)) sink.AddAnchorTimestamp(match);
                return match.End;
            }
            if (p + 1 >= end || text[p + 1] == ' ') return p + 1;
            var i = p + 1;
            if (text[i] == '/') i++;
            if (i >= end || !char.IsAsciiLetter(text[i])) return -1;
            while (i < end && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '-')) i++;
            while (i < end && text[i] == ' ') i++;
            if (i < end && text[i] == '/' && text[p + 1] != '/') i++;
            return i < end && text[i] == '>' ? i + 1 : -1;
        }

        /// <summary>
        /// '[' that is no wikilink or footnote: a link or image <c>[label](destination)</c> with a plain label and
        /// destination, or a literal bracket when no '(' follows its ']'. Anything richer gives up — so does any
        /// whitespace in the destination, even a no-break space: Markdig trims Unicode whitespace around it.
        /// </summary>
        private int Bracket(int open, int end, bool image)
        {
            var close = open + 1;
            var plain = true;
            for (; close < end && text[close] != ']'; close++)
            {
                switch (text[close])
                {
                    case '[' or '`' or '<' or '\\':
                        return -1;
                    case '*' or '_' or '&' or '!':
                        plain = false;
                        break;
                }
            }
            if (close >= end) return -1;
            if (close + 1 >= end || text[close + 1] != '(')
            {
                if (close + 1 < end && text[close + 1] == '[') return -1;
                return open + 1; // a literal '[': what it holds is read as text
            }
            if (!plain) return -1;
            var destinationStart = close + 2;
            var destinationEnd = destinationStart;
            while (destinationEnd < end && text[destinationEnd] is not (')' or ' ' or '(' or '<' or '>' or '\\' or '"' or '\'' or '&' or '`')
                   && !char.IsControl(text[destinationEnd]) && !char.IsWhiteSpace(text[destinationEnd]))
            {
                destinationEnd++;
            }
            if (destinationEnd >= end || text[destinationEnd] != ')' || destinationEnd == destinationStart) return -1;
            var start = image ? open - 1 : open;
            if (!image && !sink.InComment(start))
            {
                var label = text.AsSpan(open + 1, close - open - 1);
                var (labelStart, labelEnd) = label.IsEmpty ? (-1, -1) : (open + 1, close);
                sink.AddInlineLink(start, destinationEnd + 1, label.Trim().ToString(), labelStart, labelEnd, destinationStart, destinationEnd);
            }
            return destinationEnd + 1;
        }
    }
}
