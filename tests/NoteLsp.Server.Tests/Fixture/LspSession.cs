using System.Text.Json;
using Nerdbank.Streams;
using NoteLsp.Server.Protocol;
using NoteLsp.Server.Transport;
using StreamJsonRpc;

namespace NoteLsp.Server.Tests.Fixture;

/// <summary>
/// The real server (from LanguageServerFactory, as `notelsp server` builds it) on one end of an in-memory duplex
/// stream and a real StreamJsonRpc client with the same framing and formatter on the other. Results are read as
/// raw JSON, so a misspelled or PascalCase property fails a test.
/// </summary>
public sealed class LspSession : IAsyncDisposable
{
    private readonly Stream _serverStream;
    private readonly Stream _clientStream;

    private LspSession(ServerOptions options)
    {
        (_serverStream, _clientStream) = FullDuplexStream.CreatePair();
        Server = LanguageServerFactory.Create(_serverStream, _serverStream, options);
        var handler = new HeaderDelimitedMessageHandler(_clientStream, _clientStream, LspJsonRpc.CreateFormatter());
        Client = new JsonRpc(handler);
        Client.AddLocalRpcTarget(new ClientTarget(this), new JsonRpcTargetOptions { UseSingleObjectParameterDeserialization = true });
        Client.StartListening();
    }

    public LanguageServer Server { get; }

    public JsonRpc Client { get; }

    public Inbox Inbox { get; } = new();

    public JsonElement InitializeResult { get; private set; }

    /// <summary>What the client answers to workspace/configuration (one element per item).</summary>
    public JsonElement? Configuration { get; set; }

    /// <summary>When set, the client's answer for each configuration item (by its scopeUri, null for none) instead of <see cref="Configuration"/>.</summary>
    public Func<string?, object?>? ConfigurationByScope { get; set; }

    /// <summary>When set, awaited before the answer to the n-th (from 0) workspace/configuration request is sent: a slow client.</summary>
    public Func<int, Task>? BeforeConfigurationAnswer { get; set; }

    private int _configurationRequests;

    /// <summary>Creates the session without sending initialize.</summary>
    public static LspSession Create(ServerOptions? options = null) => new(options ?? new ServerOptions());

    /// <summary>Creates the session, sends initialize + initialized and (when a vault is given and the client supports progress) waits until it is indexed.</summary>
    public static async Task<LspSession> StartAsync(
        TempVault? vault = null,
        JsonElement? capabilities = null,
        object? initializationOptions = null,
        ServerOptions? options = null,
        IReadOnlyList<TempVault>? folders = null,
        bool waitForIndex = true,
        Action<LspSession>? beforeInitialize = null)
    {
        var session = Create(options);
        beforeInitialize?.Invoke(session);
        var caps = capabilities ?? Clients.Full;
        var workspaceFolders = (folders ?? (vault is null ? [] : [vault])).Select(v => new { uri = v.RootUri, name = Path.GetFileName(v.Root) }).ToArray();
        session.InitializeResult = await session.Request(LspMethods.Initialize, new
        {
            processId = Environment.ProcessId,
            clientInfo = new { name = "test client", version = "1.0" },
            rootUri = vault?.RootUri,
            workspaceFolders = workspaceFolders.Length > 0 ? workspaceFolders : null,
            capabilities = caps,
            initializationOptions,
        });
        await session.Notify(LspMethods.Initialized, new { });
        var hasProgress = caps.TryGetProperty("window", out var window) && window.TryGetProperty("workDoneProgress", out var p) && p.GetBoolean();
        if (waitForIndex && workspaceFolders.Length > 0 && hasProgress) await session.WaitForIndexed();
        return session;
    }

    /// <summary>Waits for the end of the next indexing progress.</summary>
    public Task<InboxMessage> WaitForIndexed(TimeSpan? timeout = null) =>
        Inbox.WaitFor(LspMethods.Progress, p => p.GetProperty("value").GetProperty("kind").GetString() == "end", timeout);

    public Task<JsonElement> Request(string method, object? parameters = null, CancellationToken cancellationToken = default) =>
        Client.InvokeWithParameterObjectAsync<JsonElement>(method, parameters, cancellationToken);

    public Task Notify(string method, object? parameters = null) =>
        Client.NotifyWithParameterObjectAsync(method, parameters);

