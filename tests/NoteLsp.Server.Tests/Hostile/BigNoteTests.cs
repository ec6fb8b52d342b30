using System.Text;
using System.Text.Json;
using NoteLsp.Server.Tests.Fixture;

namespace NoteLsp.Server.Tests.Hostile;

/// <summary>
/// One huge note: its answers are linear in its size, a long request stops when cancelled (-32800), and opening it
/// never holds the message loop (its parse is deferred, like a change's). Timeouts here only guard against a hang.
/// </summary>
public class BigNoteTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(2);

    private static string Headings(int count)
    {
        var text = new StringBuilder(count * 8);
        for (var i = 0; i < count; i++) text.Append('#', 1 + i % 6).Append(' ').Append(i % 1000).Append('\n');
        return text.ToString();
    }

    private static int CountSymbols(JsonElement symbols)
    {
        var count = 0;
        foreach (var symbol in symbols.EnumerateArray())
        {
            count++;
            if (symbol.TryGetProperty("children", out var children)) count += CountSymbols(children);
        }
        return count;
    }

    [Fact]
    public async Task Document_symbols_of_40000_headings_are_answered_as_a_tree_of_every_heading()
    {
        using var vault = new TempVault();
        await using var session = await LspSession.StartAsync(vault);
        var uri = vault.Uri("big.md");
        await session.Open(uri, Headings(40_000));

        var symbols = await session.Request("textDocument/documentSymbol", new { textDocument = new { uri } }).WaitAsync(HangGuard);

        Assert.Equal(40_000, CountSymbols(symbols));
        // Levels cycle 1..6: every sixth heading is a top-level section holding the five after it, nested.
        Assert.Equal(40_000 / 6 + 1, symbols.GetArrayLength());
        var first = symbols[0];
        Assert.Equal("0", first.GetProperty("name").GetString());
        Assert.Equal(6, first.GetProperty("range").GetProperty("end").GetProperty("line").GetInt32());
        Assert.Equal("1", first.GetProperty("children")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task Cancelling_document_symbols_of_a_million_headings_answers_request_cancelled()
    {
        // The note is about 8 MB: over the default maxFileBytes (5 MiB) it would not be parsed, the answer would be an
        // instant empty list and the test a race; with the limit raised the work takes seconds and the cancel must stop it.
        using var vault = new TempVault(new Dictionary<string, string> { [".notelsp.yml"] = "maxFileBytes: 67108864\n" });
        await using var session = await LspSession.StartAsync(vault);
        var uri = vault.Uri("huge.md");
        await session.Open(uri, Headings(1_000_000));
        using var cancellation = new CancellationTokenSource();
        var request = session.Request("textDocument/documentSymbol", new { textDocument = new { uri } }, cancellation.Token);
        cancellation.Cancel(); // the client sends $/cancelRequest
        // StreamJsonRpc's client turns exactly a -32800 answer into a cancellation.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request.WaitAsync(HangGuard));
        // And the server is free again.
        var small = vault.Uri("small.md");
        await session.Open(small, "# Small\n");
        var symbols = await session.Request("textDocument/documentSymbol", new { textDocument = new { uri = small } }).WaitAsync(HangGuard);
        Assert.Equal("Small", symbols[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task Opening_a_5_MB_note_does_not_hold_the_message_loop_while_it_is_parsed()
    {
        using var release = new ManualResetEventSlim();
        var parsing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = new ServerOptions
        {
            // Hold the big note's parse until the test has its answer: parsed on the message loop, nothing else could be.
            BeforeParse = path =>
            {
                if (path != "big.md") return;
                parsing.TrySetResult();
                release.Wait(HangGuard);
            },
        };
        using var vault = new TempVault();
        await using var session = await LspSession.StartAsync(vault, options: options);
        try
        {
            var big = "---\ntitle: Big\n---\n" + string.Concat(Enumerable.Repeat("Words and [[a link]] and [01:02](#01:02) here.\n", 100_000));
            Assert.True(Encoding.UTF8.GetByteCount(big) is > 4_000_000 and < 5_242_880);
            await session.Open(vault.Uri("big.md"), big);
            await parsing.Task.WaitAsync(HangGuard);
            // The parse is held; a request that needs no note must still be dispatched and answered.
            var shutdown = await session.Request("shutdown").WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(JsonValueKind.Null, shutdown.ValueKind);
        }
        finally
        {
            release.Set();
        }
    }

    [Fact]
    public async Task A_request_after_opening_a_note_sees_its_text_even_while_the_parse_is_deferred()
    {
        using var vault = new TempVault();
        await using var session = await LspSession.StartAsync(vault);
        var uri = vault.Uri("a.md");
        for (var version = 1; version <= 20; version++)
        {
            await session.Open(uri, $"# Title {version}\n\n## Part {version}\n", version);
            var symbols = await session.Request("textDocument/documentSymbol", new { textDocument = new { uri } });
            Assert.Equal($"Title {version}", symbols[0].GetProperty("name").GetString());
            await session.Close(uri);
        }
    }

    public static TheoryData<string, string> BigNotes() => new()
    {
        { "100k links", string.Concat(Enumerable.Range(0, 100_000).Select(i => $"See [[missing{i % 5000}]] and [[b#Nope]] here.\n")) },
        { "100k timestamps", "---\nvideoId: dQw4w9WgXcQ\nduration: 10\n---\n" + string.Concat(Enumerable.Range(0, 100_000).Select(i => $"[0{i % 10}:0{i % 6}](#01:02) said x ^id{i}\n")) },
        { "100k block ids and links to them", string.Concat(Enumerable.Range(0, 100_000).Select(i => $"Para {i} [[#^id{(i * 7) % 100_000}]] ^id{i}\n\n")) },
        { "long lines", string.Concat(Enumerable.Range(0, 20).Select(i => string.Concat(Enumerable.Repeat("word [[x]] 😀 ", 20_000)) + "\n")) },
        { "40k headings with links", string.Concat(Enumerable.Range(0, 40_000).Select(i => $"{new string('#', 1 + i % 6)} H{i} [[#H{(i * 13) % 40_000}]]\n")) },
    };

    [Theory]
    [MemberData(nameof(BigNotes))]
    public async Task Every_feature_answers_on_a_big_note(string name, string text)
    {
        using var vault = new TempVault(new Dictionary<string, string> { ["b.md"] = "# B\n" });
        await using var session = await LspSession.StartAsync(vault, capabilities: Clients.Pull);
        var uri = vault.Uri("big.md");
        await session.Open(uri, text);
        var lines = text.Split('\n').Length;
        var middle = lines / 2;
        async Task<JsonElement> Timed(string method, object parameters)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var answer = await session.Request(method, parameters).WaitAsync(HangGuard);
            output.WriteLine($"{name}: {method} {watch.ElapsedMilliseconds} ms");
            return answer;
        }
        var whole = new { start = new { line = 0, character = 0 }, end = new { line = lines, character = 0 } };
        await Timed("textDocument/diagnostic", new { textDocument = new { uri } });
        await Timed("textDocument/documentSymbol", new { textDocument = new { uri } });
        await Timed("textDocument/documentLink", new { textDocument = new { uri } });
        await Timed("textDocument/codeAction", new { textDocument = new { uri }, range = whole, context = new { diagnostics = Array.Empty<object>() } });
        await Timed("textDocument/hover", LspSession.At(uri, middle, 6));
        await Timed("textDocument/definition", LspSession.At(uri, middle, 6));
        await Timed("textDocument/completion", LspSession.At(uri, middle, 7));
        await Timed("textDocument/references", new { textDocument = new { uri }, position = new { line = middle, character = 6 }, context = new { includeDeclaration = true } });
        var symbols = await Timed("workspace/symbol", new { query = "H1" });
        Assert.Equal(JsonValueKind.Array, symbols.ValueKind);
    }
}
