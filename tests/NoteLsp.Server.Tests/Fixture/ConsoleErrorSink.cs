using Serilog.Core;
using Serilog.Events;

namespace NoteLsp.Server.Tests.Fixture;

/// <summary>Server log lines on the test's stderr, for debugging a failing test.</summary>
public sealed class ConsoleErrorSink : ILogEventSink
{
    public static Serilog.ILogger Logger() => new Serilog.LoggerConfiguration().MinimumLevel.Debug().WriteTo.Sink(new ConsoleErrorSink()).CreateLogger();

    public void Emit(LogEvent logEvent) =>
        Console.Error.WriteLine($"[{logEvent.Level}] {logEvent.RenderMessage(System.Globalization.CultureInfo.InvariantCulture)} {logEvent.Exception}");
}
