using System.Collections.Immutable;
using NoteLsp.Core.Model;
using NoteLsp.Core.Text;

namespace NoteLsp.Core.Parsing;

/// <summary>
/// Reads the front matter nearly every note has — top-level <c>key: value</c> lines with plain or simply quoted
/// values, <c>[a, b]</c> lists and <c>- item</c> lists, full-line comments — without YamlDotNet, which costs a
/// sixth of a note's parse. It accepts only what it reads exactly as YAML does and gives up (null) on anything
/// else, which then goes to YamlDotNet: escapes, multi-line values, nesting, anchors, tags, tabs, comments after a
/// value, duplicate keys, anything that could be an error. A property test holds it to YamlDotNet's results.
/// </summary>
internal static class SimpleFrontMatter
{
    private const string Indicators = "-?:,[]{}#&*!|>'\"%@`";

    public static (FrontMatter, IReadOnlyDictionary<string, FrontMatterValue>)? TryRead(string text, int contentStart, int contentEnd, TextRange range, LineMap lines)
    {
        var scalars = new Dictionary<string, FrontMatterValue>(StringComparer.Ordinal);
        var aliases = ImmutableArray<FrontMatterValue>.Empty;
        var tags = ImmutableArray<FrontMatterValue>.Empty;
        var keys = new HashSet<string>(StringComparer.Ordinal);

        string? listKey = null; // a "key:" line whose block list may follow
        var listIndent = -1;
        ImmutableArray<FrontMatterValue>.Builder? list = null;

        var first = lines.PositionAt(contentStart).Line;
        var last = lines.PositionAt(contentEnd).Line; // the closing line, not read
        for (var line = first; line < last; line++)
        {
            var start = lines.LineStart(line);
            var end = lines.LineContentEnd(text, line);
            var content = text.AsSpan(start, end - start);
            if (!PlainCharacters(content)) return null;
            var indent = content.Length - content.TrimStart(' ').Length;
            var rest = content[indent..];
            if (rest.IsEmpty || rest[0] == '#') continue;

            if (listKey is not null && rest[0] == '-')
            {
                if (rest.Length < 2 || rest[1] != ' ' || listIndent >= 0 && indent != listIndent) return null;
                listIndent = indent;
                var itemStart = start + indent + 2;
                if (Scalar(text, itemStart, end, inFlow: false) is not { } item || item.Value is null) return null;
                (list ??= ImmutableArray.CreateBuilder<FrontMatterValue>()).Add(FrontMatterReader.PooledValue(item.Value, lines.RangeAt(item.Start, item.End)));
                continue;
            }
            if (listKey is not null)
            {
                Keep(listKey, list?.ToImmutable() ?? []);
                listKey = null;
                listIndent = -1;
                list = null;
            }
            if (indent > 0) return null; // a continuation line or a nested mapping

            var colon = KeyLength(rest);
            if (colon <= 0 || colon + 1 < rest.Length && rest[colon + 1] != ' ') return null;
            var key = rest[..colon].ToString();
            if (!keys.Add(key)) return null; // YamlDotNet reports the duplicate
            var valueStart = start + colon + 1;
            var valueText = text.AsSpan(valueStart, end - valueStart).Trim(' ');
            if (valueText.IsEmpty)
            {
                listKey = key;
                continue;
            }
            if (valueText[0] == '[')
            {
                if (FlowList(text, valueStart, end, lines) is not { } items) return null;
                Keep(key, items);
                continue;
            }
            if (Scalar(text, valueStart, end, inFlow: false) is not { } scalar) return null;
            if (scalar.Value is null) continue; // null: no value
            var value = FrontMatterReader.PooledValue(scalar.Value, lines.RangeAt(scalar.Start, scalar.End));
            if (key == "aliases") aliases = [value];
            else if (key == "tags") tags = [value];
            else if (FrontMatterReader.ScalarKeys.Contains(key)) scalars[key] = value;
        }
        if (listKey is not null) Keep(listKey, list?.ToImmutable() ?? []);
        return (new FrontMatter(range, aliases, tags, null), scalars);

        // As FrontMatterReader's list reading: blank items are left out.
        void Keep(string key, ImmutableArray<FrontMatterValue> values)
        {
            if (key == "aliases") aliases = values.RemoveAll(v => v.Value.Trim().Length == 0);
            else if (key == "tags") tags = values.RemoveAll(v => v.Value.Trim().Length == 0);
        }
    }

