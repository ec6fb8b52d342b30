using System.Text.Json;
using NoteLsp.Server.Tests.Fixture;

namespace NoteLsp.Server.Tests;

/// <summary>"Extract section into a new note" (refactor.extract) and "Inline note" (refactor.inline), docs/notes-format.md §15.</summary>
public class RefactorActionTests
{
    private const string Talk = """
        ---
        title: Talk
        videoId: qTogNUV3CAI
        duration: "1:00:00"
        ---

        From: [[speaker]] <br/>
        Intro text.

        ## Scaling Laws

        Bigger is better (<a class="yt-timestamp" data-t="16:47">[16:47]</a>). See [[other]] and [notes](other.md).

        ### Detail

        More [00:30](#00:30).

        ## Outro

        Bye [[#Scaling Laws]].

        """;

    private const string Index = "Read [[talk#Scaling Laws]] and [the laws](talk.md#scaling-laws) and [[talk#Outro|end]].\n";

    private static readonly JsonElement DisabledSupport = Clients.WithTextDocument(Clients.Full, "codeAction", """{ "disabledSupport": true }""");

    private static TempVault Vault(params (string Path, string Text)[] more)
    {
        var files = new Dictionary<string, string>
        {
            ["talk.md"] = Talk,
            ["index.md"] = Index,
            ["speaker.md"] = "# Speaker\n",
            ["other.md"] = "# Other\n",
        };
        foreach (var (path, text) in more) files[path] = text;
        return new TempVault(files);
    }

    private static object Request(string uri, int line, int character = 0, string[]? only = null) => new
    {
        textDocument = new { uri },
        range = LspSession.Range(line, character, line, character),
        context = new { diagnostics = Array.Empty<object>(), only },
    };

    private static JsonElement[] Refactorings(JsonElement actions) =>
        [.. actions.EnumerateArray().Where(a => a.GetProperty("kind").GetString()!.StartsWith("refactor", StringComparison.Ordinal))];

    private const string NewNote = """
        ---
        title: Scaling Laws
        videoId: qTogNUV3CAI
        duration: "1:00:00"
        ---

        From: [[speaker]] <br/>
        Bigger is better (<a class="yt-timestamp" data-t="16:47">[16:47]</a>). See [[other]] and [notes](other.md).

        ### Detail

        More [00:30](#00:30).

        """;

    [Fact]
    public async Task Extracting_a_section_is_one_edit_that_creates_the_note_first_then_links_it_and_redirects_links_to_the_heading()
    {
        using var vault = Vault();
        await using var session = await LspSession.StartAsync(vault);
        var actions = Refactorings(await session.Request("textDocument/codeAction", Request(vault.Uri("talk.md"), 9, 3)));
        var extract = Assert.Single(actions);
        JsonAssert.Equal($$"""
            {
              "title": "Extract section into a new note 'scaling_laws'",
              "kind": "refactor.extract",
              "edit": { "documentChanges": [
                { "kind": "create", "uri": "{{vault.Uri("scaling_laws.md")}}", "options": { "overwrite": false, "ignoreIfExists": false } },
                { "textDocument": { "uri": "{{vault.Uri("scaling_laws.md")}}", "version": null }, "edits": [ { "range": {{JsonAssert.Range(0, 0, 0, 0)}}, "newText": {{JsonSerializer.Serialize(NewNote)}} } ] },
                { "textDocument": { "uri": "{{vault.Uri("talk.md")}}", "version": null }, "edits": [
                  { "range": {{JsonAssert.Range(10, 0, 17, 0)}}, "newText": "\n[[scaling_laws | Scaling Laws]]\n\n" },
                  { "range": {{JsonAssert.Range(19, 6, 19, 19)}}, "newText": "scaling_laws" }
                ] },
                { "textDocument": { "uri": "{{vault.Uri("index.md")}}", "version": null }, "edits": [
                  { "range": {{JsonAssert.Range(0, 7, 0, 24)}}, "newText": "scaling_laws" },
                  { "range": {{JsonAssert.Range(0, 42, 0, 62)}}, "newText": "scaling_laws.md" }
                ] }
              ] }
            }
            """, extract);

        EditApplier.Apply(extract.GetProperty("edit"));
        Assert.Equal(NewNote, vault.Read("scaling_laws.md"));
        Assert.Equal("Read [[scaling_laws]] and [the laws](scaling_laws.md) and [[talk#Outro|end]].\n", vault.Read("index.md"));
        Assert.Contains("## Scaling Laws\n\n[[scaling_laws | Scaling Laws]]\n\n## Outro\n\nBye [[scaling_laws]].\n", vault.Read("talk.md"));
        // The moved timestamps still jump into the same video, and no link broke.
        Assert.Empty(VaultCheck.Problems(vault.Root));
        Assert.Equal("qTogNUV3CAI", VaultCheck.Scan(vault.Root).GetNote("scaling_laws.md")!.VideoId!.Value);
    }

    [Fact]
    public async Task Links_from_another_folder_keep_their_label_and_get_a_path_relative_to_their_note()
    {
        using var vault = Vault(("sub/deep.md", "See [[talk#Scaling Laws | laws]] and [x](../talk.md#scaling-laws).\n"));
        await using var session = await LspSession.StartAsync(vault);
        var extract = Assert.Single(Refactorings(await session.Request("textDocument/codeAction", Request(vault.Uri("talk.md"), 9))));
        EditApplier.Apply(extract.GetProperty("edit"));
        Assert.Equal("See [[scaling_laws | laws]] and [x](../scaling_laws.md).\n", vault.Read("sub/deep.md"));
        Assert.Empty(VaultCheck.Problems(vault.Root));
    }

