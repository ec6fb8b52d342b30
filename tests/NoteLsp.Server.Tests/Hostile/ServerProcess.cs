using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace NoteLsp.Server.Tests.Hostile;

/// <summary>
/// The real `notelsp` process (the build output of NoteLsp.Cli) with raw bytes on its stdin: what an editor starts.
/// Every wait has a timeout; a process that does not exit in time is killed and the test fails saying it hung.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    public static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(20);

    private readonly Process _process;
    private readonly MemoryStream _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Task _stdoutPump;
    private readonly Task _stderrPump;
    private readonly SemaphoreSlim _received = new(0);

    private ServerProcess(Process process)
    {
        _process = process;
        _stdoutPump = Task.Run(PumpStdout);
        _stderrPump = Task.Run(async () =>
        {
            string? line;
            while ((line = await _process.StandardError.ReadLineAsync()) is not null)
            {
                lock (_stderr) _stderr.AppendLine(line);
            }
        });
    }

    public static string DllPath
    {
        get
        {
            var path = Path.Combine(AppContext.BaseDirectory, "notelsp.dll");
            Assert.True(File.Exists(path), $"notelsp.dll is not next to the test assembly ({path})");
            return path;
        }
    }

    public static ServerProcess Start(string? workingDirectory = null)
    {
        // The test host runs under the same dotnet; use it rather than whatever `dotnet` is first on PATH.
        var host = Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet";
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(DllPath);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        return new ServerProcess(Process.Start(start)!);
    }

    public int Id => _process.Id;

    public string Stderr
    {
        get
        {
            lock (_stderr) return _stderr.ToString();
        }
    }

    public Stream Stdin => _process.StandardInput.BaseStream;

    /// <summary>Writes raw bytes; false when the server has already closed its end (it may exit before we finish).</summary>
    public async Task<bool> SendRaw(byte[] bytes)
    {
        try
        {
            await Stdin.WriteAsync(bytes);
            await Stdin.FlushAsync();
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    public Task<bool> Send(object message) => SendRaw(Frame(message));

    public static byte[] Frame(object message) => Frame(JsonSerializer.SerializeToUtf8Bytes(message));

    public static byte[] Frame(byte[] body) => [.. Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n"), .. body];

    public static object Request(int id, string method, object? parameters) => new { jsonrpc = "2.0", id, method, @params = parameters };

    public static object Notification(string method, object? parameters) => new { jsonrpc = "2.0", method, @params = parameters };

    /// <summary>initialize + initialized for a vault folder (or none), waiting for the initialize answer.</summary>
    public async Task Initialize(string? rootUri = null)
    {
        await Send(Request(1, "initialize", new { processId = (int?)null, rootUri, capabilities = new { } }));
        await WaitForResponse(1);
        await Send(Notification("initialized", new { }));
    }

    public void CloseStdin() => _process.StandardInput.Close();

    /// <summary>The answer to request id (other messages are skipped).</summary>
    public async Task<JsonElement> WaitForResponse(int id, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? ExitTimeout);
        while (true)
        {
            foreach (var message in Messages())
            {
                if (message.TryGetProperty("id", out var messageId) && messageId.ValueKind == JsonValueKind.Number && messageId.GetInt32() == id
                    && !message.TryGetProperty("method", out _))
                {
                    return message;
                }
            }
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _received.WaitAsync(left))
            {
                throw new TimeoutException($"No answer to request {id} within {timeout ?? ExitTimeout}. stderr:\n{Stderr}");
            }
        }
    }

    /// <summary>Every complete message the server wrote to stdout so far.</summary>
    public List<JsonElement> Messages()
    {
        byte[] bytes;
        lock (_stdout) bytes = _stdout.ToArray();
        var messages = new List<JsonElement>();
        var at = 0;
        while (true)
        {
            var headerEnd = bytes.AsSpan(at).IndexOf("\r\n\r\n"u8);
            if (headerEnd < 0) break;
            var header = Encoding.ASCII.GetString(bytes, at, headerEnd);
            var length = int.Parse(header.Split("\r\n").First(h => h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            var bodyStart = at + headerEnd + 4;
            if (bodyStart + length > bytes.Length) break;
            messages.Add(JsonDocument.Parse(bytes.AsMemory(bodyStart, length)).RootElement.Clone());
            at = bodyStart + length;
        }
        return messages;
    }

    /// <summary>The exit code; a process still running after the timeout is killed and the test fails (it hung).</summary>
    public async Task<int> WaitForExit(TimeSpan? timeout = null)
    {
        using var cancellation = new CancellationTokenSource(timeout ?? ExitTimeout);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            Assert.Fail($"notelsp did not exit within {timeout ?? ExitTimeout}: it hung and was killed. stderr:\n{Stderr}");
        }
        await Task.WhenAny(Task.WhenAll(_stdoutPump, _stderrPump), Task.Delay(TimeSpan.FromSeconds(5)));
        return _process.ExitCode;
    }

    private async Task PumpStdout()
    {
        var buffer = new byte[65536];
        var stream = _process.StandardOutput.BaseStream;
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0)
            {
                lock (_stdout) _stdout.Write(buffer, 0, read);
                _received.Release();
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
        }
        _received.Release();
    }

    /// <summary>The client vanishes: both pipes are closed at once, as when an editor crashes.</summary>
    public void Vanish()
    {
        try
        {
            _process.StandardInput.Close();
        }
        catch (IOException)
        {
        }
        _process.StandardOutput.Close();
    }

    private void Kill()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
