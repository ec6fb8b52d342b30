using System.Text.Json;
using NoteLsp.Server.Tests.Fixture;

namespace NoteLsp.Server.Tests;

public class CodeActionTests
{
    private static object Request(string uri, (int Line, int Start, int EndLine, int End) range) => new
    {
        textDocument = new { uri },
        range = LspSession.Range(range.Line, range.Start, range.EndLine, range.End),
        context = new { diagnostics = Array.Empty<object>() },
    };

    [Fact]
    public async Task A_broken_link_offers_to_create_the_note_with_a_title_and_to_use_a_close_name()
    {
        using var vault = new TempVault(new Dictionary<string, string>
        {
            ["notes/alpha_note.md"] = "# Alpha\n",
            ["notes/index.md"] = "See [[alpha note]] and [[Alpha Notes]].\n",
        });
        await using var session = await LspSession.StartAsync(vault);
        var text = "See [[alpha note]] and [[Alpha Notes]].\n";
        var target = TextAt.Range(text, "Alpha Notes");
        var actions = await session.Request("textDocument/codeAction", Request(vault.Uri("notes/index.md"), target));
        var create = actions[0];
        JsonAssert.Equal($$"""
            {
              "title": "Create note notes/alpha_notes.md (fixes 1 link)",
              "kind": "quickfix",
              "diagnostics": [{{JsonSerializer.Serialize(create.GetProperty("diagnostics")[0])}}],
              "isPreferred": true,
              "edit": {
                "documentChanges": [
                  { "kind": "create", "uri": "{{vault.Uri("notes/alpha_notes.md")}}", "options": { "overwrite": false, "ignoreIfExists": false } },
                  { "textDocument": { "uri": "{{vault.Uri("notes/alpha_notes.md")}}", "version": null }, "edits": [{ "range": {{JsonAssert.Range(0, 0, 0, 0)}}, "newText": "---\ntitle: Alpha Notes\n---\n" }] }
                ]
              }
            }
            """, create);
        Assert.Equal("link-broken", create.GetProperty("diagnostics")[0].GetProperty("code").GetString());
        var replace = actions.EnumerateArray().Single(a => a.GetProperty("title").GetString() == "Change link to \"alpha_note\"");
        var edit = replace.GetProperty("edit").GetProperty("documentChanges")[0];
        JsonAssert.Equal($$"""[{ "range": {{JsonAssert.Range(target.Line, target.Start, target.EndLine, target.End)}}, "newText": "alpha_note" }]""", edit.GetProperty("edits"));

        // Applied, the created note fixes the link.
        EditApplier.Apply(create.GetProperty("edit"));
        Assert.Equal("---\ntitle: Alpha Notes\n---\n", vault.Read("notes/alpha_notes.md"));
    }

    [Fact]
    public async Task An_ambiguous_link_can_be_rewritten_to_each_path_qualified_target()
    {
        using var vault = new TempVault(new Dictionary<string, string>
        {
            ["a/same.md"] = "# Same A\n",
            ["b/same.md"] = "# Same B\n",
            ["links.md"] = "See [[same]].\n",
        });
        await using var session = await LspSession.StartAsync(vault);
        var actions = await session.Request("textDocument/codeAction", Request(vault.Uri("links.md"), TextAt.Range("See [[same]].\n", "same")));
        Assert.Equal(["Link to a/same.md", "Link to b/same.md"], actions.EnumerateArray().Select(a => a.GetProperty("title").GetString()));
        Assert.Equal("b/same", actions[1].GetProperty("edit").GetProperty("documentChanges")[0].GetProperty("edits")[0].GetProperty("newText").GetString());
    }

    [Fact]
    public async Task A_mismatched_timestamp_text_is_set_to_its_target_moment()
    {
        using var vault = SampleVault.Create();
        await using var session = await LspSession.StartAsync(vault);
        var actions = await session.Request("textDocument/codeAction", Request(vault.Uri("video.md"), TextAt.Range(SampleVault.Video, "[02:00](#03:00)")));
        var action = actions.EnumerateArray().Single();
        Assert.Equal("Set the timestamp's text to 03:00", action.GetProperty("title").GetString());
        JsonAssert.Equal($$"""[{ "range": {{TextAt.Json(SampleVault.Video, "02:00")}}, "newText": "03:00" }]""",
            action.GetProperty("edit").GetProperty("documentChanges")[0].GetProperty("edits"));
    }

    [Fact]
    public async Task A_client_that_cannot_create_files_gets_no_create_action_and_text_edits_as_changes()
    {
        using var vault = new TempVault(new Dictionary<string, string>
        {
            ["alpha_note.md"] = "# Alpha\n",
            ["index.md"] = "See [[alpha_notes]].\n",
        });
        var capabilities = Clients.Parse("""{ "workspace": { "applyEdit": true } }""");
        await using var session = await LspSession.StartAsync(vault, capabilities, waitForIndex: false);
        await session.Inbox.WaitForDiagnostics(vault.Uri("index.md"));
        var actions = await session.Request("textDocument/codeAction", Request(vault.Uri("index.md"), TextAt.Range("See [[alpha_notes]].\n", "alpha_notes")));
        var action = actions.EnumerateArray().Single();
        Assert.Equal("Change link to \"alpha_note\"", action.GetProperty("title").GetString());
        Assert.True(action.GetProperty("edit").GetProperty("changes").TryGetProperty(vault.Uri("index.md"), out _));
    }

    [Fact]
    public async Task Plain_text_has_no_quick_fix()
    {
        using var vault = SampleVault.Create();
        await using var session = await LspSession.StartAsync(vault);
        var actions = await session.Request("textDocument/codeAction", Request(vault.Uri("alpha.md"), (5, 0, 5, 3)));
        Assert.Equal(0, actions.GetArrayLength());
    }
}
