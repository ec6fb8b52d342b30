using System.Text;
using System.Text.Json;
using Nerdbank.Streams;
using NoteLsp.Server.Tests.Fixture;

namespace NoteLsp.Server.Tests.Hostile;

/// <summary>
/// `shutdown` while requests are in flight: every request gets exactly one answer (its result, or -32800 when shutdown
/// cut it short), and all of them come before shutdown's own answer. Raw frames both ways, read in wire order.
/// </summary>
public class ShutdownInFlightTests
{
    private const int RequestCancelled = -32800;
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("textDocument/codeAction")]
    [InlineData("textDocument/documentLink")]
    [InlineData("textDocument/documentSymbol")]
    public async Task Requests_held_mid_flight_are_answered_before_shutdown(string held)
    {
        using var vault = new TempVault(new Dictionary<string, string> { ["a.md"] = "# A\n\nSee [[b]] and [[missing]].\n", ["b.md"] = "# B\n" });
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var enteredCount = 0;
        var options = new ServerOptions
        {
            // Hold two requests of the method until something cancels them (the client never does).
            BeforeRequest = async (method, token) =>
            {
                if (method != held) return;
                if (Interlocked.Increment(ref enteredCount) == 2) entered.TrySetResult();
                await Task.Delay(Timeout.Infinite, token);
            },
        };
        await using var wire = new RawWire(options);
        await wire.Send(new { jsonrpc = "2.0", id = 1, method = "initialize", @params = new { processId = (int?)null, rootUri = vault.RootUri, capabilities = new { } } });
        await wire.WaitForAnswer(1);
        await wire.Send(new { jsonrpc = "2.0", method = "initialized", @params = new { } });
        var uri = vault.Uri("a.md");
        await wire.Send(new { jsonrpc = "2.0", method = "textDocument/didOpen", @params = new { textDocument = new { uri, languageId = "markdown", version = 1, text = "# A\n\nSee [[b]] and [[missing]].\n" } } });

        object ParamsOf(string method) => method == "textDocument/codeAction"
            ? new { textDocument = new { uri }, range = LspSession.Range(2, 4, 2, 6), context = new { diagnostics = Array.Empty<object>() } }
            : new { textDocument = new { uri } };
        await wire.Send(new { jsonrpc = "2.0", id = 10, method = held, @params = ParamsOf(held) });
        await wire.Send(new { jsonrpc = "2.0", id = 11, method = held, @params = ParamsOf(held) });
        await wire.Send(new { jsonrpc = "2.0", id = 12, method = "textDocument/hover", @params = LspSession.At(uri, 2, 6) });
        await entered.Task.WaitAsync(HangGuard);
        await wire.Send(new { jsonrpc = "2.0", id = 13, method = "shutdown" });
        // After shutdown: refused, and answered too.
        await wire.Send(new { jsonrpc = "2.0", id = 14, method = "textDocument/hover", @params = LspSession.At(uri, 2, 6) });
        await wire.WaitForAnswer(13);
        await wire.WaitForAnswer(14);

        var answers = wire.Messages.Where(m => !m.TryGetProperty("method", out _) && m.TryGetProperty("id", out _)).ToList();
        int IndexOf(int id) => answers.FindIndex(m => m.GetProperty("id").GetInt32() == id);
        foreach (var id in new[] { 10, 11, 12, 13, 14 })
        {
            Assert.Single(answers, m => m.GetProperty("id").GetInt32() == id);
        }
        var shutdown = IndexOf(13);
        Assert.True(IndexOf(10) < shutdown && IndexOf(11) < shutdown && IndexOf(12) < shutdown,
            "every request sent before shutdown is answered before it: " + string.Join(", ", answers.Select(a => a.GetProperty("id").GetInt32())));
        foreach (var id in new[] { 10, 11 })
        {
            var answer = answers[IndexOf(id)];
            Assert.True(answer.TryGetProperty("result", out _) || answer.GetProperty("error").GetProperty("code").GetInt32() == RequestCancelled, answer.ToString());
        }
        Assert.Equal(JsonValueKind.Null, answers[shutdown].GetProperty("result").ValueKind);
        Assert.Equal(-32600, answers[IndexOf(14)].GetProperty("error").GetProperty("code").GetInt32());

        await wire.Send(new { jsonrpc = "2.0", method = "exit" });
        Assert.Equal(0, await wire.Server.Completion.WaitAsync(HangGuard));
    }

    /// <summary>The in-process server on a duplex pipe; the test writes frames and reads every message in wire order.</summary>
    private sealed class RawWire : IAsyncDisposable
    {
        private readonly Stream _client;
        private readonly Stream _serverStream;
        private readonly List<JsonElement> _messages = [];
        private readonly SemaphoreSlim _arrived = new(0);
        private readonly Task _reader;

        public RawWire(ServerOptions options)
        {
            (_serverStream, _client) = FullDuplexStream.CreatePair();
            Server = LanguageServerFactory.Create(_serverStream, _serverStream, options);
            _reader = Task.Run(ReadAll);
        }

        public LanguageServer Server { get; }

        public List<JsonElement> Messages
        {
            get
            {
                lock (_messages) return [.. _messages];
            }
        }

        public async Task Send(object message)
        {
            var body = JsonSerializer.SerializeToUtf8Bytes(message);
            await _client.WriteAsync(Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n"));
            await _client.WriteAsync(body);
            await _client.FlushAsync();
        }

        public async Task<JsonElement> WaitForAnswer(int id)
        {
            var deadline = DateTime.UtcNow + HangGuard;
            while (true)
            {
                var found = Messages.FirstOrDefault(m => !m.TryGetProperty("method", out _) && m.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.Number && i.GetInt32() == id);
                if (found.ValueKind != JsonValueKind.Undefined) return found;
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero || !await _arrived.WaitAsync(left)) throw new TimeoutException($"no answer to request {id}");
            }
        }

        private async Task ReadAll()
        {
            var buffer = new List<byte>();
            var chunk = new byte[65536];
            try
            {
                int read;
                while ((read = await _client.ReadAsync(chunk)) > 0)
                {
                    buffer.AddRange(chunk.AsSpan(0, read));
                    while (TryTake(buffer) is { } message)
                    {
                        lock (_messages) _messages.Add(message);
                        _arrived.Release();
                    }
                }
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
            }
        }

        private static JsonElement? TryTake(List<byte> buffer)
        {
            var bytes = buffer.ToArray();
            var headerEnd = bytes.AsSpan().IndexOf("\r\n\r\n"u8);
            if (headerEnd < 0) return null;
            var header = Encoding.ASCII.GetString(bytes, 0, headerEnd);
            var length = int.Parse(header.Split("\r\n").First(h => h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            if (headerEnd + 4 + length > bytes.Length) return null;
            var message = JsonDocument.Parse(bytes.AsMemory(headerEnd + 4, length)).RootElement.Clone();
            buffer.RemoveRange(0, headerEnd + 4 + length);
            return message;
        }

        public async ValueTask DisposeAsync()
        {
            Server.Dispose();
            await _client.DisposeAsync();
            await _serverStream.DisposeAsync();
            await Task.WhenAny(_reader, Task.Delay(TimeSpan.FromSeconds(5)));
        }
    }
}
