using System.Text.Json;
using NoteLsp.Server.Tests.Fixture;
using StreamJsonRpc;

namespace NoteLsp.Server.Tests;

public class LifecycleTests
{
    private static readonly string Version = typeof(ServerOptions).Assembly.GetName().Version!.ToString(3);

    [Fact]
    public async Task Initialize_answers_exactly_the_declared_capabilities_and_server_info()
    {
        await using var session = await LspSession.StartAsync(capabilities: Clients.Full);
        JsonAssert.Equal($$"""
            {
              "capabilities": {
                "positionEncoding": "utf-16",
                "textDocumentSync": { "openClose": true, "change": 2, "save": { "includeText": false } },
                "completionProvider": { "triggerCharacters": ["[", "#", "^", "(", "/", "!"], "resolveProvider": false },
                "hoverProvider": true,
                "definitionProvider": true,
                "referencesProvider": true,
                "renameProvider": { "prepareProvider": true },
                "documentSymbolProvider": true,
                "workspaceSymbolProvider": true,
                "documentLinkProvider": { "resolveProvider": false },
                "codeActionProvider": { "codeActionKinds": ["quickfix", "source.linkMentions", "source.notelsp.timestamps", "refactor.extract", "refactor.inline"] },
                "codeLensProvider": { "resolveProvider": true },
                "documentHighlightProvider": true,
                "foldingRangeProvider": true,
                "selectionRangeProvider": true,
                "semanticTokensProvider": {
                  "legend": {
                    "tokenTypes": ["class", "property", "string", "macro", "number", "keyword", "comment", "decorator"],
                    "tokenModifiers": ["unresolved", "invalid"]
                  },
                  "range": true,
                  "full": { "delta": true }
                },
                "workspace": {
                  "workspaceFolders": { "supported": true, "changeNotifications": true },
                  "fileOperations": {
                    "didCreate": { "filters": [ { "scheme": "file", "pattern": { "glob": "**/*.{md,markdown}", "matches": "file" } }, { "scheme": "file", "pattern": { "glob": "**/*", "matches": "folder" } } ] },
                    "willRename": { "filters": [ { "scheme": "file", "pattern": { "glob": "**/*.{md,markdown}", "matches": "file" } }, { "scheme": "file", "pattern": { "glob": "**/*", "matches": "folder" } } ] },
                    "didRename": { "filters": [ { "scheme": "file", "pattern": { "glob": "**/*.{md,markdown}", "matches": "file" } }, { "scheme": "file", "pattern": { "glob": "**/*", "matches": "folder" } } ] },
                    "didDelete": { "filters": [ { "scheme": "file", "pattern": { "glob": "**/*.{md,markdown}", "matches": "file" } }, { "scheme": "file", "pattern": { "glob": "**/*", "matches": "folder" } } ] }
                  }
                }
              },
              "serverInfo": { "name": "notelsp", "version": "{{Version}}" }
            }
            """, session.InitializeResult);
    }

    [Fact]
    public async Task Initialize_with_a_vault_declares_its_note_extensions_and_pull_diagnostics_only_to_pull_clients()
    {
        using var vault = new TempVault(new Dictionary<string, string> { ["a.md"] = "# A\n" });
        await using var push = await LspSession.StartAsync(vault, Clients.Full);
        var pushCaps = push.InitializeResult.GetProperty("capabilities");
        Assert.False(pushCaps.TryGetProperty("diagnosticProvider", out _));
        Assert.Equal("**/*.{md,markdown}", pushCaps.GetProperty("workspace").GetProperty("fileOperations").GetProperty("willRename").GetProperty("filters")[0].GetProperty("pattern").GetProperty("glob").GetString());

        await using var pull = await LspSession.StartAsync(vault, Clients.Pull);
        JsonAssert.Equal("""{ "identifier": "notelsp", "interFileDependencies": true, "workspaceDiagnostics": true }""",
            pull.InitializeResult.GetProperty("capabilities").GetProperty("diagnosticProvider"));
    }

    [Fact]
    public async Task Without_prepare_support_rename_is_a_plain_boolean_and_utf8_is_chosen_when_offered()
    {
        await using var eglot = await LspSession.StartAsync(capabilities: Clients.Eglot);
        Assert.Equal(JsonValueKind.True, eglot.InitializeResult.GetProperty("capabilities").GetProperty("renameProvider").ValueKind);

        await using var helix = await LspSession.StartAsync(capabilities: Clients.Utf8);
        Assert.Equal("utf-8", helix.InitializeResult.GetProperty("capabilities").GetProperty("positionEncoding").GetString());
    }

