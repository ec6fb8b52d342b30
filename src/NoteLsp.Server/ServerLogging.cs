using System.Text;
using NoteLsp.Core.Text;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace NoteLsp.Server;

/// <summary>
/// The server's log (stderr or a file). Paths, URIs and messages in it come from the vault or the client, and a newline
/// in one (a file named `a\n[12:00:00 ERR] …`, a URI sent as `"file:///x\n…"`) would forge a log line: every string
/// property is escaped (<see cref="VisibleText"/>) before any sink sees it, and so are exception messages (their stack
/// traces, which are ours, keep their lines).
/// </summary>
public static class ServerLogging
{
    public const string ConsoleTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{" + ExceptionProperty + ":l}";
    public const string FileTemplate = "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {Message:lj}{NewLine}{" + ExceptionProperty + ":l}";

    /// <summary>The exception as printed, with its messages escaped; used by the templates instead of {Exception}.</summary>
    public const string ExceptionProperty = "EscapedException";

    /// <summary>The names `--log-level` accepts, quietest last.</summary>
    public static readonly string[] LevelNames = ["verbose", "debug", "information", "warning", "error"];

    /// <summary>The Serilog level of a `--log-level` name (case-insensitive); Information for null.</summary>
    public static bool TryParseLevel(string? name, out LogEventLevel level)
    {
        var index = Array.IndexOf(LevelNames, (name ?? "information").Trim().ToLowerInvariant());
        level = index >= 0 ? (LogEventLevel)index : LogEventLevel.Information;
        return index >= 0;
    }

    /// <summary>The logger `notelsp` uses: to stderr, or to <paramref name="logFile"/> when given.</summary>
    public static Logger Create(string? logFile, LogEventLevel minimumLevel = LogEventLevel.Information)
    {
        var configuration = Escaping(new LoggerConfiguration().MinimumLevel.Is(minimumLevel));
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        configuration = logFile is null
            ? configuration.WriteTo.Console(outputTemplate: ConsoleTemplate, standardErrorFromLevel: LevelAlias.Minimum, formatProvider: culture)
            : configuration.WriteTo.File(logFile, outputTemplate: FileTemplate, formatProvider: culture);
        return configuration.CreateLogger();
    }

    /// <summary>Adds the escaping to any configuration (tests use it with their own sinks).</summary>
    public static LoggerConfiguration Escaping(LoggerConfiguration configuration) => configuration.Enrich.With(new EscapingEnricher());

    private sealed class EscapingEnricher : ILogEventEnricher
    {
        public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
        {
            List<LogEventProperty>? replaced = null;
            foreach (var (name, value) in logEvent.Properties)
            {
                if (Escape(value) is { } escaped) (replaced ??= []).Add(new LogEventProperty(name, escaped));
            }
            if (replaced is not null)
            {
                foreach (var property in replaced) logEvent.AddOrUpdateProperty(property);
            }
            logEvent.AddOrUpdateProperty(new LogEventProperty(ExceptionProperty,
                new ScalarValue(logEvent.Exception is null ? "" : Describe(logEvent.Exception) + Environment.NewLine)));
        }

        /// <summary>The value with its strings escaped; null when nothing needed escaping.</summary>
        private static LogEventPropertyValue? Escape(LogEventPropertyValue value)
        {
            switch (value)
            {
                case ScalarValue { Value: string text } when VisibleText.NeedsEscape(text):
                    return new ScalarValue(VisibleText.Escape(text));
                case SequenceValue sequence when sequence.Elements.Any(e => Escape(e) is not null):
                    return new SequenceValue(sequence.Elements.Select(e => Escape(e) ?? e));
                case StructureValue structure when structure.Properties.Any(p => Escape(p.Value) is not null):
                    return new StructureValue(structure.Properties.Select(p => new LogEventProperty(p.Name, Escape(p.Value) ?? p.Value)), structure.TypeTag);
                default:
                    return null;
            }
        }
    }

    /// <summary>Like Exception.ToString, with each message on one line: `Type: message`, the stack, then inner exceptions.</summary>
    public static string Describe(Exception exception)
    {
        var builder = new StringBuilder();
        void Append(Exception e, int depth)
        {
            if (depth > 0) builder.Append(Environment.NewLine).Append(" ---> ");
            builder.Append(e.GetType().FullName).Append(": ").Append(VisibleText.Escape(e.Message));
            var inner = e is AggregateException aggregate ? aggregate.InnerExceptions : e.InnerException is { } one ? [one] : [];
            if (depth < 8)
            {
                foreach (var child in inner) Append(child, depth + 1);
            }
            if (e.StackTrace is { } stack) builder.Append(Environment.NewLine).Append(stack);
        }
        Append(exception, 0);
        return builder.ToString();
    }
}
