using System.Collections.Immutable;
using NoteLsp.Core.Model;
using NoteLsp.Core.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace NoteLsp.Core.Parsing;

/// <summary>
/// Finds the front matter (docs/notes-format.md §2: a first line <c>---</c> after an optional BOM, up to the next
/// line <c>---</c> or <c>...</c>) and reads the keys NoteLsp uses with the exact range of each YAML node.
/// Uses YamlDotNet's event parser, so values keep their source text ("1:02:03" stays a string) and positions;
/// the plain shape nearly every note has (<c>key: value</c>, quoted values, <c>[a, b]</c> and <c>- item</c> lists)
/// is read by <see cref="SimpleFrontMatter"/> first, which gives up on anything else.
/// </summary>
internal static class FrontMatterReader
{
    /// <summary>The scalar keys NoteLsp uses (aliases and tags are lists); others are read for errors, not kept.</summary>
    internal static readonly string[] ScalarKeys = ["title", "videoId", "duration"];

    /// <param name="ClosingLineStart">where the closing "---" / "..." line starts; -1 when there is no (closed) front matter</param>
    /// <param name="Scalars">the values of <see cref="ScalarKeys"/> that are present</param>
    public readonly record struct Result(FrontMatter? FrontMatter, int ClosingLineStart, IReadOnlyDictionary<string, FrontMatterValue>? Scalars = null);

    /// <summary>The line that closes the front matter, or -1 when the note has no (closed) front matter.</summary>
    public static int ClosingLine(string text, LineMap lines)
    {
        var start = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        if (!IsFenceLine(text, lines, 0, start, "---")) return -1;
        for (var line = 1; line < lines.LineCount; line++)
        {
            var lineStart = lines.LineStart(line);
            if (IsFenceLine(text, lines, line, lineStart, "---") || IsFenceLine(text, lines, line, lineStart, "...")) return line;
        }
        return -1;
    }

    public static Result Read(string text, LineMap lines)
    {
        var start = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        if (!IsFenceLine(text, lines, 0, start, "---")) return new Result(null, -1);

        var line = ClosingLine(text, lines);
        if (line > 0)
        {
            var lineStart = lines.LineStart(line);
            var contentStart = lines.LineStart(1);
            var range = lines.RangeAt(start, lines.LineContentEnd(text, line));
            var (frontMatter, scalars) = SimpleFrontMatter.TryRead(text, contentStart, lineStart, range, lines)
                ?? ParseYaml(text, contentStart, lineStart, range, lines);
            return new Result(frontMatter, lineStart, scalars);
        }

        // No closing line: the block is reported and the whole text is read as Markdown (as other tools render it).
        var openRange = lines.RangeAt(start, lines.LineContentEnd(text, 0));
        var error = new FrontMatterError("The front matter has no closing \"---\" line, so none of it is read.", openRange);
        return new Result(EmptyFrontMatter(openRange, error), -1);
    }

    private static bool IsFenceLine(string text, LineMap lines, int line, int contentStart, string fence)
    {
        var end = lines.LineContentEnd(text, line);
        if (end - contentStart < 3 || string.CompareOrdinal(text, contentStart, fence, 0, 3) != 0) return false;
        for (var i = contentStart + 3; i < end; i++)
        {
            if (text[i] is not (' ' or '\t')) return false;
        }
        return true;
    }

    private static FrontMatter EmptyFrontMatter(TextRange range, FrontMatterError? error) => new(range, [], [], error);

    internal static (FrontMatter, IReadOnlyDictionary<string, FrontMatterValue>) ParseYaml(string text, int contentStart, int contentEnd, TextRange range, LineMap lines)
    {
        var scalars = new Dictionary<string, FrontMatterValue>(StringComparer.Ordinal);
        var aliases = ImmutableArray<FrontMatterValue>.Empty;
        var tags = ImmutableArray<FrontMatterValue>.Empty;
        FrontMatterError? error = null;
        var seenKeys = new HashSet<string>(StringComparer.Ordinal);

        TextRange RangeOf(ParsingEvent e) =>
            lines.RangeAt(contentStart + (int)e.Start.Index, contentStart + (int)e.End.Index);

        var parser = new TrackingParser(new YamlDepthGuard(new Parser(new StringReader(text.Substring(contentStart, contentEnd - contentStart)))));
        try
        {
            parser.Consume<StreamStart>();
            if (parser.TryConsume<DocumentStart>(out _) && parser.TryConsume<MappingStart>(out _))
            {
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    if (!parser.TryConsume<Scalar>(out var key))
                    {
                        parser.SkipThisAndNestedEvents(); // a complex key: not one of ours
                        parser.SkipThisAndNestedEvents();
                        continue;
                    }
                    if (!seenKeys.Add(key.Value))
                    {
                        error ??= new FrontMatterError($"The key \"{key.Value}\" appears twice; the first value is used.", RangeOf(key));
                        parser.SkipThisAndNestedEvents();
                        continue;
                    }
                    switch (key.Value)
                    {
                        case "aliases":
                            aliases = ReadStrings(parser, RangeOf);
                            break;
                        case "tags":
                            tags = ReadStrings(parser, RangeOf);
                            break;
                        default:
                            if (parser.TryConsume<Scalar>(out var value))
                            {
                                if (!IsNull(value) && ScalarKeys.Contains(key.Value)) scalars[key.Value] = PooledValue(value.Value, RangeOf(value));
                            }
                            else
                            {
                                parser.SkipThisAndNestedEvents();
                            }
                            break;
                    }
                }
            }
            // Whatever follows (another document, a non-mapping root) is read only to find syntax errors.
            while (parser.MoveNext()) { }
        }
        catch (YamlException ex)
        {
            // An error at the very end ("did not find expected ']'") is best shown where reading last succeeded.
            var (start, end) = ex.Start.Index >= contentEnd - contentStart && parser.LastGood is { } last
                ? (last.Start.Index, last.Start.Index)
                : (ex.Start.Index, ex.End.Index);
            error = new FrontMatterError(Describe(ex), ErrorRange(text, lines, contentStart, contentEnd, start, end));
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or OverflowException or EndOfStreamException)
        {
            // YamlDotNet's scanner throws these on some malformed input (a plain scalar running across lines
            // inside "[...]"; a NUL in a block scalar, found by fuzzing), without a position: point after the last
            // event it did read.
            var at = parser.LastGood?.Start.Index ?? 0;
            error = new FrontMatterError("The front matter is not valid YAML: it cannot be read past this point.",
                ErrorRange(text, lines, contentStart, contentEnd, at, at));
        }

