using System.Text;
using System.Text.Json;

namespace NoteLsp.Server.Tests.Hostile;

/// <summary>
/// Messages that are valid JSON but not valid JSON-RPC, against the real process. A request gets the error it calls
/// for (-32600 Invalid Request, -32602 Invalid params; `id: null` when its id cannot be read), a notification or a
/// response nobody asked for is logged and dropped, and the server goes on answering. (Only broken framing or broken
/// JSON ends the connection, see <see cref="WireTests"/>.)
/// </summary>
public class InvalidJsonRpcTests
{
    private const int InvalidRequest = -32600;
    private const int InvalidParams = -32602;

    /// <summary>A request after the hostile message: answered means the session survived.</summary>
    private const int NextId = 50;

    public static TheoryData<string, string, string, int> Requests() => new()
    {
        // name, message, the id the error must carry (as JSON), code
        { "batch", """[{"jsonrpc":"2.0","id":5,"method":"shutdown"}]""", "null", InvalidRequest },
        { "empty batch", "[]", "null", InvalidRequest },
        { "batch of two hovers", """[{"jsonrpc":"2.0","id":5,"method":"workspace/symbol","params":{"query":""}},{"jsonrpc":"2.0","id":6,"method":"workspace/symbol","params":{"query":""}}]""", "null", InvalidRequest },
        { "number", "5", "null", InvalidRequest },
        { "string", "\"x\"", "null", InvalidRequest },
        { "null", "null", "null", InvalidRequest },
        { "empty object", "{}", "null", InvalidRequest },
        { "params a string", """{"jsonrpc":"2.0","id":5,"method":"workspace/symbol","params":"x"}""", "5", InvalidParams },
        { "params a number", """{"jsonrpc":"2.0","id":5,"method":"textDocument/hover","params":5}""", "5", InvalidParams },
        { "params true", """{"jsonrpc":"2.0","id":5,"method":"textDocument/documentSymbol","params":true}""", "5", InvalidParams },
        { "params a string, string id", """{"jsonrpc":"2.0","id":"five","method":"workspace/symbol","params":"x"}""", "\"five\"", InvalidParams },
        { "id an object", """{"jsonrpc":"2.0","id":{"a":1},"method":"workspace/symbol","params":{"query":""}}""", "null", InvalidRequest },
        { "id an array", """{"jsonrpc":"2.0","id":[1],"method":"workspace/symbol","params":{"query":""}}""", "null", InvalidRequest },
        { "id a fraction", """{"jsonrpc":"2.0","id":1.5,"method":"workspace/symbol","params":{"query":""}}""", "null", InvalidRequest },
        { "id true", """{"jsonrpc":"2.0","id":true,"method":"shutdown"}""", "null", InvalidRequest },
        { "method a number", """{"jsonrpc":"2.0","id":5,"method":5}""", "5", InvalidRequest },
        { "method null", """{"jsonrpc":"2.0","id":5,"method":null,"params":{}}""", "5", InvalidRequest },
        { "method an object", """{"jsonrpc":"2.0","id":5,"method":{"name":"shutdown"}}""", "5", InvalidRequest },
        { "no method", """{"jsonrpc":"2.0","id":5,"params":{}}""", "5", InvalidRequest },
        { "id null", """{"jsonrpc":"2.0","id":null,"method":"workspace/symbol","params":{"query":""}}""", "null", InvalidRequest },
        { "id too big", """{"jsonrpc":"2.0","id":1e400,"method":"shutdown"}""", "null", InvalidRequest },
        { "no jsonrpc", """{"id":5,"method":"workspace/symbol","params":{"query":""}}""", "5", InvalidRequest },
        { "jsonrpc not 2.0", """{"jsonrpc":"1.0","id":5,"method":"workspace/symbol","params":{"query":""}}""", "5", InvalidRequest },
    };

