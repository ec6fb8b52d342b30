using System.Text.Json;
using NoteLsp.Server.Tests.Fixture;

namespace NoteLsp.Server.Tests;

public class IndexingTests
{
    private static Dictionary<string, string> Notes(int count) =>
        Enumerable.Range(0, count).ToDictionary(i => $"note_{i:D2}.md", i => $"# Note {i:D2}\n\n[[note_{(i + 1) % count:D2}]]\n");

    [Fact]
    public async Task Indexing_reports_work_done_progress_with_counts()
    {
        using var vault = new TempVault(Notes(6));
        await using var session = await LspSession.StartAsync(vault, waitForIndex: false);
        var created = await session.Inbox.WaitFor("window/workDoneProgress/create");
        var token = created.Params.GetProperty("token").GetString();
        var begin = await session.Inbox.WaitFor("$/progress", p => p.GetProperty("value").GetProperty("kind").GetString() == "begin");
        JsonAssert.Equal($$"""{ "token": "{{token}}", "value": { "kind": "begin", "title": "Indexing notes", "cancellable": false, "message": "0/6 notes", "percentage": 0, "done": 0, "total": 6 } }""", begin.Params);
        var end = await session.WaitForIndexed();
        Assert.Equal(token, end.Params.GetProperty("token").GetString());
        Assert.StartsWith("Indexed 6 notes in ", end.Params.GetProperty("value").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Indexing_progress_carries_the_note_counts_as_numbers()
    {
        // The VS Code status bar shows these counts; they must not have to be parsed out of the message text.
        var options = new ServerOptions { IndexBatchSize = 2 };
        using var vault = new TempVault(Notes(5));
        await using var session = await LspSession.StartAsync(vault, options: options, waitForIndex: false);
        var end = (await session.WaitForIndexed()).Params.GetProperty("value");
        Assert.Equal("end", end.GetProperty("kind").GetString());
        Assert.Equal(5, end.GetProperty("notes").GetInt32());

        foreach (var report in session.Inbox.All("$/progress").Select(p => p.Params.GetProperty("value")).Where(v => v.GetProperty("kind").GetString() == "report"))
        {
            var done = report.GetProperty("done").GetInt32();
            Assert.Equal(5, report.GetProperty("total").GetInt32());
            Assert.InRange(done, 1, 5);
            Assert.Equal($"{done}/5 notes", report.GetProperty("message").GetString());
        }
    }

    [Fact]
    public async Task Requests_during_indexing_are_answered_from_what_is_indexed_so_far()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = new ServerOptions
        {
            IndexBatchSize = 2,
            // Let the first batch in, then hold the scan until the test has asked its questions.
            BeforeIndexBatch = async (batch, token) =>
            {
                if (batch != 1) return;
                held.TrySetResult();
                await release.Task.WaitAsync(token);
            },
        };
        using var vault = new TempVault(Notes(6));
        await using var session = await LspSession.StartAsync(vault, options: options, waitForIndex: false);
        await held.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var uri = vault.Uri("open.md");
        await session.Open(uri, "# Open note\n\n[[note_00]] [[note_05]] [[nowhere]]\n");
        var symbols = await session.Request("workspace/symbol", new { query = "note" });
        var names = symbols.EnumerateArray().Select(s => s.GetProperty("name").GetString()).OrderBy(n => n).ToList();
        Assert.Equal(["Note 00", "Note 01", "Open note"], names);
        var definition = await session.Request("textDocument/definition", LspSession.At(uri, 2, 3));
        Assert.Equal(vault.Uri("note_00.md"), definition[0].GetProperty("targetUri").GetString());
        Assert.Equal(JsonValueKind.Null, (await session.Request("textDocument/definition", LspSession.At(uri, 2, 15))).ValueKind);
        // No diagnostics yet: a half-indexed vault would report links to unindexed notes as broken.
        Assert.Empty(session.Inbox.All("textDocument/publishDiagnostics"));

        release.SetResult();
        await session.WaitForIndexed();
        var after = await session.Request("textDocument/definition", LspSession.At(uri, 2, 15));
        Assert.Equal(vault.Uri("note_05.md"), after[0].GetProperty("targetUri").GetString());
        // Once indexed, only the truly missing note is reported.
        var diagnostics = await session.Inbox.WaitForDiagnostics(uri);
        var broken = diagnostics.Params.GetProperty("diagnostics").EnumerateArray().Single();
        JsonAssert.Equal(JsonAssert.Range(2, 26, 2, 33), broken.GetProperty("range"));
    }

    [Fact]
    public async Task Every_workspace_folder_is_its_own_vault()
    {
        using var first = new TempVault(new Dictionary<string, string> { ["same.md"] = "# First same\n", ["a.md"] = "[[same]]\n" });
        using var second = new TempVault(new Dictionary<string, string> { ["same.md"] = "# Second same\n", ["b.md"] = "[[same]]\n" });
        await using var session = await LspSession.StartAsync(first, folders: [first, second]);
        await session.Open(second.Uri("b.md"), "[[same]]\n");
        var definition = await session.Request("textDocument/definition", LspSession.At(second.Uri("b.md"), 0, 3));
        Assert.Equal(second.Uri("same.md"), definition.EnumerateArray().Single().GetProperty("targetUri").GetString());
    }

    [Fact]
    public async Task A_malformed_notification_is_dropped_and_the_last_good_state_stays()
    {
        using var vault = new TempVault(new Dictionary<string, string> { ["alpha.md"] = "# Alpha\n" });
        await using var session = await LspSession.StartAsync(vault);
        var uri = vault.Uri("note.md");
        await session.Open(uri, "[[alpha]]\n");
        await session.Notify("textDocument/didChange", new { textDocument = new { uri, version = "two" }, contentChanges = 5 });
        await session.Notify("workspace/didChangeWatchedFiles", new { changes = new[] { new { uri = "not a uri", type = 2 } } });
        var definition = await session.Request("textDocument/definition", LspSession.At(uri, 0, 3));
        Assert.Equal(vault.Uri("alpha.md"), definition[0].GetProperty("targetUri").GetString());
    }
}
