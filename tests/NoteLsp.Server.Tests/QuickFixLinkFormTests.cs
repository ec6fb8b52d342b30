using System.Text.Json;
using NoteLsp.Server.Tests.Fixture;

namespace NoteLsp.Server.Tests;

/// <summary>Quick fixes write what the link's own form needs: an anchor in a Markdown link, a relative path to the closest note.</summary>
public class QuickFixLinkFormTests
{
    private static async Task<JsonElement> ActionsAt(LspSession session, string uri, string text, string fragment, int occurrence = 0)
    {
        var (line, start, endLine, end) = TextAt.Range(text, fragment, occurrence);
        return await session.Request("textDocument/codeAction", new
        {
            textDocument = new { uri },
            range = LspSession.Range(line, start, endLine, end),
            context = new { diagnostics = Array.Empty<object>() },
        });
    }

    /// <summary>(title, the one edit's new text) of each action.</summary>
    private static List<(string Title, string NewText)> Offers(JsonElement actions) =>
        actions.EnumerateArray().Select(a => (
            a.GetProperty("title").GetString()!,
            a.GetProperty("edit").GetProperty("documentChanges").EnumerateArray()
                .Single(c => c.TryGetProperty("edits", out _)).GetProperty("edits").EnumerateArray().Single().GetProperty("newText").GetString()!)).ToList();

    private static JsonElement EditOf(JsonElement actions, string title) =>
        actions.EnumerateArray().Single(a => a.GetProperty("title").GetString() == title).GetProperty("edit");

    private static async Task AssertNoDiagnosticLeft(TempVault vault)
    {
        await using var check = await LspSession.StartAsync(vault, Clients.Pull);
        var report = await check.Request("workspace/diagnostic", new { previousResultIds = Array.Empty<object>() });
        Assert.All(report.GetProperty("items").EnumerateArray(), item => Assert.True(item.GetProperty("items").GetArrayLength() == 0, item.ToString()));
    }

    [Fact]
    public async Task A_broken_heading_in_a_markdown_link_is_fixed_with_the_GitHub_anchor_and_in_a_wikilink_with_the_text()
    {
        const string index = "[md](target.md#no-such-anchor)\n[md2](target.md#uber)\n[[target#no such heading]]\n";
        using var vault = new TempVault(new Dictionary<string, string>
        {
            ["target.md"] = "---\ntitle: Target\n---\n## Sub heading\n\n## Über (Notes)!\n",
            ["index.md"] = index,
        });
        await using var session = await LspSession.StartAsync(vault);
        var uri = vault.Uri("index.md");

        var markdown = await ActionsAt(session, uri, index, "no-such-anchor");
        Assert.Equal(
            new[] { ("Change to heading \"Sub heading\" (#sub-heading)", "sub-heading"), ("Change to heading \"Über (Notes)!\" (#über-notes)", "über-notes") }.Order(),
            Offers(markdown).Order());
        var closeMatch = await ActionsAt(session, uri, index, "uber");
        Assert.Equal([("Change to heading \"Über (Notes)!\" (#über-notes)", "über-notes")], Offers(closeMatch).Take(1));
        var wiki = await ActionsAt(session, uri, index, "no such heading");
        Assert.Equal(("Change to heading \"Sub heading\"", "Sub heading"), Offers(wiki)[0]);

        EditApplier.Apply(EditOf(markdown, "Change to heading \"Sub heading\" (#sub-heading)"));
        EditApplier.Apply(EditOf(closeMatch, "Change to heading \"Über (Notes)!\" (#über-notes)"));
        EditApplier.Apply(EditOf(wiki, "Change to heading \"Sub heading\""));
        Assert.Equal("[md](target.md#sub-heading)\n[md2](target.md#über-notes)\n[[target#Sub heading]]\n", vault.Read("index.md"));
        await AssertNoDiagnosticLeft(vault);
    }

    [Fact]
    public async Task A_broken_markdown_link_offers_the_closest_notes_as_paths_written_like_the_link()
    {
        const string top = "[c](targt.md)\n";
        const string nested = "[c](../targt.md)\n[d](/targt.md)\n[e](../people/ada-lovelac.md#ada)\n";
        using var vault = new TempVault(new Dictionary<string, string>
        {
            ["target.md"] = "# Target\n",
            ["people/ada lovelace.md"] = "# Ada\n",
            ["index.md"] = top,
            ["notes/index.md"] = nested,
        });
        await using var session = await LspSession.StartAsync(vault);

        var atTop = await ActionsAt(session, vault.Uri("index.md"), top, "targt.md");
        Assert.Equal([("Create note targt.md", "---\ntitle: targt\n---\n"), ("Change link to \"target.md\"", "target.md")], Offers(atTop));
        var relative = await ActionsAt(session, vault.Uri("notes/index.md"), nested, "../targt.md");
        Assert.Equal(("Change link to \"../target.md\"", "../target.md"), Offers(relative).Single(o => o.Title.StartsWith("Change", StringComparison.Ordinal)));
        var rooted = await ActionsAt(session, vault.Uri("notes/index.md"), nested, "/targt.md", occurrence: 1);
        Assert.Equal(("Change link to \"/target.md\"", "/target.md"), Offers(rooted).Single(o => o.Title.StartsWith("Change", StringComparison.Ordinal)));
        var spaced = await ActionsAt(session, vault.Uri("notes/index.md"), nested, "../people/ada-lovelac.md");
        Assert.Equal(("Change link to \"../people/ada%20lovelace.md\"", "../people/ada%20lovelace.md"), Offers(spaced).Single(o => o.Title.StartsWith("Change", StringComparison.Ordinal)));

        EditApplier.Apply(EditOf(atTop, "Change link to \"target.md\""));
        EditApplier.Apply(EditOf(relative, "Change link to \"../target.md\""));
        EditApplier.Apply(EditOf(rooted, "Change link to \"/target.md\""));
        EditApplier.Apply(EditOf(spaced, "Change link to \"../people/ada%20lovelace.md\""));
        Assert.Equal("[c](target.md)\n", vault.Read("index.md"));
        Assert.Equal("[c](../target.md)\n[d](/target.md)\n[e](../people/ada%20lovelace.md#ada)\n", vault.Read("notes/index.md"));
        await AssertNoDiagnosticLeft(vault);
    }
}
