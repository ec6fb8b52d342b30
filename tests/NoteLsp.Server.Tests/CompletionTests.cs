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
              "isIncomplete": false,
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
        Assert.Equal("index]]", item.GetProperty("textEdit").GetProperty("newText").GetString());
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
}
