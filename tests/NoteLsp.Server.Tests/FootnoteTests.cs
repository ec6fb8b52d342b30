using System.Text.Json;
using NoteLsp.Server.Tests.Fixture;

namespace NoteLsp.Server.Tests;

/// <summary>docs/notes-format.md §9 through the protocol: footnotes are local to their note.</summary>
public class FootnoteTests
{
    private const string Note = "# Essay\n\nA claim[^src] and a second[^src], a third[^other] and one[^missing].\n\n[^src]: The source.\n[^other]: Another source, with [[elsewhere]] in it.\n";

    private static TempVault Vault() => new(new Dictionary<string, string> { ["essay.md"] = Note, ["elsewhere.md"] = "# Elsewhere\n" });

    private static object At(TempVault vault, string fragment, int occurrence, int offset) =>
        LspSession.At(vault.Uri("essay.md"), TextAt.Range(Note, fragment, occurrence).Line, TextAt.Range(Note, fragment, occurrence).Start + offset);

    private static string Location(TempVault vault, string fragment, int occurrence = 0) =>
        $$"""{ "uri": "{{vault.Uri("essay.md")}}", "range": {{TextAt.Json(Note, fragment, occurrence)}} }""";

    [Fact]
    public async Task Definition_goes_from_a_reference_to_its_definition_line()
    {
        using var vault = Vault();
        await using var session = await LspSession.StartAsync(vault);
        var result = await session.Request("textDocument/definition", At(vault, "[^src]", 1, 3));
        JsonAssert.Equal($$"""
            [{
              "targetUri": "{{vault.Uri("essay.md")}}",
              "targetRange": {{TextAt.Json(Note, "[^src]", 2)}},
              "targetSelectionRange": {{TextAt.Json(Note, "src", 2)}},
              "originSelectionRange": {{TextAt.Json(Note, "[^src]", 1)}}
            }]
            """, result);
        // A reference without a definition leads nowhere.
        Assert.Equal(JsonValueKind.Null, (await session.Request("textDocument/definition", At(vault, "[^missing]", 0, 2))).ValueKind);
    }

    [Fact]
    public async Task References_from_a_definition_or_a_reference_are_every_occurrence_in_the_note()
    {
        using var vault = Vault();
        await using var session = await LspSession.StartAsync(vault);
        var withDefinition = await session.Request("textDocument/references", new
        {
            textDocument = new { uri = vault.Uri("essay.md") },
            position = new { line = 4, character = 2 },
            context = new { includeDeclaration = true },
        });
        JsonAssert.Equal($"[{Location(vault, "[^src]")}, {Location(vault, "[^src]", 1)}, {Location(vault, "[^src]", 2)}]", withDefinition);
        var referencesOnly = await session.Request("textDocument/references", new
        {
            textDocument = new { uri = vault.Uri("essay.md") },
            position = new { line = 2, character = TextAt.Range(Note, "[^src]").Start + 1 },
            context = new { includeDeclaration = false },
        });
        JsonAssert.Equal($"[{Location(vault, "[^src]")}, {Location(vault, "[^src]", 1)}]", referencesOnly);
    }

    [Fact]
    public async Task Renaming_a_label_renames_every_occurrence_and_the_vault_stays_clean()
    {
        using var vault = Vault();
        await using var session = await LspSession.StartAsync(vault);
        var prepare = await session.Request("textDocument/prepareRename", At(vault, "[^other]", 0, 4));
        JsonAssert.Equal($$"""{ "range": {{TextAt.Json(Note, "other", 0)}}, "placeholder": "other" }""", prepare);

        var edit = await session.Request("textDocument/rename", new
        {
            textDocument = new { uri = vault.Uri("essay.md") },
            position = new { line = 2, character = TextAt.Range(Note, "[^src]").Start + 3 },
            newName = "smith-2020",
        });
        EditApplier.Apply(edit);
        Assert.Equal(Note.Replace("[^src]", "[^smith-2020]"), vault.Read("essay.md"));
        // The only problem left is the one that was there before: [^missing].
        Assert.Equal(["essay.md footnote-broken"], VaultCheck.Problems(vault.Root).Select(p => p[..p.IndexOf(':')]).ToList());

        var clash = await Assert.ThrowsAsync<StreamJsonRpc.RemoteInvocationException>(() => session.Request("textDocument/rename", new
        {
            textDocument = new { uri = vault.Uri("essay.md") },
            position = new { line = 2, character = TextAt.Range(Note, "[^other]").Start + 3 },
            newName = "src",
        }));
        Assert.Contains("already has a footnote [^src]", clash.Message);
    }

    [Fact]
    public async Task Completion_after_the_caret_offers_the_labels_of_the_note()
    {
        using var vault = Vault();
        await using var session = await LspSession.StartAsync(vault);
        const string text = Note + "More[^o";
        await session.Open(vault.Uri("essay.md"), text);
        var list = await session.Request("textDocument/completion", LspSession.At(vault.Uri("essay.md"), 6, 7));
        JsonAssert.Equal($$"""
            {
              "isIncomplete": false,
              "items": [
                { "label": "other", "kind": 18, "detail": "footnote", "sortText": "0000", "textEdit": { "range": {{JsonAssert.Range(6, 6, 6, 7)}}, "newText": "other]" } }
              ]
            }
            """, list);
        var all = await session.Request("textDocument/completion", LspSession.At(vault.Uri("essay.md"), 6, 6));
        Assert.Equal(["src", "other", "missing"], all.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("label").GetString()!).ToArray());
    }

    [Fact]
    public async Task A_reference_without_definition_is_a_warning_that_settings_can_turn_off()
    {
        using var vault = Vault();
        await using var session = await LspSession.StartAsync(vault, Clients.Pull);
        var report = await session.Request("textDocument/diagnostic", new { textDocument = new { uri = vault.Uri("essay.md") } });
        JsonAssert.Equal($$"""
            [{
              "range": {{TextAt.Json(Note, "[^missing]")}},
              "severity": 2,
              "code": "footnote-broken",
              "source": "notelsp",
              "message": "No definition of the footnote [^missing] in this note (add a line \"[^missing]: …\")"
            }]
            """, report.GetProperty("items"));

        vault.Write(".notelsp.yml", "severities:\n  footnote-broken: off\n");
        await using var quiet = await LspSession.StartAsync(vault, Clients.Pull);
        var none = await quiet.Request("textDocument/diagnostic", new { textDocument = new { uri = vault.Uri("essay.md") } });
        Assert.Equal(0, none.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Highlight_on_a_footnote_marks_its_definition_as_write()
    {
        using var vault = Vault();
        await using var session = await LspSession.StartAsync(vault);
        var highlights = await session.Request("textDocument/documentHighlight", At(vault, "[^other]", 0, 1));
        JsonAssert.Equal($$"""
            [
              { "range": {{TextAt.Json(Note, "[^other]", 0)}}, "kind": 1 },
              { "range": {{TextAt.Json(Note, "[^other]", 1)}}, "kind": 3 }
            ]
            """, highlights);
    }
}
