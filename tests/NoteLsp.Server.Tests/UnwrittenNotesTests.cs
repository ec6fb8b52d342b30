using System.Text.Json;
using NoteLsp.Server.Tests.Fixture;

namespace NoteLsp.Server.Tests;

/// <summary>Notes not written yet (docs/notes-format.md §9): completion, references on a broken link, the create-note fix.</summary>
public class UnwrittenNotesTests
{
    private const string One = "See [[Long Context]] and [[long_context|again]].\nAlso [[Other Idea]].\n";
    private const string Two = "More on [[long context]], [[alpha]].\n";

    private static TempVault Vault() => new(new Dictionary<string, string>
    {
        ["alpha.md"] = "# Alpha\n",
        ["one.md"] = One,
        ["two.md"] = Two,
    });

    private static object Completion(string uri, int line, int character) => new
    {
        textDocument = new { uri },
        position = new { line, character },
        context = new { triggerKind = 1 },
    };

    [Fact]
    public async Task After_double_brackets_targets_no_note_answers_to_follow_the_notes_most_linked_first_with_their_counts()
    {
        using var vault = Vault();
        await using var session = await LspSession.StartAsync(vault);
        var uri = vault.Uri("new.md");
        await session.Open(uri, "[[");
        var list = await session.Request("textDocument/completion", Completion(uri, 0, 2));
        var items = list.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["alpha.md", "one.md", "two.md"], items.Take(3).Select(i => i.GetProperty("detail").GetString()));
        JsonAssert.Equal($$"""
            [{
              "label": "Long Context",
              "kind": 1,
              "detail": "not written yet · 3 links in 2 notes",
              "sortText": "0003",
              "filterText": "Long Context",
              "textEdit": { "range": {{JsonAssert.Range(0, 2, 0, 2)}}, "newText": "Long Context]]" }
            }, {
              "label": "Other Idea",
              "kind": 1,
              "detail": "not written yet · 1 link in 1 note",
              "sortText": "0004",
              "filterText": "Other Idea",
              "textEdit": { "range": {{JsonAssert.Range(0, 2, 0, 2)}}, "newText": "Other Idea]]" }
            }]
            """, JsonSerializer.SerializeToElement(items.Skip(3)));
    }

    [Fact]
    public async Task A_typed_word_finds_an_unwritten_target_by_a_later_word_and_an_existing_name_is_never_offered_as_unwritten()
    {
        using var vault = Vault();
        await using var session = await LspSession.StartAsync(vault);
        var uri = vault.Uri("new.md");
        await session.Open(uri, "[[cont");
        var list = await session.Request("textDocument/completion", Completion(uri, 0, 6));
        var item = list.GetProperty("items").EnumerateArray().Single();
        Assert.Equal("Long Context", item.GetProperty("label").GetString());
        JsonAssert.Equal($$"""{ "range": {{JsonAssert.Range(0, 2, 0, 6)}}, "newText": "Long Context]]" }""", item.GetProperty("textEdit"));

        // Once the note exists, its name is a note, not a wish: the links resolve and the target leaves the list.
        vault.Write("long_context.md", "# Long Context\n");
        await session.Notify("workspace/didChangeWatchedFiles", new { changes = new[] { new { uri = vault.Uri("long_context.md"), type = 1 } } });
        await session.Inbox.WaitForDiagnostics(vault.Uri("two.md"), d => d.GetArrayLength() == 0);
        var after = await session.Request("textDocument/completion", Completion(uri, 0, 6));
        var only = after.GetProperty("items").EnumerateArray().Single();
        Assert.Equal(17, only.GetProperty("kind").GetInt32());
        Assert.Equal("long_context.md", only.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task References_on_a_broken_link_list_every_link_with_the_same_key_in_path_then_position_order()
    {
        using var vault = Vault();
        await using var session = await LspSession.StartAsync(vault);
        await session.Open(vault.Uri("two.md"), Two);
        var (line, start, _, _) = TextAt.Range(Two, "long context");
        var result = await session.Request("textDocument/references", new
        {
            textDocument = new { uri = vault.Uri("two.md") },
            position = new { line, character = start + 2 },
            context = new { includeDeclaration = true },
        });
        JsonAssert.Equal($$"""
            [
              { "uri": "{{vault.Uri("one.md")}}", "range": {{TextAt.Json(One, "[[Long Context]]")}} },
              { "uri": "{{vault.Uri("one.md")}}", "range": {{TextAt.Json(One, "[[long_context|again]]")}} },
              { "uri": "{{vault.Uri("two.md")}}", "range": {{TextAt.Json(Two, "[[long context]]")}} }
            ]
            """, result);
    }

    [Fact]
    public async Task The_create_note_fix_says_how_many_links_it_fixes_and_once_applied_none_of_them_is_broken()
    {
        using var vault = Vault();
        await using var session = await LspSession.StartAsync(vault);
        var range = TextAt.Range(One, "Long Context");
        var actions = await session.Request("textDocument/codeAction", new
        {
            textDocument = new { uri = vault.Uri("one.md") },
            range = LspSession.Range(range.Line, range.Start, range.EndLine, range.End),
            context = new { diagnostics = Array.Empty<object>() },
        });
        var create = actions[0];
        Assert.Equal("Create note long_context.md (fixes 3 links)", create.GetProperty("title").GetString());

        EditApplier.Apply(create.GetProperty("edit"));
        Assert.Equal("---\ntitle: Long Context\n---\n", vault.Read("long_context.md"));
        Assert.Equal(["one.md link-broken: No note named \"Other Idea\""], VaultCheck.Problems(vault.Root));
    }
}
