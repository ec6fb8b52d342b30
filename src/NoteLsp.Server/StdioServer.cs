namespace NoteLsp.Server;

/// <summary>The entry point `notelsp` / `notelsp server` calls: LSP over stdin/stdout.</summary>
public static class StdioServer
{
    /// <summary>Runs the language server on stdin/stdout until `exit` or until the client goes away; returns the process exit code.</summary>
    /// <param name="logFile">Serilog file sink path; null logs to stderr.</param>
    public static Task<int> RunAsync(string? logFile, CancellationToken cancellationToken = default) =>
        RunAsync(logFile, Serilog.Events.LogEventLevel.Information, cancellationToken);

    /// <param name="logFile">Serilog file sink path; null logs to stderr.</param>
    /// <param name="logLevel">the least important log events written</param>
    /// <param name="cacheDirectory">where parsed notes are kept between runs (<see cref="ServerOptions.CacheDirectory"/>); null: no cache</param>
    public static async Task<int> RunAsync(string? logFile, Serilog.Events.LogEventLevel logLevel, CancellationToken cancellationToken,
        string? cacheDirectory = null)
    {
        // stdout carries the protocol: nothing else may write there, not even a stray Console.WriteLine.
        var stdout = Console.OpenStandardOutput();
        var stdin = Console.OpenStandardInput();
        Console.SetOut(Console.Error);

        await using var log = ServerLogging.Create(logFile, logLevel);

        try
        {
            using var server = LanguageServerFactory.Create(stdin, stdout, new ServerOptions { Log = log, CacheDirectory = cacheDirectory });
            var cancelled = Task.Delay(Timeout.Infinite, cancellationToken);
            // On Unix rpc.Completion alone may wait for the client to close its end; exit and disconnect both end the lifecycle.
            var finished = await Task.WhenAny(server.Completion, cancelled).ConfigureAwait(false);
            var code = finished == server.Completion ? await server.Completion.ConfigureAwait(false) : 1;
            log.Information("Exiting with code {Code}", code);
            return code;
        }
        catch (Exception e)
        {
            log.Fatal(e, "The server failed");
            return 1;
        }
    }
}
