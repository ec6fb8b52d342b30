using System.Collections.Immutable;
using System.Globalization;
using NoteLsp.Core.Diagnostics;
using NoteLsp.Core.Index;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace NoteLsp.Core.Config;

/// <summary>The config and, when the file was bad, why (the defaults are used for what could not be read).</summary>
public sealed record ConfigLoadResult(NoteLspConfig Config, string? Error);

/// <summary>Reads `.notelsp.yml`. Never throws: a bad file gives the defaults and an error message.</summary>
public static class ConfigLoader
{
    private const string ExtensionsKey = "extensions";
    private const string IgnoreKey = "ignore";
    private const string MaxFileBytesKey = "maxFileBytes";
    private const string SeveritiesKey = "severities";
    private const string TimestampUrlTemplateKey = "timestampUrlTemplate";

    private static readonly string[] KnownKeys = [ExtensionsKey, IgnoreKey, MaxFileBytesKey, SeveritiesKey, TimestampUrlTemplateKey];

    /// <summary>Loads vaultRoot/.notelsp.yml, or the defaults when there is none.</summary>
    public static ConfigLoadResult Load(string vaultRoot) => LoadFile(Path.Combine(vaultRoot, NoteLspConfig.FileName), missingIsError: false);

    /// <summary>Loads a config file by path. A missing file gives the defaults, with an error only when missingIsError.</summary>
    public static ConfigLoadResult LoadFile(string path, bool missingIsError = true, NoteLspConfig? baseConfig = null)
    {
        var config = baseConfig ?? NoteLspConfig.Default;
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return new ConfigLoadResult(config, missingIsError ? $"{path}: the config file does not exist" : null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return new ConfigLoadResult(config, $"{path}: cannot be read ({e.Message}); using the defaults");
        }
        return Parse(text, config, path);
    }

