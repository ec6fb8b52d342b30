using NoteLsp.Core.Model;
using NoteLsp.Core.Text;

namespace NoteLsp.Core.Features;

/// <summary>The edit collector of a rename, and how new names are written into YAML and Markdown link paths.</summary>
public static partial class NoteRename
{
    /// <summary>A YAML plain scalar when safe, else a double-quoted one.</summary>
    internal static string YamlScalar(string value)
    {
        // Plain only when YAML reads it back as the same string everywhere (block value or flow list item):
        // letters, digits, inner spaces and a few harmless marks, not a word YAML would read as null, bool or number.
        var plainIsSafe = value.Length > 0
            && char.IsLetter(value[0])
            && value == value.Trim()
            && value.All(c => char.IsLetterOrDigit(c) || c is ' ' or '_' or '-' or '.' or '(' or ')' or '\'' or '/')
            && !ReservedPlainWords.Contains(value);
        return plainIsSafe ? value : "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
    }

    private static readonly HashSet<string> ReservedPlainWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "null", "true", "false", "yes", "no", "on", "off", "y", "n", ".inf", ".nan",
    };

    /// <summary>Percent-encodes what would break a Markdown link destination (spaces, parentheses, %, #, angle brackets).</summary>
    /// <remarks>Called once per Markdown link a rename rewrites (tens of thousands for a hub note): a path with nothing to escape is returned as it is.</remarks>
    internal static string EncodeLinkPath(string path)
    {
        var first = path.AsSpan().IndexOfAny(LinkPathEscapes);
        if (first < 0) return path;
        var sb = new System.Text.StringBuilder(path.Length + 8).Append(path, 0, first);
        foreach (var c in path.AsSpan(first))
        {
            if (LinkPathEscapes.Contains(c)) sb.Append('%').Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            else sb.Append(c);
        }
        return sb.ToString();
    }

    private static readonly System.Buffers.SearchValues<char> LinkPathEscapes = System.Buffers.SearchValues.Create(" ()%#<>");

    /// <summary>Edits by note path; one edit per range, and an edit inside another one's range is dropped (the outer one rewrites it).</summary>
    /// <remarks>
    /// A rename of a hub note adds one edit per link to it (160,000 at 100,000 notes), note after note and in position
    /// order within a note: the last note's edits are kept at hand (no dictionary lookup per edit), and while a note's
    /// edits arrive in ascending order neither a duplicate check nor a sort is needed. Only edits that come out of
    /// order (heading following) pay for the set and the sort.
    /// </remarks>
    internal sealed class EditCollector
    {
        private readonly Dictionary<string, NoteEdits> _edits = new(StringComparer.Ordinal);
        private NoteEdits? _last;

        /// <summary>The notes with edits so far (a copy: adding edits while going through it is allowed).</summary>
        public List<NoteEdits> Notes => [.. _edits.Values];

        public void Add(string path, TextRange range, string newText) => Add(path, null, range, newText);

        public void Add(ParsedNote note, TextRange range, string newText) => Add(note.Path, note, range, newText);

        private void Add(string path, ParsedNote? note, TextRange range, string newText)
        {
            var edits = _last is { } last && (ReferenceEquals(last.Path, path) || last.Path == path) ? last : null;
            if (edits is null && !_edits.TryGetValue(path, out edits)) _edits[path] = edits = new NoteEdits(path);
            _last = edits;
            edits.Note ??= note;
            edits.Add(new TextReplacement(range, newText));
        }

        /// <summary>The edits by note, in ordinal order of the paths (the order a client applies and shows them in).</summary>
        /// <remarks>Edits of links mostly arrive note by note in path order already (backlinks are found in that order): then no sort.</remarks>
        public IReadOnlyDictionary<string, IReadOnlyList<TextReplacement>> ToDictionary()
        {
            var notes = _edits.Values.Where(n => n.List.Count > 0).ToList();
            for (var i = 1; i < notes.Count; i++)
            {
                if (string.CompareOrdinal(notes[i - 1].Path, notes[i].Path) > 0)
                {
                    notes.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
                    break;
                }
            }
            // OrderedDictionary: enumerated in the order built, which Dictionary does not promise.
            var result = new OrderedDictionary<string, IReadOnlyList<TextReplacement>>(notes.Count, StringComparer.Ordinal);
            foreach (var note in notes) result.Add(note.Path, note.WithoutNested());
            return result;
        }

        public static IReadOnlyList<TextReplacement> WithoutNested(List<TextReplacement> edits) =>
            DropNested(edits.OrderBy(e => e.Range.Start).ThenByDescending(e => e.Range.End));

        private static List<TextReplacement> DropNested(IEnumerable<TextReplacement> sorted)
        {
            var result = new List<TextReplacement>();
            foreach (var edit in sorted)
            {
                if (result.Count > 0 && edit.Range.Start < result[^1].Range.End) continue;
                result.Add(edit);
            }
            return result;
        }

        internal sealed class NoteEdits(string path)
        {
            public string Path { get; } = path;

            public ParsedNote? Note { get; set; }

            public List<TextReplacement> List { get; } = [];

            /// <summary>Every edit starts after the one before it: none is a duplicate, and the list is sorted.</summary>
            public bool Ascending { get; private set; } = true;

            // Made from the list the first time an edit arrives out of order.
            private HashSet<TextRange>? _seen;

            public void Add(TextReplacement edit)
            {
                if (Ascending && (List.Count == 0 || List[^1].Range.Start < edit.Range.Start))
                {
                    List.Add(edit);
                    return;
                }
                if (_seen is null)
                {
                    Ascending = false;
                    _seen = [.. List.Select(e => e.Range)];
                }
                if (_seen.Add(edit.Range)) List.Add(edit);
            }

            /// <summary>The note's edits in ascending order of their start (in the order added among equal starts).</summary>
            public IReadOnlyList<TextReplacement> ByStart() => Ascending ? List : List.OrderBy(e => e.Range.Start).ToList();

            // Sorted by start, then the longer first: with ascending starts that is the order added, and the list itself
            // when no edit starts inside the one before it (a rename's links never nest).
            public IReadOnlyList<TextReplacement> WithoutNested() =>
                !Ascending ? EditCollector.WithoutNested(List) : HasNested(List) ? DropNested(List) : List;

            private static bool HasNested(List<TextReplacement> ascending)
            {
                for (var i = 1; i < ascending.Count; i++)
                {
                    if (ascending[i].Range.Start < ascending[i - 1].Range.End) return true;
                }
                return false;
            }
        }
    }
}
