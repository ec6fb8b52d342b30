using System.Text.Json;
using NoteLsp.Server.Tests.Fixture;

namespace NoteLsp.Server.Tests;

public class CompletionTests
{
    private static async Task<(LspSession Session, TempVault Vault)> Start(JsonElement? capabilities = null)
    {
        var vault = SampleVault.Create();
        return (await LspSession.StartAsync(vault, capabilities), vault);
    }

    private static List<string> Labels(JsonElement list) => list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("label").GetString()!).ToList();

    [Fact]
    public async Task After_double_brackets_notes_come_with_title_label_path_detail_and_a_stem_text_edit_that_closes_the_link()
    {
        var (session, vault) = await Start();
        await using var _ = session;
        using var __ = vault;
        var uri = vault.Uri("new.md");
        await session.Open(uri, "Link [[alp");
        var list = await session.Request("textDocument/completion", new
        {
            textDocument = new { uri },
            position = new { line = 0, character = 10 },
            context = new { triggerKind = 1 },
        });
        JsonAssert.Equal($$"""
            {
              "isIncomplete": true,
              "items": [{
                "label": "Alpha Note",
                "kind": 17,
                "detail": "alpha.md",
                "sortText": "0000",
                "filterText": "alpha",
                "textEdit": { "range": {{JsonAssert.Range(0, 7, 0, 10)}}, "newText": "alpha]]" }
              }]
            }
            """, list);
    }

    [Fact]
    public async Task Without_a_context_and_with_the_link_already_closed_the_stem_is_inserted_alone()
    {
        var (session, vault) = await Start(Clients.Neovim);
        await using var _ = session;
        using var __ = vault;
        var uri = vault.Uri("new.md");
        await session.Open(uri, "[[be]] and more");
        var list = await session.Request("textDocument/completion", LspSession.At(uri, 0, 4));
        var item = list.GetProperty("items")[0];
        Assert.Equal("Beta Title", item.GetProperty("label").GetString());
        JsonAssert.Equal($$"""{ "range": {{JsonAssert.Range(0, 2, 0, 4)}}, "newText": "beta" }""", item.GetProperty("textEdit"));
        // Neovim's omnifunc keeps an item only when its inserted word starts with what was typed.
        Assert.StartsWith("be", item.GetProperty("textEdit").GetProperty("newText").GetString());
    }

    [Fact]
    public async Task Titles_and_aliases_match_too_with_the_matched_name_as_filter_text()
    {
        var (session, vault) = await Start();
        await using var _ = session;
        using var __ = vault;
        var uri = vault.Uri("new.md");
        await session.Open(uri, "[[sta");
        var list = await session.Request("textDocument/completion", LspSession.At(uri, 0, 5));
        var item = list.GetProperty("items").EnumerateArray().Single();
        Assert.Equal("Home", item.GetProperty("label").GetString());
        Assert.Equal("Start", item.GetProperty("filterText").GetString());
        // The alias names only index.md, so the link is written with it (a lower-case "sta" still matches by Key).
        Assert.Equal("Start]]", item.GetProperty("textEdit").GetProperty("newText").GetString());
    }

    private static Dictionary<string, string> NamedNotes() => new()
    {
        ["zettel_17.md"] = "---\ntitle: Project Note Taking\naliases: [Bullet Journal]\n---\n# Project Note Taking\n",
        ["bullet.md"] = "# Bullet\n",
        ["other.md"] = "---\naliases: [Bullet Journal]\n---\n# Other\n",
        ["notes/zettel_99.md"] = "---\ntitle: Note Cards\n---\n",
    };

    [Fact]
    public async Task Typing_an_alias_or_a_title_finds_the_note_after_an_earlier_list_of_stems()
    {
        var files = NamedNotes();
        files.Remove("other.md");
        using var vault = new TempVault(files);
        await using var session = await LspSession.StartAsync(vault, Clients.Neovim);
        var uri = vault.Uri("new.md");
        await session.Open(uri, "[[");
        var first = await session.Request("textDocument/completion", LspSession.At(uri, 0, 2));
        // The first list holds stems: it must say it is incomplete so the client asks again as the user types.
        Assert.True(first.GetProperty("isIncomplete").GetBoolean());
        Assert.DoesNotContain(first.GetProperty("items").EnumerateArray(), i => i.GetProperty("filterText").GetString() == "Bullet Journal");

        await session.Change(uri, 2, 0, 2, 0, 2, "Bull");
        var alias = await session.Request("textDocument/completion", LspSession.At(uri, 0, 6));
        JsonAssert.Equal($$"""
            {
              "isIncomplete": true,
              "items": [{
                "label": "Bullet",
                "kind": 17,
                "detail": "bullet.md",
                "sortText": "0000",
                "filterText": "Bullet",
                "textEdit": { "range": {{JsonAssert.Range(0, 2, 0, 6)}}, "newText": "Bullet]]" }
              }, {
                "label": "Project Note Taking",
                "kind": 17,
                "detail": "zettel_17.md",
                "sortText": "0001",
                "filterText": "Bullet Journal",
                "textEdit": { "range": {{JsonAssert.Range(0, 2, 0, 6)}}, "newText": "Bullet Journal]]" }
              }]
            }
            """, alias);

        // A title, by its first word and by a later word: the matched title is what the link writes.
        await session.Change(uri, 3, 0, 2, 0, 6, "Note");
        var title = await session.Request("textDocument/completion", LspSession.At(uri, 0, 6));
        var items = title.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["Note Cards", "Project Note Taking"], items.Select(i => i.GetProperty("label").GetString()));
        Assert.Equal(["Note Cards]]", "Project Note Taking]]"], items.Select(i => i.GetProperty("textEdit").GetProperty("newText").GetString()));
        Assert.Equal(["Note Cards", "Project Note Taking"], items.Select(i => i.GetProperty("filterText").GetString()));
    }

    [Fact]
    public async Task An_alias_two_notes_share_keeps_the_stem_as_target_and_shows_the_alias_as_label()
    {
        using var vault = new TempVault(NamedNotes());
        await using var session = await LspSession.StartAsync(vault);
        var uri = vault.Uri("new.md");
        await session.Open(uri, "[[Bullet J");
        var list = await session.Request("textDocument/completion", LspSession.At(uri, 0, 10));
        var texts = list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("textEdit").GetProperty("newText").GetString()).ToList();
        Assert.Equal(["other|Bullet Journal]]", "zettel_17|Bullet Journal]]"], texts);
    }

    [Fact]
    public async Task After_a_markdown_link_path_and_hash_the_target_notes_anchors_replace_only_what_follows_the_hash()
    {
        using var vault = new TempVault(new Dictionary<string, string>
        {
            ["sub/target.md"] = "# Intro\n## Set up the scope\n# Intro\nText ^b1\n",
        });
        await using var session = await LspSession.StartAsync(vault);
        var uri = vault.Uri("new.md");
        await session.Open(uri, "[x](sub/target.md#) [y](sub/target.md#set) [z](sub/target.md#^)");
        var all = await session.Request("textDocument/completion", LspSession.At(uri, 0, 18));
        JsonAssert.Equal($$"""
            {
              "isIncomplete": false,
              "items": [
                { "label": "intro", "kind": 18, "detail": "# Intro in sub/target.md", "sortText": "0000",
                  "textEdit": { "range": {{JsonAssert.Range(0, 18, 0, 18)}}, "newText": "intro" } },
                { "label": "set-up-the-scope", "kind": 18, "detail": "## Set up the scope in sub/target.md", "sortText": "0001",
                  "textEdit": { "range": {{JsonAssert.Range(0, 18, 0, 18)}}, "newText": "set-up-the-scope" } },
                { "label": "intro-1", "kind": 18, "detail": "# Intro in sub/target.md", "sortText": "0002",
                  "textEdit": { "range": {{JsonAssert.Range(0, 18, 0, 18)}}, "newText": "intro-1" } }
              ]
            }
            """, all);

        var typed = await session.Request("textDocument/completion", LspSession.At(uri, 0, 41));
        JsonAssert.Equal($$"""
            {
              "isIncomplete": false,
              "items": [
                { "label": "set-up-the-scope", "kind": 18, "detail": "## Set up the scope in sub/target.md", "sortText": "0000",
                  "textEdit": { "range": {{JsonAssert.Range(0, 38, 0, 41)}}, "newText": "set-up-the-scope" } }
              ]
            }
            """, typed);

        var blocks = await session.Request("textDocument/completion", LspSession.At(uri, 0, 62));
        Assert.Equal("^b1", blocks.GetProperty("items")[0].GetProperty("textEdit").GetProperty("newText").GetString());
    }

    [Fact]
    public async Task A_repeated_heading_after_double_brackets_and_hash_is_offered_once_per_heading_with_the_anchor_that_reaches_it()
    {
        using var vault = new TempVault(new Dictionary<string, string>
        {
            ["t.md"] = "# Intro\ntext\n## Intro\n",
        });
        await using var session = await LspSession.StartAsync(vault);
        var uri = vault.Uri("new.md");
        await session.Open(uri, "[[t#");
        var list = await session.Request("textDocument/completion", LspSession.At(uri, 0, 4));
        JsonAssert.Equal($$"""
            {
              "isIncomplete": false,
              "items": [
                { "label": "Intro", "kind": 18, "detail": "# in t.md", "sortText": "0000",
                  "textEdit": { "range": {{JsonAssert.Range(0, 4, 0, 4)}}, "newText": "Intro]]" } },
                { "label": "Intro", "kind": 18, "detail": "## in t.md, line 3", "sortText": "0001",
                  "textEdit": { "range": {{JsonAssert.Range(0, 4, 0, 4)}}, "newText": "intro-1]]" } }
              ]
            }
            """, list);

        // The inserted anchor reaches the second heading: no heading-broken, and definition goes to line 3.
        await session.ChangeAll(uri, 2, "[[t#intro-1]]");
        var definition = (await session.Request("textDocument/definition", LspSession.At(uri, 0, 6)))[0];
        var reached = definition.TryGetProperty("targetSelectionRange", out var selection) ? selection : definition.GetProperty("range");
        Assert.Equal(2, reached.GetProperty("start").GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task Prefix_matches_rank_before_word_start_and_the_list_is_capped_as_incomplete()
    {
        var files = Enumerable.Range(0, 60).ToDictionary(i => $"topic_{i:D2}.md", i => $"# Topic {i:D2}\n");
        files["my_topic_guide.md"] = "# Guide\n";
        using var vault = new TempVault(files);
        await using var session = await LspSession.StartAsync(vault);
        var uri = vault.Uri("new.md");
        await session.Open(uri, "[[topic");
        var list = await session.Request("textDocument/completion", LspSession.At(uri, 0, 7));
        Assert.True(list.GetProperty("isIncomplete").GetBoolean());
        Assert.Equal(50, list.GetProperty("items").GetArrayLength());
        Assert.DoesNotContain("Guide", Labels(list)); // a word-start match ranks after all 60 prefix matches

        await session.Change(uri, 2, 0, 2, 0, 7, "guide");
        var guide = await session.Request("textDocument/completion", LspSession.At(uri, 0, 7));
        Assert.Equal(["Guide"], Labels(guide));
    }

    [Fact]
    public async Task Headings_of_another_note_of_this_note_and_block_ids()
    {
        var (session, vault) = await Start();
        await using var _ = session;
        using var __ = vault;
        var uri = vault.Uri("new.md");
        await session.Open(uri, "# Mine\n## Own part\n[[alpha#sec\n[[#\n[[alpha#^\n");
        var other = await session.Request("textDocument/completion", LspSession.At(uri, 2, 11));
        Assert.Equal(["Section One", "Section Two"], Labels(other));
        JsonAssert.Equal($$"""{ "range": {{JsonAssert.Range(2, 8, 2, 11)}}, "newText": "Section One]]" }""", other.GetProperty("items")[0].GetProperty("textEdit"));

        var own = await session.Request("textDocument/completion", LspSession.At(uri, 3, 3));
        Assert.Equal(["Mine", "Own part"], Labels(own));

        var blocks = await session.Request("textDocument/completion", LspSession.At(uri, 4, 9));
        Assert.Equal(["^block1"], Labels(blocks));
        Assert.Equal("block1]]", blocks.GetProperty("items")[0].GetProperty("textEdit").GetProperty("newText").GetString());
    }

    [Fact]
    public async Task Inside_a_markdown_link_note_paths_relative_to_this_note_are_offered()
    {
        var (session, vault) = await Start();
        await using var _ = session;
        using var __ = vault;
        var uri = vault.Uri("sub/new.md");
        await session.Open(uri, "[text](../al");
        var list = await session.Request("textDocument/completion", LspSession.At(uri, 0, 12));
        var item = list.GetProperty("items")[0];
        Assert.Equal("../alpha.md", item.GetProperty("label").GetString());
        JsonAssert.Equal($$"""{ "range": {{JsonAssert.Range(0, 7, 0, 12)}}, "newText": "../alpha.md" }""", item.GetProperty("textEdit"));
    }

    [Fact]
    public async Task Plain_text_a_label_and_an_unknown_document_offer_nothing()
    {
        var (session, vault) = await Start();
        await using var _ = session;
        using var __ = vault;
        var uri = vault.Uri("new.md");
        await session.Open(uri, "plain words [[alpha|lab");
        Assert.Equal(0, (await session.Request("textDocument/completion", LspSession.At(uri, 0, 5))).GetProperty("items").GetArrayLength());
        Assert.Equal(0, (await session.Request("textDocument/completion", LspSession.At(uri, 0, 23))).GetProperty("items").GetArrayLength());
        Assert.Equal(0, (await session.Request("textDocument/completion", LspSession.At("file:///nowhere/x.md", 0, 0))).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Among_equal_matches_the_most_linked_note_comes_first()
    {
        using var vault = new TempVault(new Dictionary<string, string>
        {
            ["idea_a.md"] = "# Idea A\n",
            ["idea_b.md"] = "# Idea B\n",
            ["x.md"] = "[[idea_b]]\n",
            ["y.md"] = "[[idea_b]]\n",
        });
        await using var session = await LspSession.StartAsync(vault);
        var uri = vault.Uri("new.md");
        await session.Open(uri, "[[idea");
        var list = await session.Request("textDocument/completion", LspSession.At(uri, 0, 6));
        Assert.Equal(["Idea B", "Idea A"], Labels(list));
    }

    [Fact]
    public async Task Once_indexing_ends_the_completion_indexes_are_built_before_any_completion_is_asked()
    {
        using var vault = SampleVault.Create();
        var built = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = new ServerOptions { AfterCompletionIndexes = root => built.TrySetResult(root) };
        await using var session = await LspSession.StartAsync(vault, options: options);

        // No request asked for them: the server builds them itself once the vault's diagnostics are out.
        var root = await built.Task.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(Path.GetFullPath(vault.Root).TrimEnd('/'), Path.GetFullPath(root).TrimEnd('/'));

        // The first "[[" then answers from them: every note but the one being edited.
        var uri = vault.Uri("alpha.md");
        var text = File.ReadAllText(vault.PathOf("alpha.md")) + "\n[[";
        await session.Open(uri, text);
        var lines = text.Split('\n');
        var list = await session.Request("textDocument/completion", new
        {
            textDocument = new { uri },
            position = new { line = lines.Length - 1, character = 2 },
            context = new { triggerKind = 1 },
        });
        var details = list.GetProperty("items").EnumerateArray().Select(i => i.TryGetProperty("detail", out var d) ? d.GetString() : null).ToList();
        Assert.Contains("beta.md", details);
        Assert.DoesNotContain("alpha.md", details);
    }
}
