using System.Collections.Immutable;
using System.Globalization;
using NoteLsp.Core.Diagnostics;
using NoteLsp.Core.Files;
using NoteLsp.Core.Index;
using NoteLsp.Core.Parsing;
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

    /// <summary>A config file bigger than this is refused (no real one comes near; `/dev/zero` would never end).</summary>
    public const long MaxConfigBytes = 1024 * 1024;

    /// <summary>Loads vaultRoot/.notelsp.yml, or the defaults when there is none. The file must really lie in the vault (not be a link out of it).</summary>
    public static ConfigLoadResult Load(string vaultRoot) =>
        LoadFile(Path.Combine(vaultRoot, NoteLspConfig.FileName), missingIsError: false, baseConfig: DefaultsFor(vaultRoot), allowedRealRoot: SafeFile.RealRoot(vaultRoot));

    /// <summary>The defaults with the vault's own ignore files (`.gitignore`, `.ignore`), under any config file (also `--config`).</summary>
    public static NoteLspConfig DefaultsFor(string vaultRoot) =>
        NoteLspConfig.Default with { IgnoreFileRules = VaultIgnoreFiles.Read(vaultRoot) };

    /// <summary>Loads a config file by path. A missing file gives the defaults, with an error only when missingIsError.</summary>
    /// <param name="allowedRealRoot">where the file must really be (links resolved); null for a file the user named (`--config`)</param>
    public static ConfigLoadResult LoadFile(string path, bool missingIsError = true, NoteLspConfig? baseConfig = null, string? allowedRealRoot = null)
    {
        var config = baseConfig ?? NoteLspConfig.Default;
        // The one safe reader: never blocks on a FIFO, reads only a regular file, at most MaxConfigBytes.
        var read = SafeFile.Read(path, allowedRealRoot, MaxConfigBytes);
        if (read.IsMissing) return new ConfigLoadResult(config, missingIsError ? $"{path}: the config file does not exist" : null);
        if (read.Bytes is not { } bytes)
        {
            var reason = read.IsTooBig ? $"it is over the {MaxConfigBytes / 1024 / 1024} MiB a config file may have" : read.Problem;
            return new ConfigLoadResult(config, $"{path}: not read ({reason}); using the defaults");
        }
        string text;
        using (var reader = new StreamReader(new MemoryStream(bytes), System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true))
        {
            text = reader.ReadToEnd();
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
        var parser = new TrackingParser(new YamlDepthGuard(new Parser(new StringReader(yaml))));
        try
        {
            stream = new YamlStream();
            stream.Load(parser);
        }
        catch (YamlTooDeepException e)
        {
            return new ConfigLoadResult(config, $"{sourceName}:{(int)Math.Max(1, e.Start.Line)}: the YAML nests lists and mappings more than {YamlDepthGuard.MaxDepth} levels deep, which is not read; using the defaults");
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
                        ? $"unknown setting {KeyForMessage(key)} (known: {string.Join(", ", KnownKeys)})"
                        : $"unknown setting {KeyForMessage(key)} (did you mean '{suggestion}'?)");
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

    // Messages name the key and what was expected, never the value found: a config may hold something secret,
    // and messages end up in logs and editor pop-ups.

    private static ImmutableArray<string>? ReadExtensions(YamlNode value, Action<Mark, string> problem)
    {
        var items = ReadStringList(value, ExtensionsKey, splitWords: true, problem, "a list of file extensions like [.md, .markdown]", numbersAreTexts: false);
        if (items is null) return null;
        var result = ImmutableArray.CreateBuilder<string>();
        foreach (var (text, node) in items)
        {
            var extension = text.Trim().ToLowerInvariant();
            if (extension.StartsWith("*.", StringComparison.Ordinal)) extension = extension[1..]; // "*.md" is a common way to write it
            if (extension.Length > 0 && !extension.StartsWith('.')) extension = "." + extension;
            if (!IsSafeExtension(extension))
            {
                problem(node.Start, $"an item of '{ExtensionsKey}' is not a file extension (write it like .md: a dot, then letters, digits, '-' or '_'); it is left out");
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

    /// <summary>`.md`, `.tmp.md`: dot-separated parts of letters, digits, '-', '_' (no '/', '*', blanks, empty parts).</summary>
    internal static bool IsSafeExtension(string extension)
    {
        if (extension.Length < 2 || extension.Length > 32 || extension[0] != '.') return false;
        var partLength = 0;
        for (var i = 1; i < extension.Length; i++)
        {
            var c = extension[i];
            if (c == '.')
            {
                if (partLength == 0) return false;
                partLength = 0;
            }
            else if (char.IsLetterOrDigit(c) || c is '-' or '_') partLength++;
            else return false;
        }
        return partLength > 0;
    }

    private static ImmutableArray<string>? ReadIgnore(YamlNode value, Action<Mark, string> problem)
    {
        var items = ReadStringList(value, IgnoreKey, splitWords: false, problem, "a list of globs like [\"archive/**\"]", numbersAreTexts: true);
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
            if (IgnoreGlobs.WhyNeverMatches(glob) is { } reason)
            {
                // The line number says which one; the pattern itself is not echoed (a config never is: it may hold anything).
                problem(node.Start, $"an ignore pattern can never match a note and is left out: {reason}");
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
            problem(value.Start, $"'{MaxFileBytesKey}' must be a positive number of bytes; using the default");
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
                problem(codeNode.Start, $"unknown diagnostic code {KeyForMessage(codeText)} (known: {string.Join(", ", DiagnosticCodes.All.Select(x => x.Id()))})");
                continue;
            }
            // YAML 1.1 readers turn a plain `off` into false; YamlDotNet keeps the text, but accept `false` too for the same intent.
            var word = levelNode is YamlScalarNode { Value: { } w } ? (w.Equals("false", StringComparison.OrdinalIgnoreCase) ? "off" : w) : null;
            if (word is null || !DiagnosticCodes.TryParseSeverity(word, out var severity))
            {
                problem(levelNode.Start, $"the severity for {code.Id()} is not one of error, warning, information, hint or off; it keeps its default");
                continue;
            }
            options = options.With(code, severity);
        }
        return options;
    }

    private static readonly string[] TemplateSchemes = [Uri.UriSchemeHttps, Uri.UriSchemeHttp];

    private static string? ReadTemplate(YamlNode value, Action<Mark, string> problem)
    {
        if (value is not YamlScalarNode { Value: { } raw } || IsTypedPlain(value))
        {
            problem(value.Start, $"'{TimestampUrlTemplateKey}' must be a text, not {Describe(value)}; using the default");
            return null;
        }
        var template = raw.Trim();
        var missing = new[] { "{videoId}", "{seconds}" }.Where(p => !template.Contains(p, StringComparison.Ordinal)).ToList();
        if (missing.Count > 0)
        {
            problem(value.Start, $"'{TimestampUrlTemplateKey}' must contain {string.Join(" and ", missing)}; using the default");
            return null;
        }
        if (!IsWebTemplate(template))
        {
            // A `command:`, `javascript:` or `file:` link would be offered on every timestamp, one click from running.
            problem(value.Start, $"'{TimestampUrlTemplateKey}' must be an https: (or http:) web address; using the default");
            return null;
        }
        return template;
    }

    /// <summary>True when the template, with sample values put in, is an absolute http(s) address with a host.</summary>
    internal static bool IsWebTemplate(string template)
    {
        var sample = template.Replace("{videoId}", "dQw4w9WgXcQ", StringComparison.Ordinal).Replace("{seconds}", "62", StringComparison.Ordinal);
        if (!TemplateSchemes.Any(s => sample.StartsWith(s + "://", StringComparison.OrdinalIgnoreCase))) return false;
        return Uri.TryCreate(sample, UriKind.Absolute, out var uri)
            && TemplateSchemes.Contains(uri.Scheme, StringComparer.OrdinalIgnoreCase)
            && uri.Host.Length > 0
            && !sample.Any(char.IsControl);
    }

    /// <summary>A list of texts, or one text (split at commas and blanks when splitWords). Null (and a problem) for another shape.</summary>
    private static List<(string Text, YamlNode Node)>? ReadStringList(YamlNode value, string key, bool splitWords, Action<Mark, string> problem, string expected, bool numbersAreTexts)
    {
        var items = new List<(string, YamlNode)>();
        if (value is YamlScalarNode { Value: { } single } && (numbersAreTexts || !IsTypedPlain(value)))
        {
            var parts = splitWords ? single.Split([',', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries) : [single];
            items.AddRange(parts.Select(p => (p, (YamlNode)value)));
            return items;
        }
        if (value is YamlSequenceNode sequence)
        {
            foreach (var item in sequence.Children)
            {
                if (item is YamlScalarNode { Value: { } text } && !IsNull(item) && (numbersAreTexts || !IsTypedPlain(item))) items.Add((text, item));
                else problem(item.Start, $"'{key}' items must be texts, not {Describe(item)}");
            }
            return items;
        }
        problem(value.Start, $"'{key}' must be {expected}, not {Describe(value)}; using the default");
        return null;
    }

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    /// <summary>An unquoted number or true/false: YAML (and JSON, from the editor) gives it a type other than text.</summary>
    private static bool IsTypedPlain(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain, Value: { } v }
        && (v is "true" or "false" or "True" or "False" or "TRUE" or "FALSE"
            || double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _));

    /// <summary>
    /// A key is named in a message (a typo is easier to fix when seen) only when it looks like a setting's name: a short
    /// word of letters, digits, '-' and '_'. Anything else could be a value written where a key goes.
    /// </summary>
    private static string KeyForMessage(string key) =>
        key.Length is > 0 and <= 40 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? $"'{key}'" : "(a key that is not a setting name)";

    /// <summary>What kind of value was found, never the value itself.</summary>
    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode { Style: ScalarStyle.Plain, Value: "true" or "false" or "True" or "False" or "TRUE" or "FALSE" } => "true/false",
        YamlScalarNode when IsTypedPlain(node) => "a number",
        YamlScalarNode => "a text",
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