    [Fact]
    public async Task Links_to_headings_and_blocks_that_move_along_follow_them_and_self_links_to_what_stays_name_the_source()
    {
        using var vault = new TempVault(new Dictionary<string, string>
        {
            ["lec.md"] = "## Part\n\nSee [[#Sub]] and [[#End]] and [back](#end) and [[lec#Sub]].\n\n### Sub\n\nText ^blk\n\n## End\n\nBye.\n",
            ["other.md"] = "Links [[lec#Sub]] [[lec#^blk]] [s](lec.md#sub) [[lec#Part]]\n",
        });
        await using var session = await LspSession.StartAsync(vault);
        var extract = Assert.Single(Refactorings(await session.Request("textDocument/codeAction", Request(vault.Uri("lec.md"), 0))));
        EditApplier.Apply(extract.GetProperty("edit"));
        Assert.Equal("---\ntitle: Part\n---\n\nSee [[#Sub]] and [[lec#End]] and [back](lec.md#end) and [[part#Sub]].\n\n### Sub\n\nText ^blk\n", vault.Read("part.md"));
        Assert.Equal("## Part\n\n[[part | Part]]\n\n## End\n\nBye.\n", vault.Read("lec.md"));
        Assert.Equal("Links [[part#Sub]] [[part#^blk]] [s](part.md#sub) [[part]]\n", vault.Read("other.md"));
        Assert.Empty(VaultCheck.Problems(vault.Root));
    }

    [Fact]
    public async Task Inlining_the_extracted_note_puts_the_section_back_without_its_front_matter_or_repeated_From_line()
    {
        using var vault = Vault();
        await using (var before = await LspSession.StartAsync(vault))
        {
            var extract = Assert.Single(Refactorings(await before.Request("textDocument/codeAction", Request(vault.Uri("talk.md"), 9))));
            EditApplier.Apply(extract.GetProperty("edit"));
        }

        // A fresh session indexes the vault as the client left it.
        await using var session = await LspSession.StartAsync(vault);
        var inline = Assert.Single(Refactorings(await session.Request("textDocument/codeAction", Request(vault.Uri("talk.md"), 11, 4))));
        Assert.Equal("Inline note 'Scaling Laws'", inline.GetProperty("title").GetString());
        Assert.Equal(1, inline.GetProperty("edit").GetProperty("documentChanges").GetArrayLength());
        EditApplier.Apply(inline.GetProperty("edit"));
        Assert.Equal(Talk.Replace("[[#Scaling Laws]]", "[[scaling_laws]]"), vault.Read("talk.md"));
        Assert.True(File.Exists(Path.Combine(vault.Root, "scaling_laws.md")), "inlining leaves the inlined note in place");
    }

    [Fact]
    public async Task Inlining_a_note_about_another_video_is_refused_with_a_reason_or_not_offered()
    {
        var notes = new[]
        {
            ("a.md", "---\nvideoId: qTogNUV3CAI\n---\nSee [[b]].\n"),
            ("b.md", "---\nvideoId: UTuuTTnjxMQ\n---\nAt [00:10](#00:10).\n"),
        };
        using var vault = Vault(notes);
        await using (var session = await LspSession.StartAsync(vault, DisabledSupport))
        {
            var refused = Assert.Single(Refactorings(await session.Request("textDocument/codeAction", Request(vault.Uri("a.md"), 3, 6))));
            JsonAssert.Equal("""
                {
                  "title": "Inline note 'b'",
                  "kind": "refactor.inline",
                  "disabled": { "reason": "The two notes cite different videos (qTogNUV3CAI and UTuuTTnjxMQ): the inlined timestamps would point into the wrong video." }
                }
                """, refused);
        }
        await using (var session = await LspSession.StartAsync(vault))
        {
            Assert.Empty(Refactorings(await session.Request("textDocument/codeAction", Request(vault.Uri("a.md"), 3, 6))));
        }
    }

    [Fact]
    public async Task A_taken_file_name_disables_the_extract_and_other_kinds_filter_it_out()
    {
        using var vault = Vault(("scaling_laws.md", "# Taken\n"));
        await using var session = await LspSession.StartAsync(vault, DisabledSupport);
        var disabled = Assert.Single(Refactorings(await session.Request("textDocument/codeAction", Request(vault.Uri("talk.md"), 9))));
        JsonAssert.Equal("""
            { "title": "Extract section into a new note 'scaling_laws'", "kind": "refactor.extract", "disabled": { "reason": "A note scaling_laws.md already exists." } }
            """, disabled);
        Assert.Empty((await session.Request("textDocument/codeAction", Request(vault.Uri("talk.md"), 9, 0, ["quickfix"]))).EnumerateArray());
        Assert.Single(Refactorings(await session.Request("textDocument/codeAction", Request(vault.Uri("talk.md"), 9, 0, ["refactor"]))));
        Assert.Empty(Refactorings(await session.Request("textDocument/codeAction", Request(vault.Uri("talk.md"), 7))));
    }
}