    [Fact]
    public async Task A_request_before_initialize_is_refused_with_server_not_initialized()
    {
        await using var session = LspSession.Create();
        var error = await Assert.ThrowsAsync<RemoteInvocationException>(() => session.Request("textDocument/hover", LspSession.At("file:///x.md", 0, 0)));
        Assert.Equal(-32002, error.ErrorCode);
    }

    [Fact]
    public async Task A_request_after_shutdown_is_an_invalid_request_and_exit_then_gives_code_0()
    {
        await using var session = await LspSession.StartAsync();
        var shutdown = await session.Request("shutdown");
        Assert.Equal(JsonValueKind.Null, shutdown.ValueKind);
        var error = await Assert.ThrowsAsync<RemoteInvocationException>(() => session.Request("workspace/symbol", new { query = "x" }));
        Assert.Equal(-32600, error.ErrorCode);
        await session.Notify("exit");
        Assert.Equal(0, await session.Server.Completion.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Exit_without_shutdown_gives_code_1()
    {
        await using var session = await LspSession.StartAsync();
        await session.Notify("exit");
        Assert.Equal(1, await session.Server.Completion.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task The_client_closing_the_pipe_ends_the_server()
    {
        await using var session = await LspSession.StartAsync();
        session.Client.Dispose();
        Assert.Equal(1, await session.Server.Completion.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Shutdown_then_closing_the_pipe_without_exit_gives_code_0()
    {
        await using var session = await LspSession.StartAsync();
        await session.Request("shutdown");
        session.Client.Dispose();
        Assert.Equal(0, await session.Server.Completion.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Initialize_twice_is_refused()
    {
        await using var session = await LspSession.StartAsync();
        var error = await Assert.ThrowsAsync<RemoteInvocationException>(() => session.Request("initialize", new { capabilities = new { } }));
        Assert.Equal(-32600, error.ErrorCode);
    }

    [Fact]
    public async Task An_unknown_method_is_method_not_found_and_the_connection_stays_usable()
    {
        await using var session = await LspSession.StartAsync();
        var error = await Assert.ThrowsAsync<RemoteMethodNotFoundException>(() => session.Request("textDocument/moniker", new { textDocument = new { uri = "file:///x.md" } }));
        Assert.Equal(-32601, (int)error.ErrorCode);
        var symbols = await session.Request("workspace/symbol", new { query = "" });
        Assert.Equal(JsonValueKind.Array, symbols.ValueKind);
    }

    [Fact]
    public async Task Malformed_params_are_invalid_params()
    {
        await using var session = await LspSession.StartAsync();
        var (code, _) = await Errors.CodeOf(() => session.Request("textDocument/hover", new { textDocument = new { uri = 42 }, position = "here" }));
        Assert.Equal(-32602, code);
    }

    [Fact]
    public async Task A_cancelled_request_answers_request_cancelled()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = new ServerOptions
        {
            // Hold workspace/symbol until the client's $/cancelRequest has cancelled it.
            BeforeRequest = async (method, token) =>
            {
                if (method != "workspace/symbol" || !started.TrySetResult()) return;
                await Task.Delay(Timeout.Infinite, token);
            },
        };
        await using var session = await LspSession.StartAsync(options: options);
        using var cancellation = new CancellationTokenSource();
        var request = session.Request("workspace/symbol", new { query = "x" }, cancellation.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        cancellation.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request.WaitAsync(TimeSpan.FromSeconds(10)));
        // The server answered -32800 on the wire: StreamJsonRpc turns exactly that into a cancellation on the client.
        var symbols = await session.Request("workspace/symbol", new { query = "" });
        Assert.Equal(JsonValueKind.Array, symbols.ValueKind);
    }

    [Fact]
    public async Task A_malformed_frame_ends_the_connection_with_code_1()
    {
        var (serverStream, clientStream) = Nerdbank.Streams.FullDuplexStream.CreatePair();
        using var server = LanguageServerFactory.Create(serverStream, serverStream, new ServerOptions());
        var garbage = System.Text.Encoding.ASCII.GetBytes("Content-Length: 12\r\n\r\n{not json!!}");
        await clientStream.WriteAsync(garbage);
        await clientStream.FlushAsync();
        Assert.Equal(1, await server.Completion.WaitAsync(TimeSpan.FromSeconds(10)));
        await clientStream.DisposeAsync();
    }
}
