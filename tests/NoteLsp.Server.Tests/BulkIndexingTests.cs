using System.Text.Json;
using NoteLsp.Core.Config;
using NoteLsp.Core.Diagnostics;
using NoteLsp.Core.Files;
using NoteLsp.Server.Tests.Fixture;

namespace NoteLsp.Server.Tests;

/// <summary>
/// The server builds a vault's snapshot from all scanned notes at once (Workspace.PublishScanned): while it reads, requests
/// see what is read so far; once indexed, it answers exactly what `notelsp check` (VaultScanner.Scan) finds.
/// </summary>
public class BulkIndexingTests
{
    private static Dictionary<string, string> Files()
    {
        var files = new Dictionary<string, string>();
        for (var i = 0; i < 12; i++)
        {
            // Links forward and backward across batches, a broken one every third note, an attachment link every fourth.
            var body = $"# Topic {i:D2}\n\n[[note_{(i + 5) % 12:D2}]] [[Topic {(i + 7) % 12:D2}]]";
            if (i % 3 == 0) body += $" [[missing {i}]]";
            if (i % 4 == 0) body += " ![[pic.png]] [[gone.pdf]]";
            files[$"note_{i:D2}.md"] = body + "\n";
        }
        files["sub/pic.png"] = "not an image";
        files["note_07.md"] = "# Topic 07 on disk\n\n[[note_00]] [[nowhere on disk]]\n";
        return files;
    }

    [Fact]
    public async Task A_request_during_indexing_is_answered_and_afterwards_answers_equal_a_check()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = new ServerOptions
        {
            IndexBatchSize = 2,
            BeforeIndexBatch = async (batch, token) =>
            {
                if (batch != 3) return;
                held.TrySetResult();
                await release.Task.WaitAsync(token);
            },
        };
        using var vault = new TempVault(Files());
        await using var session = await LspSession.StartAsync(vault, options: options, waitForIndex: false);
        await held.Task.WaitAsync(TimeSpan.FromSeconds(10));

        // During indexing: answered from the notes published so far (the first batch at least), none unread.
        var during = (await session.Request("workspace/symbol", new { query = "Topic" })).EnumerateArray()
            .Select(s => s.GetProperty("name").GetString()!).ToList();
        Assert.Contains("Topic 00", during);
        Assert.Contains("Topic 01", during);
        Assert.DoesNotContain("Topic 11", during);
        // An open document's text wins over the disk, also over what the scan reads later.
        var open = vault.Uri("note_07.md");
        await session.Open(open, "# Topic 07 in the editor\n\n[[note_00]] [[nowhere in the editor]]\n");

        release.SetResult();
        await session.WaitForIndexed();

        var expected = CheckDiagnostics(vault, ("note_07.md", "# Topic 07 in the editor\n\n[[note_00]] [[nowhere in the editor]]\n"));
        Assert.NotEmpty(expected);
        foreach (var (path, diagnostics) in expected)
        {
            var published = await session.Inbox.WaitForDiagnostics(vault.Uri(path), d => d.GetArrayLength() > 0);
            var actual = published.Params.GetProperty("diagnostics").EnumerateArray().Select(Describe).ToList();
            Assert.Equal(diagnostics, actual);
        }
        // Notes without problems get no (empty) publish at all.
        var withDiagnostics = session.Inbox.All("textDocument/publishDiagnostics").Select(m => m.Params.GetProperty("uri").GetString()!).Distinct().Order().ToList();
        Assert.Equal(expected.Keys.Select(vault.Uri).Order().ToList(), withDiagnostics);

        var symbols = (await session.Request("workspace/symbol", new { query = "Topic" })).EnumerateArray()
            .Select(s => s.GetProperty("name").GetString()!).Order().ToList();
        var titles = Enumerable.Range(0, 12).Select(i => i == 7 ? "Topic 07 in the editor" : $"Topic {i:D2}").Order().ToList();
        Assert.Equal(titles, symbols);
    }

    /// <summary>What `check` reports for each note with problems, as "line:character code", with the open document's text in place of the disk's.</summary>
    private static Dictionary<string, List<string>> CheckDiagnostics(TempVault vault, (string Path, string Text) open)
    {
        var snapshot = VaultScanner.Scan(vault.Root, NoteLspConfig.Default).Snapshot;
        snapshot = snapshot.WithNote(Core.Parsing.NoteParser.Parse(open.Path, open.Text));
        return snapshot.Notes
            .Select(note => (note.Path, Diagnostics: NoteDiagnostics.Compute(snapshot, note, DiagnosticOptions.Default)
                .Select(d => $"{d.Range.Start.Line}:{d.Range.Start.Character} {d.Id}").ToList()))
            .Where(p => p.Diagnostics.Count > 0)
            .ToDictionary(p => p.Path, p => p.Diagnostics);
    }

    private static string Describe(JsonElement diagnostic)
    {
        var start = diagnostic.GetProperty("range").GetProperty("start");
        return $"{start.GetProperty("line").GetInt32()}:{start.GetProperty("character").GetInt32()} {diagnostic.GetProperty("code").GetString()}";
    }
}