    /// <summary>Parses YAML text (keys: extensions, ignore, maxFileBytes, severities: {code: level}, timestampUrlTemplate) over a base config.</summary>
    /// <param name="sourceName">the file named in error messages</param>
    public static ConfigLoadResult Parse(string yaml, NoteLspConfig? baseConfig = null, string sourceName = NoteLspConfig.FileName)
    {
        var config = baseConfig ?? NoteLspConfig.Default;
        var problems = new List<string>();
        void Problem(Mark at, string message) => problems.Add($"{sourceName}:{at.Line}: {message}");

        YamlStream stream;
        var parser = new TrackingParser(new Parser(new StringReader(yaml)));
        try
        {
            stream = new YamlStream();
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            var reason = (e.InnerException?.Message ?? e.Message).Trim();
            return new ConfigLoadResult(config, $"{sourceName}:{ErrorLine(yaml, (int)Math.Max(1, e.Start.Line), reason)}: the YAML does not parse ({reason}); using the defaults");
        }
        catch (Exception e)
        {
            // YamlDotNet 18 throws InvalidOperationException on some broken input (an unclosed `[`): point at the
            // last thing it could read. A config file must never stop the server.
            return new ConfigLoadResult(config, $"{sourceName}:{parser.LastLine}: the YAML does not parse (look for an unclosed bracket or quote near this line: {e.GetType().Name}); using the defaults");
        }

        if (stream.Documents.Count == 0) return new ConfigLoadResult(config, null);
        if (stream.Documents.Count > 1) Problem(stream.Documents[1].RootNode.Start, "only the first YAML document is read");

        var root = stream.Documents[0].RootNode;
        if (IsNull(root)) return Result(config, problems);
        if (root is not YamlMappingNode mapping)
        {
            Problem(root.Start, "expected a mapping of settings (key: value); using the defaults");
            return Result(config, problems);
        }

        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = keyNode is YamlScalarNode { Value: { } k } ? k : keyNode.ToString();
            if (IsNull(value)) continue; // `key:` with nothing after it keeps the default
            switch (key)
            {
                case ExtensionsKey:
                    if (ReadExtensions(value, Problem) is { } extensions) config = config with { Extensions = extensions };
                    break;
                case IgnoreKey:
                    if (ReadIgnore(value, Problem) is { } ignore) config = config with { Ignore = ignore };
                    break;
                case MaxFileBytesKey:
                    if (ReadMaxFileBytes(value, Problem) is { } max) config = config with { MaxFileBytes = max };
                    break;
                case SeveritiesKey:
                    config = config with { Diagnostics = ReadSeverities(value, config.Diagnostics, Problem) };
                    break;
                case TimestampUrlTemplateKey:
                    if (ReadTemplate(value, Problem) is { } template) config = config with { TimestampUrlTemplate = template };
                    break;
                default:
                    var suggestion = ClosestKey(key);
                    Problem(keyNode.Start, suggestion is null
                        ? $"unknown setting '{key}' (known: {string.Join(", ", KnownKeys)})"
                        : $"unknown setting '{key}' (did you mean '{suggestion}'?)");
                    break;
            }
        }
        return Result(config, problems);
    }

    /// <summary>YamlDotNet reports a tab in the indentation at the start of the enclosing mapping; the tab's own line helps more.</summary>
    private static int ErrorLine(string yaml, int reportedLine, string reason)
    {
        if (!reason.Contains("tab", StringComparison.OrdinalIgnoreCase)) return reportedLine;
        var lines = yaml.Split('\n');
        for (var i = Math.Max(0, reportedLine - 1); i < lines.Length; i++)
        {
            var indentation = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
            if (lines[i].AsSpan(0, indentation).Contains('\t')) return i + 1;
        }
        return reportedLine;
    }

    /// <summary>Remembers where the last event YamlDotNet produced ended, to place errors it reports without a position.</summary>
    private sealed class TrackingParser(IParser inner) : IParser
    {
        public int LastLine { get; private set; } = 1;

        public YamlDotNet.Core.Events.ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            var moved = inner.MoveNext();
            if (inner.Current is { } current) LastLine = (int)Math.Max(1, current.End.Line);
            return moved;
        }
    }

    private static ConfigLoadResult Result(NoteLspConfig config, List<string> problems) =>
        new(config, problems.Count == 0 ? null : string.Join("\n", problems));

    private static ImmutableArray<string>? ReadExtensions(YamlNode value, Action<Mark, string> problem)
    {
        var items = ReadStringList(value, ExtensionsKey, splitWords: true, problem);
        if (items is null) return null;
        var result = ImmutableArray.CreateBuilder<string>();
        foreach (var (text, node) in items)
        {
            var extension = text.Trim().ToLowerInvariant();
            if (extension.StartsWith('*')) extension = extension[1..]; // "*.md" is a common way to write it
            if (!extension.StartsWith('.')) extension = "." + extension;
            if (extension.Length < 2 || extension.IndexOfAny(['/', '\\', '*', '?']) >= 0 || extension.Any(char.IsWhiteSpace))
            {
                problem(node.Start, $"'{text}' is not a file extension (write it like .md)");
                continue;
            }
            if (!result.Contains(extension)) result.Add(extension);
        }
        if (result.Count == 0)
        {
            problem(value.Start, $"'{ExtensionsKey}' names no usable extension; using the default ({string.Join(", ", NoteLspConfig.Default.Extensions)})");
            return null;
        }
        return result.ToImmutable();
    }

    private static ImmutableArray<string>? ReadIgnore(YamlNode value, Action<Mark, string> problem)
    {
        var items = ReadStringList(value, IgnoreKey, splitWords: false, problem);
        if (items is null) return null;
        var result = ImmutableArray.CreateBuilder<string>();
        foreach (var (text, node) in items)
        {
            var glob = text.Trim().Replace('\\', '/');
            if (glob.Length == 0)
            {
                problem(node.Start, "an empty ignore pattern is left out");
                continue;
            }
            result.Add(glob);
        }
        return result.ToImmutable();
    }

    private static long? ReadMaxFileBytes(YamlNode value, Action<Mark, string> problem)
    {
        if (value is YamlScalarNode { Value: { } text }
            && long.TryParse(text.Trim().Replace("_", ""), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var bytes))
        {
            if (bytes > 0) return bytes;
            problem(value.Start, $"'{MaxFileBytesKey}' must be a positive number of bytes, not {text}; using the default");
            return null;
        }
        problem(value.Start, $"'{MaxFileBytesKey}' must be a whole number of bytes (e.g. 5242880), not {Describe(value)}; using the default");
        return null;
    }

    private static DiagnosticOptions ReadSeverities(YamlNode value, DiagnosticOptions options, Action<Mark, string> problem)
    {
        if (value is not YamlMappingNode mapping)
        {
            problem(value.Start, $"'{SeveritiesKey}' must be a mapping of code: severity (e.g. link-broken: off), not {Describe(value)}; using the defaults");
            return options;
        }
        foreach (var (codeNode, levelNode) in mapping.Children)
        {
            var codeText = codeNode is YamlScalarNode { Value: { } c } ? c : codeNode.ToString();
            if (!DiagnosticCodes.TryParse(codeText, out var code))
            {
                problem(codeNode.Start, $"unknown diagnostic code '{codeText}' (known: {string.Join(", ", DiagnosticCodes.All.Select(x => x.Id()))})");
                continue;
            }
            // YAML 1.1 readers turn a plain `off` into false; YamlDotNet keeps the text, but accept `false` too for the same intent.
            var word = levelNode is YamlScalarNode { Value: { } w } ? (w.Equals("false", StringComparison.OrdinalIgnoreCase) ? "off" : w) : null;
            if (word is null || !DiagnosticCodes.TryParseSeverity(word, out var severity))
            {
                problem(levelNode.Start, $"unknown severity {(word is null ? Describe(levelNode) : $"'{word}'")} for {code.Id()} (use error, warning, information, hint or off)");
                continue;
            }
            options = options.With(code, severity);
        }
        return options;
    }

    private static string? ReadTemplate(YamlNode value, Action<Mark, string> problem)
    {
        if (value is not YamlScalarNode { Value: { } template })
        {
            problem(value.Start, $"'{TimestampUrlTemplateKey}' must be a text, not {Describe(value)}; using the default");
            return null;
        }
        var missing = new[] { "{videoId}", "{seconds}" }.Where(p => !template.Contains(p, StringComparison.Ordinal)).ToList();
        if (missing.Count > 0)
        {
            problem(value.Start, $"'{TimestampUrlTemplateKey}' must contain {string.Join(" and ", missing)}; using the default");
            return null;
        }
        return template.Trim();
    }

    /// <summary>A list of texts, or one text (split at commas and blanks when splitWords). Null (and a problem) for another shape.</summary>
    private static List<(string Text, YamlNode Node)>? ReadStringList(YamlNode value, string key, bool splitWords, Action<Mark, string> problem)
    {
        var items = new List<(string, YamlNode)>();
        if (value is YamlScalarNode { Value: { } single })
        {
            var parts = splitWords ? single.Split([',', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries) : [single];
            items.AddRange(parts.Select(p => (p, (YamlNode)value)));
            return items;
        }
        if (value is YamlSequenceNode sequence)
        {
            foreach (var item in sequence.Children)
            {
                if (item is YamlScalarNode { Value: { } text } && !IsNull(item)) items.Add((text, item));
                else problem(item.Start, $"'{key}' items must be texts, not {Describe(item)}");
            }
            return items;
        }
        problem(value.Start, $"'{key}' must be a list or a text, not {Describe(value)}; using the default");
        return null;
    }

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode { Value: var v } => $"'{v}'",
        _ => "this value",
    };

    /// <summary>The known key a typo most likely meant (case-insensitive match or at most two edits away).</summary>
    private static string? ClosestKey(string key)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var known in KnownKeys)
        {
            var distance = string.Equals(known, key, StringComparison.OrdinalIgnoreCase) ? 0 : KeyDistance.BoundedLevenshtein(known.ToLowerInvariant(), key.ToLowerInvariant(), 2);
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = known;
            }
        }
        return bestDistance <= 2 ? best : null;
    }
}
