using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using NoteLsp.Server.Transport;
using StreamJsonRpc;

namespace NoteLsp.Soak;

/// <summary>The real server process; its stderr goes to a log file, its memory is read from /proc.</summary>
public sealed class ServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly string _logPath;
    private readonly Task _stderr;

    private ServerProcess(Process process, string logPath)
    {
        _process = process;
        _logPath = logPath;
        _stderr = Task.Run(async () =>
        {
            await using var log = new StreamWriter(logPath);
            string? line;
            while ((line = await process.StandardError.ReadLineAsync()) is not null) await log.WriteLineAsync(line);
        });
    }

    public static ServerProcess Start(string dll, string logPath)
    {
        var host = Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet";
        var start = new ProcessStartInfo(host) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        return new ServerProcess(Process.Start(start)!, logPath);
    }

    public int Id => _process.Id;

    public Stream Input => _process.StandardInput.BaseStream;

    public Stream Output => _process.StandardOutput.BaseStream;

    /// <summary>Resident memory of the server process (VmRSS), in MB.</summary>
    public double RssMegabytes()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }

    public async Task<int> WaitForExit(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            return -1;
        }
        await _stderr.WaitAsync(TimeSpan.FromSeconds(5));
        return _process.ExitCode;
    }

    public int ErrorLines() => File.Exists(_logPath) ? File.ReadLines(_logPath).Count(l => l.Contains(" ERR]", StringComparison.Ordinal) || l.Contains(" FTL]", StringComparison.Ordinal)) : 0;

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}

/// <summary>A StreamJsonRpc client with the server's framing and formatter; it answers the server's requests.</summary>
public sealed class SoakClient
{
    private readonly Dictionary<string, (int? Version, JsonElement Diagnostics)> _diagnostics = [];
    private readonly object _gate = new();

    public SoakClient(ServerProcess server)
    {
        Rpc = new JsonRpc(new HeaderDelimitedMessageHandler(server.Input, server.Output, LspJsonRpc.CreateFormatter()));
        Rpc.AddLocalRpcTarget(new Target(this), new JsonRpcTargetOptions { UseSingleObjectParameterDeserialization = true });
        Rpc.StartListening();
    }

    public JsonRpc Rpc { get; }

    public TaskCompletionSource Indexed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The diagnostics last pushed for the URI, once they carry the version (polled: they follow a quiet period).</summary>
    public async Task<JsonElement> LastDiagnostics(string uri, int version)
    {
        while (true)
        {
            lock (_gate)
            {
                if (_diagnostics.TryGetValue(uri, out var last) && last.Version == version) return last.Diagnostics;
            }
            await Task.Delay(50);
        }
    }

    private sealed class Target(SoakClient client)
    {
        [JsonRpcMethod("textDocument/publishDiagnostics")]
        public void PublishDiagnostics(JsonElement p)
        {
            var version = p.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : (int?)null;
            lock (client._gate) client._diagnostics[p.GetProperty("uri").GetString()!] = (version, p.GetProperty("diagnostics").Clone());
        }

        [JsonRpcMethod("$/progress")]
        public void Progress(JsonElement p)
        {
            if (p.GetProperty("value").GetProperty("kind").GetString() == "end") client.Indexed.TrySetResult();
        }

        [JsonRpcMethod("window/workDoneProgress/create")]
        public object? CreateProgress(JsonElement p) => null;

        [JsonRpcMethod("client/registerCapability")]
        public object? RegisterCapability(JsonElement p) => null;

        [JsonRpcMethod("workspace/configuration")]
        public object?[] Configuration(JsonElement p) => [null];

        [JsonRpcMethod("window/showMessage")]
        public void ShowMessage(JsonElement p)
        {
        }

        [JsonRpcMethod("window/logMessage")]
        public void LogMessage(JsonElement p)
        {
        }
    }
}

/// <summary>Random edits a person (or a paste) makes: typing, links, emoji, line breaks, deletions, multi-line replacements.</summary>
public sealed class Editor(Random random)
{
    private int _counter;

    private static readonly string[] Typed = ["a", "e", " ", "word ", "[[", "]]", "|", "#", "😀", "é", "中", "\n", "\r\n"];

    /// <summary>The next edit: a range of the current text (offsets) and what replaces it.</summary>
    public ((int Start, int End) Range, string Insert) Next(string text)
    {
        var roll = random.NextDouble();
        var grow = text.Length < 20_000;
        var start = Snap(text, random.Next(text.Length + 1));
        if (roll < 0.5 && grow || text.Length == 0)
        {
            var n = Interlocked.Increment(ref _counter);
            var insert = (n % 50) switch
            {
                0 => $"\n## Soak heading {n}\n",
                1 => $"[[Soak missing {n}]] ",
                2 => "[[alpha]] ",
                _ => Typed[random.Next(Typed.Length)],
            };
            return ((start, start), insert);
        }
        var end = Snap(text, Math.Min(text.Length, start + random.Next(1, 12)));
        if (roll < 0.85) return ((start, end), "");
        return ((start, end), $"line one {random.Next(100)}\nline [[two]] 😀\n");
    }

    /// <summary>Where a request is worth sending: just after a "[[" when there is one, else anywhere.</summary>
    public int InterestingOffset(string text)
    {
        var from = random.Next(text.Length + 1);
        var open = text.IndexOf("[[", from < text.Length ? from : 0, StringComparison.Ordinal);
        return Snap(text, open >= 0 && random.NextDouble() < 0.7 ? open + 2 : from);
    }

    /// <summary>Editors never point inside a surrogate pair or between the \r and \n of a line end.</summary>
    private static int Snap(string text, int offset)
    {
        if (offset <= 0 || offset >= text.Length) return offset;
        if (text[offset - 1] == '\r' && text[offset] == '\n') return offset - 1;
        return char.IsLowSurrogate(text[offset]) && char.IsHighSurrogate(text[offset - 1]) ? offset - 1 : offset;
    }

    /// <summary>The UTF-16 LSP position of an offset (\n, \r\n and \r end lines).</summary>
    public static object PositionOf(string text, int offset)
    {
        var line = 0;
        var lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
            if (text[i] is '\n' or '\r')
            {
                line++;
                lineStart = i + 1;
            }
        }
        return new { line, character = offset - lineStart };
    }
}