        return (new FrontMatter(range, aliases, tags, error), scalars);
    }

    private static bool IsNull(Scalar scalar) => scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && IsNullWord(scalar.Value);

    /// <summary>
    /// A front-matter value whose text is shared with every equal one read before (<see cref="StringPool"/>): tags, and
    /// often aliases and durations, repeat across a vault's notes, and every note keeps its values as long as it is indexed.
    /// </summary>
    internal static FrontMatterValue PooledValue(string value, TextRange range) => new(StringPool.Intern(value), range);

    /// <summary>The plain scalars YAML reads as null.</summary>
    internal static bool IsNullWord(string plain) => plain is "" or "~" or "null" or "Null" or "NULL";

    /// <summary>A string or a list of strings (docs/notes-format.md §2: aliases, tags); other shapes are skipped.</summary>
    private static ImmutableArray<FrontMatterValue> ReadStrings(IParser parser, Func<ParsingEvent, TextRange> rangeOf)
    {
        if (parser.TryConsume<Scalar>(out var single))
        {
            return IsNull(single) ? [] : [PooledValue(single.Value, rangeOf(single))];
        }
        if (!parser.TryConsume<SequenceStart>(out _))
        {
            parser.SkipThisAndNestedEvents();
            return [];
        }
        var values = ImmutableArray.CreateBuilder<FrontMatterValue>();
        while (!parser.TryConsume<SequenceEnd>(out _))
        {
            if (parser.TryConsume<Scalar>(out var item))
            {
                if (!IsNull(item) && item.Value.Trim().Length > 0) values.Add(PooledValue(item.Value, rangeOf(item)));
            }
            else
            {
                parser.SkipThisAndNestedEvents();
            }
        }
        return values.ToImmutable();
    }

    private static string Describe(YamlException ex)
    {
        // YamlDotNet prefixes messages with "(Line: 2, Col: 8, Idx: 20) - (…): "; the range already says where.
        var message = ex.Message;
        var cut = message.LastIndexOf("): ", StringComparison.Ordinal);
        if (message.StartsWith('(') && cut > 0) message = message[(cut + 3)..];
        message = message.TrimEnd('.');
        if (message.Length > 1 && char.IsUpper(message[0]) && char.IsLower(message[1])) message = char.ToLowerInvariant(message[0]) + message[1..];
        return $"The front matter is not valid YAML: {message}.";
    }

    /// <summary>The span YamlDotNet names; an empty span is widened to the rest of its line so editors show it.</summary>
    private static TextRange ErrorRange(string text, LineMap lines, int contentStart, int contentEnd, long yamlStart, long yamlEnd)
    {
        var start = (int)Math.Clamp(contentStart + yamlStart, contentStart, contentEnd);
        var end = (int)Math.Clamp(contentStart + yamlEnd, start, contentEnd);
        if (end == start)
        {
            var position = lines.PositionAt(start);
            end = lines.LineContentEnd(text, position.Line);
            if (end <= start)
            {
                // At the end of a line: point at the line's content instead.
                start = lines.LineStart(position.Line);
                if (end <= start) return lines.RangeAt(start, start);
            }
        }
        return lines.RangeAt(start, end);
    }

    /// <summary>Remembers the last event read, so an error without a position can still be placed.</summary>
    private sealed class TrackingParser(IParser inner) : IParser
    {
        public ParsingEvent? LastGood { get; private set; }

        public ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            if (inner.Current is { } current) LastGood = current;
            return inner.MoveNext();
        }
    }
}
