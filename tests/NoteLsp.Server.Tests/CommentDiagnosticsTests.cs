using NoteLsp.Server.Tests.Fixture;

namespace NoteLsp.Server.Tests;

/// <summary>A broken link inside an Obsidian %% comment is not a link, so it is not reported (docs/notes-format.md §10).</summary>
public class CommentDiagnosticsTests
{
    [Fact]
    public async Task A_broken_link_inside_a_comment_is_not_reported_and_one_after_it_is()
    {
        const string text = "# Note\n%% draft: [[nowhere]]\nstill a comment [[also nowhere]] %%\nafter [[missing]]\n";
        using var vault = new TempVault(new Dictionary<string, string> { ["note.md"] = text });
        await using var session = await LspSession.StartAsync(vault);
        var published = await session.Inbox.WaitForDiagnostics(vault.Uri("note.md"), d => d.GetArrayLength() > 0);
        var diagnostics = published.Params.GetProperty("diagnostics");
        Assert.Equal(1, diagnostics.GetArrayLength());
        Assert.Equal("link-broken", diagnostics[0].GetProperty("code").GetString());
        JsonAssert.Equal(TextAt.Json(text, "missing"), diagnostics[0].GetProperty("range"));

        // Closing the comment before its second line brings that line back, and its trailing %% now opens a comment
        // that runs to the end: the link on the last line is hidden instead.
        var uri = vault.Uri("note.md");
        await session.Open(uri, text);
        var (line, start, _, _) = TextAt.Range(text, "still");
        await session.Change(uri, 2, line, start, line, start, "%% ");
        var edited = text.Replace("still", "%% still", StringComparison.Ordinal);
        var changed = await session.Inbox.WaitForDiagnostics(uri, d => d.GetArrayLength() == 1 && d[0].GetProperty("range").GetProperty("start").GetProperty("line").GetInt32() == line);
        JsonAssert.Equal(TextAt.Json(edited, "also nowhere"), changed.Params.GetProperty("diagnostics")[0].GetProperty("range"));
    }
}
