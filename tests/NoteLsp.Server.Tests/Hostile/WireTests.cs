using System.Text;
using System.Text.Json;
using NoteLsp.Server.Tests.Fixture;

namespace NoteLsp.Server.Tests.Hostile;

/// <summary>
/// Broken framing and vanishing clients against the real process: the server logs why on stderr and exits with
/// code 1 promptly; it never hangs (every wait has a timeout and a hung process is killed and reported).
/// </summary>
public class WireTests
{
    private static byte[] Ascii(string s) => Encoding.ASCII.GetBytes(s);

    /// <summary>The server answered initialize, then got the bytes: it must exit 1 and say why.</summary>
    private static async Task<string> ExitsWithCode1After(byte[] garbage, bool closeStdin = false)
    {
        using var server = ServerProcess.Start();
        await server.Initialize();
        await server.SendRaw(garbage);
        if (closeStdin) server.CloseStdin();
        Assert.Equal(1, await server.WaitForExit());
        return server.Stderr;
    }

    [Fact]
    public async Task A_content_length_that_is_not_a_number_ends_the_server_with_code_1_and_a_logged_reason()
    {
        var stderr = await ExitsWithCode1After(Ascii("Content-Length: twelve\r\n\r\n{\"jsonrpc\":1}"));
        Assert.Contains("Content-Length", stderr);
        Assert.Contains("Connection lost", stderr);
    }

    [Fact]
    public async Task A_negative_content_length_ends_the_server_with_code_1()
    {
        var stderr = await ExitsWithCode1After(Ascii("Content-Length: -5\r\n\r\n{}"));
        Assert.Contains("Connection lost", stderr);
    }

    [Fact]
    public async Task A_message_without_a_header_ends_the_server_with_code_1()
    {
        var stderr = await ExitsWithCode1After(Ascii("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"shutdown\"}\r\n\r\n"));
        Assert.Contains("Connection lost", stderr);
    }

    [Fact]
    public async Task Invalid_json_ends_the_server_with_code_1_and_a_logged_reason()
    {
        var stderr = await ExitsWithCode1After(ServerProcess.Frame(Ascii("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":")));
        Assert.Contains("Connection lost", stderr);
    }

    [Fact]
    public async Task A_truncated_message_then_the_client_closing_its_end_ends_the_server_with_code_1()
    {
        var stderr = await ExitsWithCode1After(Ascii("Content-Length: 200\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":2,"), closeStdin: true);
        Assert.Contains("Connection lost", stderr);
    }

    [Fact]
    public async Task A_header_announcing_a_message_over_100_MB_ends_the_server_at_once_without_waiting_for_the_body()
    {
        // Without the limit the server buffers until all 150 MB arrive: with the pipe left open it waits forever.
        using var server = ServerProcess.Start();
        await server.Initialize();
        await server.SendRaw(Ascii("Content-Length: 150000000\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":{\"text\":\""));
        await server.SendRaw(Encoding.ASCII.GetBytes(new string('x', 1 << 20)));
        Assert.Equal(1, await server.WaitForExit());
        Assert.Contains("150,000,000 bytes, over the limit", server.Stderr);
    }

    [Fact]
    public async Task Endless_header_bytes_end_the_server_instead_of_being_buffered()
    {
        using var server = ServerProcess.Start();
        await server.Initialize();
        // A megabyte of header with no blank line, the pipe left open.
        await server.SendRaw(Ascii("Content-Length: 10\r\n" + new string('X', 1 << 20)));
        Assert.Equal(1, await server.WaitForExit());
        Assert.Contains("without ending a message header", server.Stderr);
    }

    [Fact]
    public async Task A_message_just_under_the_limit_is_read_and_answered()
    {
        // 3 MB of note text in one didOpen, then a request about it: big is fine, only over the limit is refused.
        using var vault = new TempVault();
        using var server = ServerProcess.Start();
        await server.Initialize(vault.RootUri);
        var text = "# Big\n" + string.Concat(Enumerable.Repeat("Some words and [[a link]] here.\n", 100_000));
        await server.Send(ServerProcess.Notification("textDocument/didOpen", new { textDocument = new { uri = vault.Uri("big.md"), languageId = "markdown", version = 1, text } }));
        await server.Send(ServerProcess.Request(7, "textDocument/documentSymbol", new { textDocument = new { uri = vault.Uri("big.md") } }));
        var answer = await server.WaitForResponse(7, TimeSpan.FromSeconds(60));
        Assert.Equal("Big", answer.GetProperty("result")[0].GetProperty("name").GetString());
        await server.Send(ServerProcess.Request(8, "shutdown", null));
        await server.WaitForResponse(8);
        await server.Send(ServerProcess.Notification("exit", null));
        Assert.Equal(0, await server.WaitForExit());
    }

    [Fact]
    public async Task The_client_vanishing_mid_request_ends_the_server_with_code_1()
    {
        using var vault = new TempVault(SampleVault.Files());
        using var server = ServerProcess.Start();
        await server.Initialize(vault.RootUri);
        for (var id = 10; id < 60; id++)
        {
            await server.Send(ServerProcess.Request(id, "workspace/symbol", new { query = "" }));
        }
        server.Vanish();
        Assert.Equal(1, await server.WaitForExit());
        Assert.Contains("Exiting with code 1", server.Stderr);
    }

    [Fact]
    public async Task The_client_closing_stdin_without_shutdown_ends_the_server_with_code_1()
    {
        using var server = ServerProcess.Start();
        await server.Initialize();
        server.CloseStdin();
        Assert.Equal(1, await server.WaitForExit());
        Assert.Contains("The client closed the connection", server.Stderr);
    }

    [Fact]
    public async Task Nothing_but_garbage_from_the_start_ends_the_server_with_code_1()
    {
        using var server = ServerProcess.Start();
        await server.SendRaw(Encoding.UTF8.GetBytes("\u0000\u00ff\u00fe GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
        Assert.Equal(1, await server.WaitForExit());
    }

    [Fact]
    public async Task Invalid_utf8_inside_a_json_string_is_a_broken_message_not_a_hang()
    {
        using var server = ServerProcess.Start();
        await server.Initialize();
        byte[] body = [.. Ascii("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"workspace/symbol\",\"params\":{\"query\":\""), 0xC3, 0x28, 0xFF, .. Ascii("\"}}")];
        await server.SendRaw(ServerProcess.Frame(body));
        await server.Send(ServerProcess.Request(4, "workspace/symbol", new { query = "" }));
        // Either answered (the bytes were replaced) or the connection ended with code 1: never silence.
        try
        {
            var answer = await server.WaitForResponse(4, TimeSpan.FromSeconds(10));
            Assert.Equal(JsonValueKind.Array, answer.GetProperty("result").ValueKind);
        }
        catch (TimeoutException)
        {
            Assert.Equal(1, await server.WaitForExit());
        }
    }
}
