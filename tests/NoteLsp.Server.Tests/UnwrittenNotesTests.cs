using System.Text.Json;
using System.Text.RegularExpressions;
using NoteLsp.Server.Tests.Fixture;
using NoteLsp.Tests.Shared;

namespace NoteLsp.Server.Tests;

/// <summary>Notes not written yet (docs/notes-format.md §12): completion, references on a broken link, the create-note fix.</summary>
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

    [Fact]
    public async Task On_the_seeds_every_concept_target_they_link_to_is_an_unwritten_completion_with_its_counts()
    {
        if (SeedFolders.Real() is not { } folder) return; // the seeds are not on this machine
        var files = Directory.GetFiles(folder, "*.md").ToDictionary(f => Path.GetFileName(f), File.ReadAllText);
        using var vault = new TempVault(files);
        await using var session = await LspSession.StartAsync(vault);
        // What the seeds link to, read here with a pattern of our own: the targets that are not one of the seeds.
        var stems = files.Keys.Select(f => f[..^".md".Length]).ToHashSet();
        var links = files.SelectMany(f => Regex.Matches(f.Value, @"\[\[([^\]|#]+)").Select(m => (File: f.Key, Target: m.Groups[1].Value.Trim())))
            .Where(l => !stems.Contains(l.Target))
            .ToList();
        var concepts = links.GroupBy(l => l.Target).ToDictionary(g => g.Key, g => (Links: g.Count(), Notes: g.Select(l => l.File).Distinct().Count()));
        Assert.True(concepts.Count >= 10, $"the seeds link to {concepts.Count} concepts");

        var uri = vault.Uri("new.md");
        await session.Open(uri, "[[");
        var all = (await session.Request("textDocument/completion", Completion(uri, 0, 2))).GetProperty("items").EnumerateArray().ToList();
        // The seeds themselves first, then the concepts linked from both seeds.
        Assert.Equal(stems.Order(StringComparer.Ordinal), all.Take(2).Select(i => i.GetProperty("detail").GetString()![..^".md".Length]).Order(StringComparer.Ordinal));
        var mostWanted = concepts.Where(c => c.Value.Notes == 2).Select(c => c.Key).OrderBy(k => k.Length).ThenBy(k => k, StringComparer.Ordinal);
        Assert.Equal(mostWanted, all.Skip(2).Select(i => i.GetProperty("label").GetString()).Take(mostWanted.Count()));

        foreach (var (target, (linkCount, noteCount)) in concepts)
        {
            await session.ChangeAll(uri, 2, "[[" + target);
            var items = (await session.Request("textDocument/completion", Completion(uri, 0, 2 + target.Length))).GetProperty("items");
            var item = items.EnumerateArray().Single(i => i.GetProperty("label").GetString() == target);
            Assert.Equal(1, item.GetProperty("kind").GetInt32());
            Assert.Equal($"not written yet · {linkCount} {(linkCount == 1 ? "link" : "links")} in {noteCount} {(noteCount == 1 ? "note" : "notes")}",
                item.GetProperty("detail").GetString());
        }
    }
}
