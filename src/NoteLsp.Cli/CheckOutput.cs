using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using NoteLsp.Core.Diagnostics;
using NoteLsp.Core.Text;

namespace NoteLsp.Cli;

/// <summary>The four output formats of `notelsp check`. Positions: LSP ranges are 0-based UTF-16; text, SARIF and GitHub are 1-based.</summary>
public static class CheckOutput
{
    private static readonly JsonWriterOptions JsonOptions = new()
    {
        Indented = true,
        // Note names are often not ASCII; keep them readable rather than \u-escaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>What each code means, for SARIF's rule descriptions (docs/notes-format.md §7).</summary>
    private static readonly Dictionary<DiagnosticCode, string> Descriptions = new()
    {
        [DiagnosticCode.LinkBroken] = "No note matches the link's target.",
        [DiagnosticCode.LinkAmbiguous] = "Several notes match the link's target at the same rank.",
        [DiagnosticCode.HeadingBroken] = "The target note has no such heading.",
        [DiagnosticCode.BlockBroken] = "The target note has no such block id.",
        [DiagnosticCode.LinkEmpty] = "The link has no target.",
        [DiagnosticCode.TimestampInvalid] = "A timestamp's target or text is not a time.",
        [DiagnosticCode.TimestampMismatch] = "A timestamp's text and target are different moments.",
        [DiagnosticCode.TimestampNoVideo] = "A timestamp in a note with no videoId.",
        [DiagnosticCode.TimestampOutOfRange] = "A timestamp past the note's duration.",
        [DiagnosticCode.FrontmatterInvalid] = "The front matter YAML does not parse.",
        [DiagnosticCode.VideoIdInvalid] = "The videoId is not 11 characters of [A-Za-z0-9_-].",
        [DiagnosticCode.EncodingInvalid] = "The file is not valid UTF-8.",
        [DiagnosticCode.FootnoteBroken] = "A footnote reference has no definition in its note.",
        [DiagnosticCode.MentionUnlinked] = "Prose names another note without linking to it.",
    };

    /// <summary>The tool's version without build metadata ("0.1.0", not "0.1.0+abc123").</summary>
    public static string ToolVersion { get; } = ReadVersion();

    /// <summary>Where the rules are explained: docs/notes-format.md §7 in the repository the build names, else the path in it.</summary>
    public static string RulesHelpUri { get; } = HelpUri();

    /// <param name="paths">how paths are written (default: vault-relative)</param>
    /// <param name="color">ANSI colours in the text format (for a terminal)</param>
    public static void Write(CheckFormat format, IReadOnlyList<CheckProblem> problems, TextWriter output, CheckPaths? paths = null, bool color = false)
    {
        paths ??= CheckPaths.VaultRelative;
        switch (format)
        {
            case CheckFormat.Json: WriteJson(problems, output, paths); break;
            case CheckFormat.Sarif: WriteSarif(problems, output, paths); break;
            case CheckFormat.Github: WriteGithub(problems, output, paths); break;
            default: WriteText(problems, output, paths, color); break;
        }
    }

    /// <summary>`path:line:col: severity code: message`, 1-based, columns in UTF-16 units.</summary>
    public static void WriteText(IReadOnlyList<CheckProblem> problems, TextWriter output, CheckPaths? paths = null, bool color = false)
    {
        paths ??= CheckPaths.VaultRelative;
        foreach (var (path, d) in problems)
        {
            var start = d.Range.Start;
            // Only our own escape sequences reach the terminal: the path and message are escaped before they are written.
            if (color) output.Write(Ansi.Bold);
            output.Write(TextPath(paths.Display(path)));
            output.Write(':');
            output.Write((start.Line + 1).ToString(CultureInfo.InvariantCulture));
            output.Write(':');
            output.Write((start.Character + 1).ToString(CultureInfo.InvariantCulture));
            output.Write(": ");
            if (color) output.Write(Ansi.Reset + Ansi.For(d.Severity));
            output.Write(d.Severity.Word());
            if (color) output.Write(Ansi.Reset);
            output.Write(' ');
            output.Write(d.Id);
            output.Write(": ");
            output.Write(VisibleText.Escape(d.Message));
            output.Write('\n');
        }
    }

    /// <summary>An indented array of { path, code, severity, message, range } with LSP (0-based, UTF-16) ranges.</summary>
    public static void WriteJson(IReadOnlyList<CheckProblem> problems, TextWriter output, CheckPaths? paths = null)
    {
        paths ??= CheckPaths.VaultRelative;
        WriteJsonDocument(output, writer =>
        {
            writer.WriteStartArray();
            foreach (var (path, d) in problems)
            {
                writer.WriteStartObject();
                writer.WriteString("path", paths.Display(path));
                writer.WriteString("code", d.Id);
                writer.WriteString("severity", d.Severity.Word());
                writer.WriteString("message", d.Message);
                writer.WriteStartObject("range");
                WritePosition(writer, "start", d.Range.Start);
                WritePosition(writer, "end", d.Range.End);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        });
    }

    /// <summary>SARIF 2.1.0: one run, one rule per diagnostic code, 1-based regions in UTF-16 columns (SARIF's default column kind).</summary>
    public static void WriteSarif(IReadOnlyList<CheckProblem> problems, TextWriter output, CheckPaths? paths = null)
    {
        paths ??= CheckPaths.VaultRelative;
        var codes = DiagnosticCodes.All;
        WriteJsonDocument(output, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
            writer.WriteString("version", "2.1.0");
            writer.WriteStartArray("runs");
            writer.WriteStartObject();

            writer.WriteStartObject("tool");
            writer.WriteStartObject("driver");
            writer.WriteString("name", "notelsp");
            writer.WriteString("version", ToolVersion);
            writer.WriteString("semanticVersion", ToolVersion);
            writer.WriteString("informationUri", RulesHelpUri);
            writer.WriteStartArray("rules");
            foreach (var code in codes)
            {
                writer.WriteStartObject();
                writer.WriteString("id", code.Id());
                writer.WriteStartObject("shortDescription");
                writer.WriteString("text", Descriptions[code]);
                writer.WriteEndObject();
                writer.WriteString("helpUri", RulesHelpUri);
                writer.WriteStartObject("defaultConfiguration");
                writer.WriteString("level", SarifLevel(code.DefaultSeverity()));
                writer.WriteEndObject();
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();

            if (paths.RepositoryRootUri is { } rootUri)
            {
                writer.WriteStartObject("originalUriBaseIds");
                writer.WriteStartObject(CheckPaths.SarifBaseId);
                writer.WriteString("uri", rootUri);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }
            writer.WriteString("columnKind", "utf16CodeUnits");
            writer.WriteStartArray("results");
            foreach (var (path, d) in problems)
            {
                writer.WriteStartObject();
                writer.WriteString("ruleId", d.Id);
                writer.WriteNumber("ruleIndex", (int)d.Code);
                writer.WriteString("level", SarifLevel(d.Severity));
                writer.WriteStartObject("message");
                writer.WriteString("text", d.Message);
                writer.WriteEndObject();
                writer.WriteStartArray("locations");
                writer.WriteStartObject();
                writer.WriteStartObject("physicalLocation");
                writer.WriteStartObject("artifactLocation");
                var (uri, baseId) = paths.SarifLocation(path);
                writer.WriteString("uri", uri);
                if (baseId is not null) writer.WriteString("uriBaseId", baseId);
                writer.WriteEndObject();
                writer.WriteStartObject("region");
                writer.WriteNumber("startLine", d.Range.Start.Line + 1);
                writer.WriteNumber("startColumn", d.Range.Start.Character + 1);
                writer.WriteNumber("endLine", d.Range.End.Line + 1);
                writer.WriteNumber("endColumn", d.Range.End.Character + 1);
                writer.WriteEndObject();
                writer.WriteEndObject();
                writer.WriteEndObject();
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            writer.WriteEndArray();

            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }

    /// <summary>GitHub Actions workflow commands: `::warning file=…,line=…,col=…,endLine=…,endColumn=…,title=CODE::MESSAGE`.</summary>
    public static void WriteGithub(IReadOnlyList<CheckProblem> problems, TextWriter output, CheckPaths? paths = null)
    {
        paths ??= CheckPaths.VaultRelative;
        foreach (var (path, d) in problems)
        {
            var command = d.Severity switch
            {
                DiagnosticSeverity.Error => "error",
                DiagnosticSeverity.Warning => "warning",
                _ => "notice",
            };
            output.Write(string.Create(CultureInfo.InvariantCulture,
                $"::{command} file={EscapeProperty(paths.InRepository(path))},line={d.Range.Start.Line + 1},col={d.Range.Start.Character + 1}," +
                $"endLine={d.Range.End.Line + 1},endColumn={d.Range.End.Character + 1},title={EscapeProperty(d.Id)}::{EscapeData(d.Message)}"));
            output.Write('\n');
        }
    }

    /// <summary>
    /// GitHub's escaping of a command's message (actions/toolkit escapeData: '%', CR, LF), which the runner undoes; other
    /// control characters (which GitHub does not unescape) are shown as visible escapes so none reaches the log raw.
    /// </summary>
    public static string EscapeData(string s) => EscapeGithub(s, property: false);

    /// <summary>GitHub's escaping of a command property (actions/toolkit escapeProperty): also ':' and ','.</summary>
    public static string EscapeProperty(string s) => EscapeGithub(s, property: true);

    private static string EscapeGithub(string s, bool property)
    {
        var builder = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            switch (c)
            {
                case '%': builder.Append("%25"); break;
                case '\r': builder.Append("%0D"); break;
                case '\n': builder.Append("%0A"); break;
                case ':' when property: builder.Append("%3A"); break;
                case ',' when property: builder.Append("%2C"); break;
                default:
                    if (VisibleText.IsUnsafe(c)) builder.Append(VisibleText.Escape(c.ToString()));
                    else builder.Append(c);
                    break;
            }
        }
        return builder.ToString();
    }

    /// <summary>
    /// A path in the text format: control characters escaped, and one that begins with ':' written as `./:…` (the same
    /// file), so no line of the output can begin with `::` and be run by GitHub Actions as a workflow command.
    /// </summary>
    public static string TextPath(string path)
    {
        var visible = VisibleText.Escape(path);
        return visible.StartsWith(':') ? "./" + visible : visible;
    }

    private static string SarifLevel(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        _ => "note",
    };

    private static string HelpUri()
    {
        const string doc = "docs/notes-format.md#7-diagnostics";
        var repository = typeof(CheckOutput).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "RepositoryUrl")?.Value?.TrimEnd('/');
        // A GitHub-style blob link; without a repository (a local build), the document's path in the source tree.
        return string.IsNullOrWhiteSpace(repository) ? doc : $"{repository}/blob/main/{doc}";
    }

    internal static void WritePosition(Utf8JsonWriter writer, string name, TextPosition position)
    {
        writer.WriteStartObject(name);
        writer.WriteNumber("line", position.Line);
        writer.WriteNumber("character", position.Character);
        writer.WriteEndObject();
    }

    internal static void WriteJsonDocument(TextWriter output, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, JsonOptions)) write(writer);
        output.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        output.Write('\n');
    }

    private static string ReadVersion()
    {
        var informational = typeof(CheckOutput).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        var version = informational ?? typeof(CheckOutput).Assembly.GetName().Version?.ToString() ?? "0.0.0";
        var plus = version.IndexOf('+');
        return plus >= 0 ? version[..plus] : version;
    }
}
