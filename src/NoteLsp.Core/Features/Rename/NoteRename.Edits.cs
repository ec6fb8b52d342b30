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
    internal static string EncodeLinkPath(string path)
    {
        var sb = new System.Text.StringBuilder(path.Length);
        foreach (var c in path)
        {
            sb.Append(c switch
            {
                ' ' => "%20",
                '(' => "%28",
                ')' => "%29",
                '%' => "%25",
                '#' => "%23",
                '<' => "%3C",
                '>' => "%3E",
                _ => c.ToString(),
            });
        }
        return sb.ToString();
    }

    /// <summary>Edits by note path; one edit per range, and an edit inside another one's range is dropped (the outer one rewrites it).</summary>
    internal sealed class EditCollector
    {
        private readonly Dictionary<string, List<TextReplacement>> _edits = new(StringComparer.Ordinal);
        // A set, not a scan of the list: renaming a note linked 300,000 times from one note stays linear.
        private readonly HashSet<(string, TextRange)> _seen = [];

        public IEnumerable<string> Paths => _edits.Keys;

        public IReadOnlyList<TextReplacement> For(string path) => _edits.TryGetValue(path, out var list) ? list : [];

        public void Add(string path, TextRange range, string newText)
        {
            if (!_seen.Add((path, range))) return;
            if (!_edits.TryGetValue(path, out var list)) _edits[path] = list = [];
            list.Add(new TextReplacement(range, newText));
        }

        public IReadOnlyDictionary<string, IReadOnlyList<TextReplacement>> ToDictionary() =>
            _edits.Where(kv => kv.Value.Count > 0).ToDictionary(kv => kv.Key, kv => WithoutNested(kv.Value), StringComparer.Ordinal);

        public static IReadOnlyList<TextReplacement> WithoutNested(List<TextReplacement> edits)
        {
            var sorted = edits.OrderBy(e => e.Range.Start).ThenByDescending(e => e.Range.End).ToList();
            var result = new List<TextReplacement>(sorted.Count);
            foreach (var edit in sorted)
            {
                if (result.Count > 0 && edit.Range.Start < result[^1].Range.End) continue;
                result.Add(edit);
            }
            return result;
        }
    }
}
