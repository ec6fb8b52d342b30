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
        KeepThreadsForRequests();
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

    /// <summary>
    /// Indexing and the vault-wide diagnostics keep a pool thread per core busy (Parallel.For); with the pool's default
    /// minimum (one thread per core) a request, and even the read of the next message, then waited for the pool to
    /// inject a thread, which it does slowly: a references request right after indexing 100,000 notes waited until the
    /// diagnostics pass was over. A few more threads let the OS share the cores with the requests at once.
    /// </summary>
    private static void KeepThreadsForRequests()
    {
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        ThreadPool.SetMinThreads(Math.Max(workers, 4 * Environment.ProcessorCount), completionPorts);
    }
}
