using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using Nerdbank.Streams;
using StreamJsonRpc;

namespace NoteLsp.EndToEnd;

/// <summary>
/// A `notelsp` child process spoken to over its stdin/stdout exactly as an editor does: Content-Length framing
/// (HeaderDelimitedMessageHandler), JSON with camelCase names and nulls left out. Everything the server sends
/// unasked (diagnostics, progress, requests) is recorded so the driver can wait for it.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _stderrLog;
    private readonly Task _stderrPump;
    private readonly object _gate = new();
    private readonly Dictionary<string, PublishedDiagnostics> _diagnostics = new(StringComparer.Ordinal);
    private readonly List<Waiter> _waiters = [];
    private readonly TaskCompletionSource<long> _indexingEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _publishCount;
    private long _lastReadAt;

    /// <summary>
    /// Stopwatch timestamp of the last read from the server's stdout that returned bytes. Right after a request's answer
    /// arrives (nothing else in flight), that is when its last byte came: the server's work and the pipe, without this
    /// client's JSON parse of the answer (a 25 MB answer takes this client longer to parse than the server to write).
    /// </summary>
    public long LastReadAt => Interlocked.Read(ref _lastReadAt);

    public JsonRpc Rpc { get; }

    public int ProcessId => _process.Id;

    /// <summary>Stopwatch timestamp of the process start, before the runtime loaded anything.</summary>
    public long StartedAt { get; }

    /// <summary>The server's stderr (its log), for when something goes wrong.</summary>
    public string StderrPath { get; }

    private ServerProcess(Process process, long startedAt, string stderrPath)
    {
        _process = process;
        StartedAt = startedAt;
        StderrPath = stderrPath;
        _stderrLog = new StreamWriter(stderrPath) { AutoFlush = true };
        // The server logs to stderr: drain it, or a full pipe would block the server.
        _stderrPump = Task.Run(async () =>
        {
            string? line;
            while ((line = await process.StandardError.ReadLineAsync().ConfigureAwait(false)) is not null)
            {
                lock (_stderrLog) _stderrLog.WriteLine(line);
            }
        });

        var formatter = new SystemTextJsonFormatter();
        formatter.JsonSerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        formatter.JsonSerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        // The sending stream (the server's stdin) comes first.
        // Nerdbank.Streams (StreamJsonRpc's own dependency) reports each read: the last one that returned bytes is noted.
        var fromServer = new MonitoringStream(process.StandardOutput.BaseStream);
        fromServer.DidReadAny += (_, bytes) =>
        {
            if (bytes.Length > 0) Interlocked.Exchange(ref _lastReadAt, Stopwatch.GetTimestamp());
        };
        var handler = new HeaderDelimitedMessageHandler(process.StandardInput.BaseStream, fromServer, formatter);
        Rpc = new JsonRpc(handler);
        Rpc.AddLocalRpcTarget(new ClientTarget(this), new JsonRpcTargetOptions { UseSingleObjectParameterDeserialization = true });
        Rpc.StartListening();
    }

    /// <param name="server">the published `notelsp` apphost, or its `notelsp.dll` (run with `dotnet`)</param>
    /// <param name="environment">extra variables for the server (GC settings, event pipe)</param>
    public static ServerProcess Start(string server, IReadOnlyDictionary<string, string> environment, string stderrPath)
    {
        var isDll = server.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        var info = new ProcessStartInfo(isDll ? "dotnet" : server)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (isDll) info.ArgumentList.Add(server);
        info.ArgumentList.Add("server");
        foreach (var (name, value) in environment) info.Environment[name] = value;
        var startedAt = Stopwatch.GetTimestamp();
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {server}");
        return new ServerProcess(process, startedAt, stderrPath);
    }

    public Task<JsonElement> Request(string method, object parameters, CancellationToken cancellationToken = default) =>
        Rpc.InvokeWithParameterObjectAsync<JsonElement>(method, parameters, cancellationToken);

    public Task Notify(string method, object parameters) => Rpc.NotifyWithParameterObjectAsync(method, parameters);

    /// <summary>Stopwatch timestamp at which the server's indexing progress ended.</summary>
    public Task<long> IndexingEnded => _indexingEnded.Task;

    /// <summary>How many publishDiagnostics notifications arrived so far.</summary>
    public long PublishCount => Interlocked.Read(ref _publishCount);

    /// <summary>The last diagnostics published for each URI.</summary>
    public IReadOnlyList<PublishedDiagnostics> LatestDiagnostics()
    {
        lock (_gate) return _diagnostics.Values.ToList();
    }

    /// <summary>Completes with the first publishDiagnostics (arriving from now on) that matches.</summary>
    public Task<PublishedDiagnostics> WaitForDiagnostics(Func<PublishedDiagnostics, bool> predicate)
    {
        var waiter = new Waiter(predicate);
        lock (_gate) _waiters.Add(waiter);
        return waiter.Completion.Task;
    }

    private void OnDiagnostics(JsonElement parameters)
    {
        var published = new PublishedDiagnostics(
            parameters.GetProperty("uri").GetString()!,
            parameters.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null,
            parameters.GetProperty("diagnostics").Clone(),
            Stopwatch.GetTimestamp());
        Interlocked.Increment(ref _publishCount);
        lock (_gate)
        {
            _diagnostics[published.Uri] = published;
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (!_waiters[i].Predicate(published)) continue;
                _waiters[i].Completion.TrySetResult(published);
                _waiters.RemoveAt(i);
            }
        }
    }

    /// <summary>VmHWM and VmRSS of the server process in KiB, from /proc (Linux only; null elsewhere).</summary>
    public (long? PeakKiB, long? CurrentKiB) Memory()
    {
        try
        {
            long? peak = null, current = null;
            foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) peak = ParseKiB(line);
                else if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) current = ParseKiB(line);
            }
            return (peak, current);
        }
        catch (IOException)
        {
            return (null, null);
        }

        static long ParseKiB(string line) =>
            long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>User + system CPU time of the server so far.</summary>
    public double? CpuSeconds()
    {
        try
        {
            _process.Refresh();
            return _process.TotalProcessorTime.TotalSeconds;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Waits for the process to end; false when it did not within the timeout.</summary>
    public async Task<bool> WaitForExit(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    public async ValueTask DisposeAsync()
    {
        Rpc.Dispose();
        if (!_process.HasExited)
        {
            try
            {
                _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Ended in between.
            }
        }
        await _process.WaitForExitAsync().ConfigureAwait(false);
        await _stderrPump.ConfigureAwait(false);
        await _stderrLog.DisposeAsync().ConfigureAwait(false);
        _process.Dispose();
    }

    private sealed record Waiter(Func<PublishedDiagnostics, bool> Predicate)
    {
        public TaskCompletionSource<PublishedDiagnostics> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>The editor's side of server → client messages; requests get the answers an editor gives.</summary>
    private sealed class ClientTarget(ServerProcess owner)
    {
        [JsonRpcMethod("textDocument/publishDiagnostics")]
        public void PublishDiagnostics(JsonElement p) => owner.OnDiagnostics(p);

        [JsonRpcMethod("$/progress")]
        public void Progress(JsonElement p)
        {
            if (p.GetProperty("value").TryGetProperty("kind", out var kind) && kind.GetString() == "end")
            {
                owner._indexingEnded.TrySetResult(Stopwatch.GetTimestamp());
            }
        }

        [JsonRpcMethod("window/showMessage")]
        public void ShowMessage(JsonElement p)
        {
        }

        [JsonRpcMethod("window/logMessage")]
        public void LogMessage(JsonElement p)
        {
        }

        [JsonRpcMethod("window/workDoneProgress/create")]
        public object? CreateProgress(JsonElement p) => null;

        [JsonRpcMethod("client/registerCapability")]
        public object? RegisterCapability(JsonElement p) => null;

        [JsonRpcMethod("workspace/configuration")]
        public object Configuration(JsonElement p) => new object?[] { null };

        [JsonRpcMethod("workspace/applyEdit")]
        public object ApplyEdit(JsonElement p) => new { applied = false, failureReason = "the benchmark client applies no edits" };
    }
}

/// <summary>One publishDiagnostics as it arrived.</summary>
public sealed record PublishedDiagnostics(string Uri, int? Version, JsonElement Diagnostics, long ArrivedAt);
