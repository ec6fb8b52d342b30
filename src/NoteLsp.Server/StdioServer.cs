namespace NoteLsp.Server;

/// <summary>The entry point `notelsp` / `notelsp server` calls: LSP over stdin/stdout.</summary>
public static class StdioServer
{
    /// <summary>Runs the language server on stdin/stdout until `exit` or until the client goes away; returns the process exit code.</summary>
    /// <param name="logFile">Serilog file sink path; null logs to stderr.</param>
    public static Task<int> RunAsync(string? logFile, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException("server helper");
}
