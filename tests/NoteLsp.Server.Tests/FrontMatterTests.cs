using System.Text.Json;
using NoteLsp.Server.Tests.Fixture;

namespace NoteLsp.Server.Tests;

/// <summary>Front matter keys through the protocol (docs/notes-format.md §2): key completion with documentation, hover.</summary>
public class FrontMatterTests
{
    private const string Talk = "---\ntitle: Talk\nvideoId: qTogNUV3CAI\nduration: 1:02:03\ntags: [ai]\n---\nBody\n";

    private static TempVault Vault() => new(new Dictionary<string, string>
    {
        ["talk.md"] = Talk,
        ["again.md"] = "---\nvideoId: qTogNUV3CAI\n---\n",
        ["other.md"] = "---\nvideoId: UTuuTTnjxMQ\n---\n",
    });

    [Fact]
    public async Task At_the_start_of_a_front_matter_line_the_known_keys_come_with_their_documentation()
    {
        using var vault = Vault();
        await using var session = await LspSession.StartAsync(vault);
        var uri = vault.Uri("new.md");
        await session.Open(uri, "---\nd\n---\n");
        var list = await session.Request("textDocument/completion", LspSession.At(uri, 1, 1));
        JsonAssert.Equal($$"""
            {
              "isIncomplete": false,
              "items": [{
                "label": "duration",
                "kind": 10,
                "detail": "front matter",
                "documentation": { "kind": "markdown", "value": "The video's **length**: `H:MM:SS`, `MM:SS` or whole seconds (`1:02:03`, `62:03` and `3723` are the same). A timestamp past it is `timestamp-out-of-range`." },
                "sortText": "0000",
                "filterText": "duration",
                "textEdit": { "range": {{JsonAssert.Range(1, 0, 1, 1)}}, "newText": "duration: " }
              }]
            }
            """, list);

        // An empty line offers every key; outside the front matter, none.
        await session.ChangeAll(uri, 2, "---\n\n---\nt\n");
        var all = await session.Request("textDocument/completion", LspSession.At(uri, 1, 0));
        Assert.Equal(["title", "aliases", "videoId", "duration", "tags"], all.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("label").GetString()));
        var body = await session.Request("textDocument/completion", LspSession.At(uri, 3, 1));
        Assert.Equal(0, body.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Hover_on_duration_explains_the_forms_and_reads_this_value()
    {
        using var vault = Vault();
        await using var session = await LspSession.StartAsync(vault);
        await session.Open(vault.Uri("talk.md"), Talk);
        var hover = await session.Request("textDocument/hover", LspSession.At(vault.Uri("talk.md"), 3, 2));
        JsonAssert.Equal($$"""
            {
              "contents": { "kind": "markdown", "value": "`duration` — The video's **length**: `H:MM:SS`, `MM:SS` or whole seconds (`1:02:03`, `62:03` and `3723` are the same). A timestamp past it is `timestamp-out-of-range`.\n\nHere: **01:02:03** (3723 s)." },
              "range": {{JsonAssert.Range(3, 0, 3, 8)}}
            }
            """, hover);
    }

    [Fact]
    public async Task Hover_on_the_video_id_gives_the_video_link_and_how_many_notes_cite_it()
    {
        using var vault = Vault();
        await using var session = await LspSession.StartAsync(vault);
        await session.Open(vault.Uri("talk.md"), Talk);
        const string value = "Video `qTogNUV3CAI`  \n[https://www.youtube.com/watch?v=qTogNUV3CAI&t=0s](https://www.youtube.com/watch?v=qTogNUV3CAI&t=0s)  \nCited by 2 notes (their `videoId`).";
        var onValue = await session.Request("textDocument/hover", LspSession.At(vault.Uri("talk.md"), 2, 12));
        JsonAssert.Equal($$"""{ "contents": { "kind": "markdown", "value": {{JsonSerializer.Serialize(value)}} }, "range": {{TextAt.Json(Talk, "qTogNUV3CAI")}} }""", onValue);
        var onKey = await session.Request("textDocument/hover", LspSession.At(vault.Uri("talk.md"), 2, 3));
        JsonAssert.Equal($$"""{ "contents": { "kind": "markdown", "value": {{JsonSerializer.Serialize(value)}} }, "range": {{JsonAssert.Range(2, 0, 2, 7)}} }""", onKey);
    }
}
