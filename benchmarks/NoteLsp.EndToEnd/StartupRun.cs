using System.Diagnostics;
using System.Text.Json;

namespace NoteLsp.EndToEnd;

/// <summary>Start-up alone: start the process, get the initialize result, shut down. No vault, so nothing is indexed.</summary>
public static class StartupRun
{
    public static async Task<StartupResult> MeasureAsync(string server, IReadOnlyDictionary<string, string> environment, int runs, string logDir)
    {
        var times = new List<double>();
        var failures = new List<string>();
        for (var i = 0; i < runs; i++)
        {
            await using var lsp = ServerProcess.Start(server, environment, Path.Combine(logDir, $"startup-{i + 1}.log"));
            try
            {
                await lsp.Request("initialize", new
                {
                    processId = Environment.ProcessId,
                    rootUri = (string?)null,
                    capabilities = ClientCapabilities.Editor,
                }).WaitAsync(TimeSpan.FromSeconds(60)).ConfigureAwait(false);
                times.Add((Stopwatch.GetTimestamp() - lsp.StartedAt) * 1000.0 / Stopwatch.Frequency);
                await lsp.Rpc.InvokeWithParameterObjectAsync<JsonElement?>("shutdown", null).ConfigureAwait(false);
                await lsp.Notify("exit", new { }).ConfigureAwait(false);
                if (!await lsp.WaitForExit(TimeSpan.FromSeconds(10)).ConfigureAwait(false)) failures.Add($"start {i + 1}: no exit after shutdown + exit");
            }
            catch (Exception e) when (e is TimeoutException or StreamJsonRpc.RemoteInvocationException or StreamJsonRpc.ConnectionLostException)
            {
                failures.Add($"start {i + 1}: {e.GetType().Name}: {e.Message}");
            }
        }
        return new StartupResult(server, environment, Percentiles.Of(times), failures);
    }
}