    public static TheoryData<string, string> Dropped() => new()
    {
        { "initialized with params 5", """{"jsonrpc":"2.0","method":"initialized","params":5}""" },
        { "cancelRequest with params 5", """{"jsonrpc":"2.0","method":"$/cancelRequest","params":5}""" },
        { "cancelRequest with params a string", """{"jsonrpc":"2.0","method":"$/cancelRequest","params":"x"}""" },
        { "cancelRequest with an object id", """{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":{"a":1}}}""" },
        { "cancelRequest without id", """{"jsonrpc":"2.0","method":"$/cancelRequest","params":{}}""" },
        { "didOpen with params an array", """{"jsonrpc":"2.0","method":"textDocument/didOpen","params":[1,2]}""" },
        { "didChange with params a string", """{"jsonrpc":"2.0","method":"textDocument/didChange","params":"x"}""" },
        { "setTrace with params 5", """{"jsonrpc":"2.0","method":"$/setTrace","params":5}""" },
        { "notification with a numeric method", """{"jsonrpc":"2.0","method":5,"params":{}}""" },
        { "stray result", """{"jsonrpc":"2.0","id":99,"result":null}""" },
        { "stray result with a string id", """{"jsonrpc":"2.0","id":"nobody","result":{"a":1}}""" },
        { "stray error", """{"jsonrpc":"2.0","id":98,"error":{"code":-32000,"message":"no"}}""" },
        { "stray error with a null id", """{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"parse error"}}""" },
        { "stray malformed error", """{"jsonrpc":"2.0","id":97,"error":"no"}""" },
        { "result and error", """{"jsonrpc":"2.0","id":96,"result":1,"error":{"code":1,"message":"x"}}""" },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task An_invalid_request_gets_its_error_and_the_server_goes_on(string name, string message, string id, int code)
    {
        using var server = ServerProcess.Start();
        await server.Initialize();
        await server.SendRaw(ServerProcess.Frame(Encoding.UTF8.GetBytes(message)));
        await AssertStillAnswers(server, name);

        var error = await WaitFor(server, m => m.TryGetProperty("error", out _) && IdIs(m, id), name);
        Assert.Equal(code, error.GetProperty("error").GetProperty("code").GetInt32());
        Assert.False(error.TryGetProperty("result", out _));
        // Exactly one answer for that id, and none for anything else we did not ask.
        Assert.Single(server.Messages(), m => m.TryGetProperty("error", out _) && IdIs(m, id));
        await ShutDownCleanly(server);
    }

    [Theory]
    [MemberData(nameof(Dropped))]
    public async Task An_invalid_notification_or_a_stray_response_is_dropped_and_the_server_goes_on(string name, string message)
    {
        using var server = ServerProcess.Start();
        await server.Initialize();
        await server.SendRaw(ServerProcess.Frame(Encoding.UTF8.GetBytes(message)));
        await AssertStillAnswers(server, name);
        // Nothing answers a notification or a response.
        Assert.DoesNotContain(server.Messages(), m => m.TryGetProperty("error", out _));
        await ShutDownCleanly(server);
    }

    [Fact]
    public async Task Many_invalid_messages_in_a_row_each_get_an_answer_in_turn()
    {
        using var server = ServerProcess.Start();
        await server.Initialize();
        for (var i = 0; i < 20; i++)
        {
            await server.SendRaw(ServerProcess.Frame(Encoding.UTF8.GetBytes("[" + i + "]")));
            await server.SendRaw(ServerProcess.Frame(Encoding.UTF8.GetBytes($$"""{"jsonrpc":"2.0","id":{{100 + i}},"method":"workspace/symbol","params":"x"}""")));
        }
        await AssertStillAnswers(server, "twenty of each");
        for (var i = 0; i < 20; i++)
        {
            var answer = await server.WaitForResponse(100 + i);
            Assert.Equal(InvalidParams, answer.GetProperty("error").GetProperty("code").GetInt32());
        }
        Assert.Equal(20, server.Messages().Count(m => m.TryGetProperty("error", out _) && IdIs(m, "null")));
        await ShutDownCleanly(server);
    }

    private static bool IdIs(JsonElement message, string idJson) =>
        message.TryGetProperty("id", out var value) && value.GetRawText() == idJson;

    private static async Task AssertStillAnswers(ServerProcess server, string name)
    {
        await server.Send(ServerProcess.Request(NextId, "workspace/symbol", new { query = "" }));
        var answer = await server.WaitForResponse(NextId);
        Assert.True(answer.TryGetProperty("result", out var result), $"after '{name}': {answer}");
        Assert.Equal(JsonValueKind.Array, result.ValueKind);
    }

    private static async Task ShutDownCleanly(ServerProcess server)
    {
        await server.Send(ServerProcess.Request(NextId + 1, "shutdown", null));
        await server.WaitForResponse(NextId + 1);
        await server.Send(ServerProcess.Notification("exit", null));
        Assert.Equal(0, await server.WaitForExit());
    }

    /// <summary>The first message that matches (polling what the server wrote; the timeout only guards a hang).</summary>
    private static async Task<JsonElement> WaitFor(ServerProcess server, Func<JsonElement, bool> match, string name)
    {
        var deadline = DateTime.UtcNow + ServerProcess.ExitTimeout;
        while (DateTime.UtcNow < deadline)
        {
            foreach (var message in server.Messages())
            {
                if (match(message)) return message;
            }
            await Task.Delay(20);
        }
        throw new TimeoutException($"after '{name}': no such message. stderr:\n{server.Stderr}");
    }
}
