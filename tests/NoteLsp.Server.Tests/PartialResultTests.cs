using System.Text.Json;
using NoteLsp.Server.Protocol;
using NoteLsp.Server.Tests.Fixture;

namespace NoteLsp.Server.Tests;

/// <summary>LSP 3.17 partial results (Handlers/PartialResults): with a partialResultToken the list comes as $/progress chunks.</summary>
public class PartialResultTests
{
    // 2,500 links to target.md: three chunks of at most 1,000.
    private static TempVault LinkedVault()
    {
        var files = new Dictionary<string, string> { ["target.md"] = "# Target\n" };
        for (var note = 0; note < 50; note++)
        {
            files[$"n{note:00}.md"] = string.Concat(Enumerable.Range(0, 50).Select(i => $"line {i} [[target]]\n"));
        }
        return new TempVault(files);
    }

    private static object ReferencesOfTarget(TempVault vault, object? partialResultToken) => new
    {
        textDocument = new { uri = vault.Uri("target.md") },
        position = new { line = 0, character = 3 },
        context = new { includeDeclaration = false },
        partialResultToken,
    };

    /// <summary>The $/progress values sent with the token, in arrival order, until they hold <paramref name="count"/> items.</summary>
    private static async Task<List<JsonElement>> Chunks(LspSession session, object token, int count)
    {
        var chunks = new List<JsonElement>();
        var wanted = JsonSerializer.SerializeToElement(token);
        while (chunks.Sum(c => c.GetArrayLength()) < count)
        {
            var message = await session.Inbox.WaitFor(LspMethods.Progress, p => p.GetProperty("token").GetRawText() == wanted.GetRawText());
            chunks.Add(message.Params.GetProperty("value"));
        }
        return chunks;
    }

    [Theory]
    [InlineData("refs-1")]
    [InlineData(42)]
    public async Task References_with_a_wantedarrive_in_chunks_whose_union_is_the_normal_answer_and_the_answer_is_empty(object token)
    {
        using var vault = LinkedVault();
        await using var session = await LspSession.StartAsync(vault);
        var normal = await session.Request(LspMethods.References, ReferencesOfTarget(vault, null));
        Assert.Equal(2500, normal.GetArrayLength());

        var answer = await session.Request(LspMethods.References, ReferencesOfTarget(vault, token));

        JsonAssert.Equal("[]", answer);
        var chunks = await Chunks(session, token, normal.GetArrayLength());
        Assert.Equal([1000, 1000, 500], chunks.Select(c => c.GetArrayLength()));
        Assert.Equal(
            normal.EnumerateArray().Select(l => l.GetRawText()),
            chunks.SelectMany(c => c.EnumerateArray()).Select(l => l.GetRawText()));
    }

    [Fact]
    public async Task Without_a_wantedno_chunk_is_sent_and_nothing_in_the_vault_sends_an_empty_chunk()
    {
        using var vault = LinkedVault();
        await using var session = await LspSession.StartAsync(vault);
        var normal = await session.Request(LspMethods.References, ReferencesOfTarget(vault, null));
        Assert.Equal(2500, normal.GetArrayLength());

        // A note nothing links to: its answer (empty) stays the answer, with no chunk.
        vault.Write("alone.md", "# Alone\n");
        await session.Open(vault.Uri("alone.md"), "# Alone\n");
        var alone = await session.Request(LspMethods.References, new
        {
            textDocument = new { uri = vault.Uri("alone.md") },
            position = new { line = 0, character = 3 },
            context = new { includeDeclaration = false },
            partialResultToken = "alone",
        });

        JsonAssert.Equal("[]", alone);
        await session.Inbox.EnsureNoMessage(LspMethods.Progress, p => p.GetProperty("value").ValueKind == JsonValueKind.Array);
    }

    [Fact]
    public async Task Workspace_symbols_with_a_wantedarrive_as_a_chunk_equal_to_the_normal_answer()
    {
        using var vault = LinkedVault();
        await using var session = await LspSession.StartAsync(vault);
        var normal = await session.Request(LspMethods.WorkspaceSymbol, new { query = "n" });
        Assert.True(normal.GetArrayLength() > 0);

        var answer = await session.Request(LspMethods.WorkspaceSymbol, new { query = "n", partialResultToken = "symbols" });

        JsonAssert.Equal("[]", answer);
        var chunks = await Chunks(session, "symbols", normal.GetArrayLength());
        Assert.Equal(normal.GetRawText(), Assert.Single(chunks).GetRawText());
    }
}