    public Task Open(string uri, string text, int version = 1, string languageId = "markdown") =>
        Notify(LspMethods.DidOpen, new { textDocument = new { uri, languageId, version, text } });

    public Task Close(string uri) => Notify(LspMethods.DidClose, new { textDocument = new { uri } });

    /// <summary>An incremental change replacing the range (line/character pairs in the negotiated encoding).</summary>
    public Task Change(string uri, int version, int startLine, int startCharacter, int endLine, int endCharacter, string text) =>
        Notify(LspMethods.DidChange, new
        {
            textDocument = new { uri, version },
            contentChanges = new[] { new { range = Range(startLine, startCharacter, endLine, endCharacter), text } },
        });

    public Task ChangeAll(string uri, int version, string text) =>
        Notify(LspMethods.DidChange, new { textDocument = new { uri, version }, contentChanges = new[] { new { text } } });

    public static object Range(int startLine, int startCharacter, int endLine, int endCharacter) =>
        new { start = new { line = startLine, character = startCharacter }, end = new { line = endLine, character = endCharacter } };

    public static object At(string uri, int line, int character) =>
        new { textDocument = new { uri }, position = new { line, character } };

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Server.Dispose();
        await _clientStream.DisposeAsync();
        await _serverStream.DisposeAsync();
    }

    /// <summary>The client's side of server → client messages: everything lands in the inbox; requests get plausible answers.</summary>
    private sealed class ClientTarget(LspSession session)
    {
        [JsonRpcMethod(LspMethods.PublishDiagnostics)]
        public void PublishDiagnostics(JsonElement p) => session.Inbox.Add(LspMethods.PublishDiagnostics, p);

        [JsonRpcMethod(LspMethods.Progress)]
        public void Progress(JsonElement p) => session.Inbox.Add(LspMethods.Progress, p);

        [JsonRpcMethod(LspMethods.ShowMessage)]
        public void ShowMessage(JsonElement p) => session.Inbox.Add(LspMethods.ShowMessage, p);

        [JsonRpcMethod(LspMethods.LogMessage)]
        public void LogMessage(JsonElement p) => session.Inbox.Add(LspMethods.LogMessage, p);

        [JsonRpcMethod(LspMethods.RegisterCapability)]
        public object? RegisterCapability(JsonElement p)
        {
            session.Inbox.Add(LspMethods.RegisterCapability, p);
            return null;
        }

        [JsonRpcMethod(LspMethods.WorkDoneProgressCreate)]
        public object? CreateProgress(JsonElement p)
        {
            session.Inbox.Add(LspMethods.WorkDoneProgressCreate, p);
            return null;
        }

        [JsonRpcMethod(LspMethods.ApplyEdit)]
        public object ApplyEdit(JsonElement p)
        {
            session.Inbox.Add(LspMethods.ApplyEdit, p);
            return new { applied = true };
        }

        [JsonRpcMethod(LspMethods.Configuration)]
        public async Task<object> Configuration(JsonElement p)
        {
            session.Inbox.Add(LspMethods.Configuration, p);
            var number = Interlocked.Increment(ref session._configurationRequests) - 1;
            // The answer is what the settings are when the question arrives, however late it is sent.
            object answer = session.ConfigurationByScope is { } byScope
                ? p.GetProperty("items").EnumerateArray()
                    .Select(item => byScope(item.TryGetProperty("scopeUri", out var scope) && scope.ValueKind == JsonValueKind.String ? scope.GetString() : null))
                    .ToArray()
                : session.Configuration is { } settings ? new[] { settings } : new object?[] { null };
            if (session.BeforeConfigurationAnswer is { } delay) await delay(number).ConfigureAwait(false);
            return answer;
        }

        [JsonRpcMethod(LspMethods.CodeLensRefresh)]
        public object? CodeLensRefresh(JsonElement? p = null)
        {
            session.Inbox.Add(LspMethods.CodeLensRefresh, p ?? default);
            return null;
        }

        [JsonRpcMethod(LspMethods.DiagnosticRefresh)]
        public object? Refresh(JsonElement? p = null)
        {
            session.Inbox.Add(LspMethods.DiagnosticRefresh, p ?? default);
            return null;
        }
    }
}
