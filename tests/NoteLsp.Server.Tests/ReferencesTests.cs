using System.Text.Json;
using NoteLsp.Server.Tests.Fixture;

namespace NoteLsp.Server.Tests;

public class ReferencesTests
{
    private static List<(string Uri, (int, int, int, int) Range)> Locations(JsonElement result) =>
        result.EnumerateArray().Select(l => (l.GetProperty("uri").GetString()!, JsonAssert.RangeOf(l.GetProperty("range")))).ToList();

    [Fact]
    public async Task On_a_link_every_link_in_the_vault_to_the_same_note_is_found()
    {
        using var vault = SampleVault.Create();
        await using var session = await LspSession.StartAsync(vault);
        await session.Open(vault.Uri("index.md"), SampleVault.Index);
        var (line, start, _, _) = TextAt.Range(SampleVault.Index, "alpha]]");
        var result = await session.Request("textDocument/references", new
        {
            textDocument = new { uri = vault.Uri("index.md") },
            position = new { line, character = start },
            context = new { includeDeclaration = false },
        });
        JsonAssert.Equal($$"""{ "uri": "{{vault.Uri("beta.md")}}", "range": {{TextAt.Json(SampleVault.Beta, "[[alpha]]")}} }""", result[0]);
        Assert.Equal(
            [
                (vault.Uri("beta.md"), TextAt.Range(SampleVault.Beta, "[[alpha]]")),
                (vault.Uri("index.md"), TextAt.Range(SampleVault.Index, "[[alpha]]")),
                (vault.Uri("index.md"), TextAt.Range(SampleVault.Index, "[[alpha#Section One]]")),
                (vault.Uri("index.md"), TextAt.Range(SampleVault.Index, "[[alpha#^block1]]")),
            ],
            Locations(result));
    }

    [Fact]
    public async Task The_same_question_asked_again_after_an_edit_is_answered_from_the_edited_vault()
    {
        using var vault = SampleVault.Create();
        await using var session = await LspSession.StartAsync(vault);
        await session.Open(vault.Uri("index.md"), SampleVault.Index);
        await session.Open(vault.Uri("beta.md"), SampleVault.Beta);
        var (line, start, _, _) = TextAt.Range(SampleVault.Index, "alpha]]");
        var question = new
        {
            textDocument = new { uri = vault.Uri("index.md") },
            position = new { line, character = start },
            context = new { includeDeclaration = false },
        };
        var first = Locations(await session.Request("textDocument/references", question));
        // Asked again on the same state: the same answer (the server may keep it rather than work it out again).
        Assert.Equal(first, Locations(await session.Request("textDocument/references", question)));

        // Another note gains a link: the same question now has one more answer, and losing it takes it away again.
        var edited = SampleVault.Beta + "\nAnd again [[alpha]].\n";
        await session.ChangeAll(vault.Uri("beta.md"), 2, edited);
        var afterEdit = Locations(await session.Request("textDocument/references", question));
        Assert.Equal(first.Count + 1, afterEdit.Count);
        var linksBefore = (SampleVault.Beta.Length - SampleVault.Beta.Replace("[[alpha]]", "").Length) / "[[alpha]]".Length;
        Assert.Contains((vault.Uri("beta.md"), TextAt.Range(edited, "[[alpha]]", occurrence: linksBefore)), afterEdit);
        await session.ChangeAll(vault.Uri("beta.md"), 3, SampleVault.Beta);
        Assert.Equal(first, Locations(await session.Request("textDocument/references", question)));

        // The declaration asked for too is another question.
        var withDeclaration = await session.Request("textDocument/references", new
        {
            question.textDocument,
            question.position,
            context = new { includeDeclaration = true },
        });
        Assert.NotEqual(first.Count, Locations(withDeclaration).Count);
    }

    [Fact]
    public async Task On_the_title_with_the_declaration_and_on_a_heading_only_links_to_that_heading()
    {
        using var vault = SampleVault.Create();
        await using var session = await LspSession.StartAsync(vault);
        await session.Open(vault.Uri("alpha.md"), SampleVault.Alpha);
        var (line, start, _, _) = TextAt.Range(SampleVault.Alpha, "Alpha Note");
        var onTitle = await session.Request("textDocument/references", new
        {
            textDocument = new { uri = vault.Uri("alpha.md") },
            position = new { line, character = start + 1 },
            context = new { includeDeclaration = true },
        });
        var locations = Locations(onTitle);
        Assert.Equal((vault.Uri("alpha.md"), TextAt.Range(SampleVault.Alpha, "Alpha Note")), locations[0]);
        Assert.Equal(5, locations.Count);

        (line, start, _, _) = TextAt.Range(SampleVault.Alpha, "Section One");
        var onHeading = await session.Request("textDocument/references", new
        {
            textDocument = new { uri = vault.Uri("alpha.md") },
            position = new { line, character = start },
            context = new { includeDeclaration = false },
        });
        Assert.Equal([(vault.Uri("index.md"), TextAt.Range(SampleVault.Index, "[[alpha#Section One]]"))], Locations(onHeading));
    }

    [Fact]
    public async Task Plain_text_has_no_references()
    {
        using var vault = SampleVault.Create();
        await using var session = await LspSession.StartAsync(vault);
        var result = await session.Request("textDocument/references", new
        {
            textDocument = new { uri = vault.Uri("alpha.md") },
            position = new { line = 5, character = 2 },
            context = new { includeDeclaration = true },
        });
        Assert.Equal(0, result.GetArrayLength());
    }
    [Fact]
    public async Task A_hub_linked_from_thousands_of_notes_gets_every_link_in_path_then_position_order()
    {
        // Past a few thousand sources, the links are found on every core: the answer
        // must still be every link once, note after note in path order and in position order within a note.
        var files = new Dictionary<string, string> { ["hub.md"] = "# Hub\n\n## Part\n" };
        for (var i = 0; i < 2200; i++)
        {
            files[$"n{i:D4}.md"] = $"See [[hub]] first.\nThen [[hub#Part|the part]] and [m](hub.md) and [[elsewhere]].\n";
        }
        using var vault = new TempVault(files);
        await using var session = await LspSession.StartAsync(vault);
        var text = files["n0000.md"];
        var (line, start, _, _) = TextAt.Range(text, "hub]]");
        var result = await session.Request("textDocument/references", new
        {
            textDocument = new { uri = vault.Uri("n0000.md") },
            position = new { line, character = start },
            context = new { includeDeclaration = false },
        });

        var expected = files.Keys.Where(p => p != "hub.md").Order(StringComparer.Ordinal)
            .SelectMany(p => new[] { "[[hub]]", "[[hub#Part|the part]]", "[m](hub.md)" }.Select(link => (vault.Uri(p), TextAt.Range(files[p], link))))
            .ToList();
        Assert.Equal(expected, Locations(result));
    }
}