    /// <summary>No tab, control character, Unicode line break, BOM or lone surrogate: YAML has its own rules for those.</summary>
    private static bool PlainCharacters(ReadOnlySpan<char> line)
    {
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c < ' ' || c is >= '\u007F' and <= '\u009F' or '\u2028' or '\u2029' or '\uFEFF' or '\uFFFE' or '\uFFFF') return false;
            if (char.IsHighSurrogate(c) && i + 1 < line.Length && char.IsLowSurrogate(line[i + 1])) i++;
            else if (char.IsSurrogate(c)) return false;
        }
        return true;
    }

    /// <summary>Length of a simple key followed by ':' (letters, digits, '_' and '-', starting with a letter or '_'); 0 when there is none.</summary>
    private static int KeyLength(ReadOnlySpan<char> line)
    {
        if (line.IsEmpty || !(char.IsAsciiLetter(line[0]) || line[0] == '_')) return 0;
        var i = 1;
        while (i < line.Length && (char.IsAsciiLetterOrDigit(line[i]) || line[i] is '_' or '-')) i++;
        return i < line.Length && line[i] == ':' ? i : 0;
    }

    /// <summary>
    /// A value from start to end (blanks around it allowed): "double" or 'single' quoted without escapes, or a plain
    /// scalar that YAML reads as exactly its text. Value null for YAML's null words; null when it is anything else.
    /// </summary>
    private static (string? Value, int Start, int End)? Scalar(string text, int start, int end, bool inFlow)
    {
        while (start < end && text[start] == ' ') start++;
        while (end > start && text[end - 1] == ' ') end--;
        if (start == end) return null;
        var first = text[start];
        if (first is '"' or '\'')
        {
            if (end - start < 2 || text[end - 1] != first) return null;
            var inner = text.AsSpan(start + 1, end - start - 2);
            if (inner.Contains(first) || first == '"' && inner.Contains('\\')) return null;
            return (inner.ToString(), start, end);
        }
        if (Indicators.Contains(first)) return null;
        var plain = text.AsSpan(start, end - start);
        if (plain[^1] == ':' || plain.Contains(": ", StringComparison.Ordinal) || plain.Contains(" #", StringComparison.Ordinal)) return null;
        if (inFlow && plain.IndexOfAny("[]{},") >= 0) return null;
        var value = plain.ToString();
        return (FrontMatterReader.IsNullWord(value) ? null : value, start, end);
    }

    /// <summary>"[a, b, 'c']" on one line: each item a simple scalar; null for anything else (nesting, empty items, text after it).</summary>
    private static ImmutableArray<FrontMatterValue>? FlowList(string text, int start, int end, LineMap lines)
    {
        while (text[start] == ' ') start++;
        while (text[end - 1] == ' ') end--;
        if (text[end - 1] != ']') return null;
        var inner = text.AsSpan(start + 1, end - start - 2);
        if (inner.Trim(' ').IsEmpty) return [];
        var items = ImmutableArray.CreateBuilder<FrontMatterValue>();
        var itemStart = start + 1;
        for (var i = start + 1; i <= end - 1; i++)
        {
            if (i < end - 1 && text[i] != ',') continue;
            if (Scalar(text, itemStart, i, inFlow: true) is not { Value: { } value } item) return null;
            items.Add(FrontMatterReader.PooledValue(value, lines.RangeAt(item.Start, item.End)));
            itemStart = i + 1;
        }
        return items.ToImmutable();
    }
}
