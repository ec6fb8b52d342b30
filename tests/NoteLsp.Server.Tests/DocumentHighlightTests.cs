using NoteLsp.Server.Tests.Fixture;

namespace NoteLsp.Server.Tests;

public class DocumentHighlightTests
{
    private const string Note = "# Note\n\n## Part\n\nSee [[alpha]], [[alpha#Part One]], [[Alpha Title]] and [x](alpha.md).\nHere [[#Part]] and [[note#Part]] and [[alpha#Part One|again]].\n";

    private static TempVault Vault() => new(new Dictionary<string, string>
    {
        ["alpha.md"] = "---\ntitle: Alpha Title\n---\n## Part One\n",
        ["note.md"] = Note,
    });

    private static string Text(string fragment, int occurrence = 0) => $$"""{ "range": {{TextAt.Json(Note, fragment, occurrence)}}, "kind": 1 }""";

    private static async Task<System.Text.Json.JsonElement> HighlightAt(LspSession session, TempVault vault, string fragment, int offset, int occurrence = 0)
    {
        var (line, start, _, _) = TextAt.Range(Note, fragment, occurrence);
        return await session.Request("textDocument/documentHighlight", LspSession.At(vault.Uri("note.md"), line, start + offset));
    }

    [Fact]
    public async Task On_a_link_every_link_to_the_same_note_without_a_fragment()
    {
        using var vault = Vault();
        await using var session = await LspSession.StartAsync(vault);
        await session.Open(vault.Uri("note.md"), Note);
        JsonAssert.Equal($"[{Text("[[alpha]]")}, {Text("[[Alpha Title]]")}, {Text("[x](alpha.md)")}]", await HighlightAt(session, vault, "[[alpha]]", 3));
        // From the Markdown link too: the same target, whatever the link's form.
        JsonAssert.Equal($"[{Text("[[alpha]]")}, {Text("[[Alpha Title]]")}, {Text("[x](alpha.md)")}]", await HighlightAt(session, vault, "[x](alpha.md)", 5));
    }

    [Fact]
    public async Task On_a_heading_link_the_links_to_that_heading_only()
    {
        using var vault = Vault();
        await using var session = await LspSession.StartAsync(vault);
        await session.Open(vault.Uri("note.md"), Note);
        JsonAssert.Equal($"[{Text("[[alpha#Part One]]")}, {Text("[[alpha#Part One|again]]")}]", await HighlightAt(session, vault, "[[alpha#Part One]]", 10));
    }

    [Fact]
    public async Task On_a_heading_of_the_note_the_heading_as_write_and_the_links_to_it()
    {
        using var vault = Vault();
        await using var session = await LspSession.StartAsync(vault);
        await session.Open(vault.Uri("note.md"), Note);
        var expected = $$"""[{ "range": {{TextAt.Json(Note, "Part", 0)}}, "kind": 3 }, {{Text("[[#Part]]")}}, {{Text("[[note#Part]]")}}]""";
        JsonAssert.Equal(expected, await HighlightAt(session, vault, "## Part", 4));
        JsonAssert.Equal(expected, await HighlightAt(session, vault, "[[#Part]]", 4));
    }

    [Fact]
    public async Task Plain_text_and_a_broken_link_highlight_nothing()
    {
        using var vault = new TempVault(new Dictionary<string, string> { ["note.md"] = "Text [[nowhere]] and [[nowhere]].\n" });
        await using var session = await LspSession.StartAsync(vault);
        var uri = vault.Uri("note.md");
        Assert.Equal(0, (await session.Request("textDocument/documentHighlight", LspSession.At(uri, 0, 1))).GetArrayLength());
        Assert.Equal(0, (await session.Request("textDocument/documentHighlight", LspSession.At(uri, 0, 8))).GetArrayLength());
        Assert.True(session.InitializeResult.GetProperty("capabilities").GetProperty("documentHighlightProvider").GetBoolean());
    }
}
