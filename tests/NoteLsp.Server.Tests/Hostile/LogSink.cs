using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace NoteLsp.Server.Tests.Hostile;

/// <summary>Collects what the server logs, so a test can check that a bad input was reported, not silently dropped.</summary>
public sealed class LogSink : ILogEventSink
{
    private readonly List<LogEvent> _events = [];

    public void Emit(LogEvent logEvent)
    {
        lock (_events) _events.Add(logEvent);
    }

    public ServerOptions Options(ServerOptions? options = null) => (options ?? new ServerOptions()) with
    {
        Log = new LoggerConfiguration().MinimumLevel.Debug().WriteTo.Sink(this).CreateLogger(),
    };

    /// <summary>Messages at warning level or above, rendered.</summary>
    public IReadOnlyList<string> Warnings()
    {
        lock (_events)
        {
            return _events.Where(e => e.Level >= LogEventLevel.Warning)
                .Select(e => e.RenderMessage(System.Globalization.CultureInfo.InvariantCulture) + (e.Exception is null ? "" : " | " + e.Exception.Message))
                .ToList();
        }
    }

    /// <summary>Messages logged as errors (something failed inside the server, as opposed to bad input reported).</summary>
    public IReadOnlyList<string> Errors()
    {
        lock (_events)
        {
            return _events.Where(e => e.Level >= LogEventLevel.Error)
                .Select(e => e.RenderMessage(System.Globalization.CultureInfo.InvariantCulture) + (e.Exception is null ? "" : " | " + e.Exception))
                .ToList();
        }
    }

    /// <summary>Every message at any level, rendered.</summary>
    public IReadOnlyList<string> All()
    {
        lock (_events) return _events.Select(e => e.RenderMessage(System.Globalization.CultureInfo.InvariantCulture)).ToList();
    }

    /// <summary>Waits (bounded) until a message containing the fragment is logged at any level.</summary>
    public Task<string> WaitForMessage(string fragment, TimeSpan? timeout = null) => WaitFor(fragment, All, timeout);

    /// <summary>Waits (bounded) until a warning containing the fragment is logged.</summary>
    public Task<string> WaitForWarning(string fragment, TimeSpan? timeout = null) => WaitFor(fragment, Warnings, timeout);

    private static async Task<string> WaitFor(string fragment, Func<IReadOnlyList<string>> messages, TimeSpan? timeout)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var match = messages().FirstOrDefault(w => w.Contains(fragment, StringComparison.OrdinalIgnoreCase));
            if (match is not null) return match;
            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"No message containing \"{fragment}\" was logged. Logged:\n{string.Join("\n", messages())}");
            }
            await Task.Delay(20);
        }
    }
}
