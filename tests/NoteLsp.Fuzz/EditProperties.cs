using System.Text.Json;
using Nerdbank.Streams;
using NoteLsp.Server;
using NoteLsp.Server.Transport;
using StreamJsonRpc;

namespace NoteLsp.Fuzz;

/// <summary>One random edit: where (as fractions of the text, so it shrinks well) and what goes there.</summary>
public sealed record Edit(double Start, double Length, string Text);

/// <summary>
/// Random edit sequences sent as didChange to a real server (in memory, the same factory `notelsp` uses) leave
/// its text identical to the client's: checked through results that depend on the text — document symbols, links
/// and pull diagnostics of the edited note equal those of a note opened fresh with the client's final text.
/// </summary>
public sealed class EditSession : IAsyncDisposable
{
    private readonly LanguageServer _server;
    private readonly JsonRpc _client;
    private readonly bool _utf8;
    private int _documents;

    private EditSession(bool utf8)
    {
        _utf8 = utf8;
        var (serverStream, clientStream) = FullDuplexStream.CreatePair();
        _server = LanguageServerFactory.Create(serverStream, serverStream, new ServerOptions());
        _client = new JsonRpc(new HeaderDelimitedMessageHandler(clientStream, clientStream, LspJsonRpc.CreateFormatter()));
        _client.AddLocalRpcMethod("textDocument/publishDiagnostics", new Action<JsonElement>(_ => { }));
        _client.StartListening();
    }

    public static async Task<EditSession> StartAsync(bool utf8)
    {
        var session = new EditSession(utf8);
        var general = utf8 ? new { positionEncodings = new[] { "utf-8" } } : null;
        await session._client.InvokeWithParameterObjectAsync<JsonElement>("initialize", new
        {
            capabilities = new { general, textDocument = new { diagnostic = new { dynamicRegistration = false } } },
        });
        await session._client.NotifyWithParameterObjectAsync("initialized", new { });
        return session;
    }

    /// <summary>Opens a fresh note, applies the edits on both sides, and compares what the server answers.</summary>
    public async Task Check(string initial, IReadOnlyList<Edit> edits)
    {
        var n = Interlocked.Increment(ref _documents);
        var folder = Path.Combine(Path.GetTempPath(), "notelsp-fuzz-edits");
        var uri = NoteLsp.Server.Conversion.DocumentUri.FromLocalPath(Path.Combine(folder, $"edited-{n}.md"));
        var fresh = NoteLsp.Server.Conversion.DocumentUri.FromLocalPath(Path.Combine(folder, $"fresh-{n}.md"));
        var text = initial;
        await Open(uri, text);
        var version = 1;
        foreach (var edit in edits)
        {
            var start = Snap(text, (int)(Math.Clamp(edit.Start, 0, 1) * text.Length));
            var end = Snap(text, Math.Min(text.Length, start + (int)(Math.Clamp(edit.Length, 0, 1) * 40)));
            var range = new { start = Position(text, start), end = Position(text, end) };
            text = string.Concat(text.AsSpan(0, start), edit.Text, text.AsSpan(end));
            await _client.NotifyWithParameterObjectAsync("textDocument/didChange", new
            {
                textDocument = new { uri, version = ++version },
                contentChanges = new[] { new { range, text = edit.Text } },
            });
        }
        await Open(fresh, text);

        foreach (var method in new[] { "textDocument/documentSymbol", "textDocument/documentLink", "textDocument/diagnostic", "textDocument/foldingRange" })
        {
            var edited = await Ask(method, uri);
            var expected = await Ask(method, fresh);
            if (edited != expected)
            {
                throw new InvalidOperationException($"{method} differs after the edits.\nserver's: {edited}\nclient's: {expected}\nclient text: {JsonSerializer.Serialize(text)}");
            }
        }
        // And directly: the server's copy is the client's, character for character.
        var document = _server.Workspace.Current.Documents.Values.Single(d => d.Uri == uri);
        if (document.Text != text) throw new InvalidOperationException($"the server's text differs: {JsonSerializer.Serialize(document.Text)} vs {JsonSerializer.Serialize(text)}");
        await _client.NotifyWithParameterObjectAsync("textDocument/didClose", new { textDocument = new { uri } });
        await _client.NotifyWithParameterObjectAsync("textDocument/didClose", new { textDocument = new { uri = fresh } });
    }

    private Task Open(string uri, string text) =>
        _client.NotifyWithParameterObjectAsync("textDocument/didOpen", new { textDocument = new { uri, languageId = "markdown", version = 1, text } });

    private async Task<string> Ask(string method, string uri)
    {
        var answer = await _client.InvokeWithParameterObjectAsync<JsonElement>(method, new { textDocument = new { uri } }).WaitAsync(TimeSpan.FromSeconds(60));
        // Results name their own document in places (links to itself, their tooltips): compare without the name.
        return System.Text.RegularExpressions.Regex.Replace(answer.GetRawText(), @"(edited|fresh)-\d+", "SELF");
    }

    /// <summary>A client never points inside a character: an offset inside a surrogate pair moves to its start.</summary>
    /// <summary>No client points between the \r and \n of one line end either (no LSP position is there).</summary>
    private int Snap(string text, int offset)
    {
        if (offset <= 0 || offset >= text.Length) return offset;
        if (text[offset - 1] == '\r' && text[offset] == '\n') return offset - 1;
        // Editors never split a surrogate pair (and a split one could not cross the wire: see MarkdownishGen.WireSafe).
        return char.IsLowSurrogate(text[offset]) && char.IsHighSurrogate(text[offset - 1]) ? offset - 1 : offset;
    }

    /// <summary>The client's position of an offset: UTF-16 units, or UTF-8 bytes of the line before it.</summary>
    private object Position(string text, int offset)
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
        var prefix = text.AsSpan(lineStart, offset - lineStart);
        var character = _utf8 ? Utf8Length(prefix) : prefix.Length;
        return new { line, character };
    }

    private static int Utf8Length(ReadOnlySpan<char> s)
    {
        var bytes = 0;
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                bytes += 4;
                i++;
            }
            else bytes += s[i] < 0x80 ? 1 : s[i] < 0x800 ? 2 : 3;
        }
        return bytes;
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        _server.Dispose();
        await Task.CompletedTask;
    }
}
