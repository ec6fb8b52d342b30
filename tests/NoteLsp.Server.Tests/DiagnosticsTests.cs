using System.Text.Json;
using NoteLsp.Server.Tests.Fixture;

namespace NoteLsp.Server.Tests;

public class DiagnosticsTests
{
    private static bool HasCode(JsonElement diagnostics, string code) =>
        diagnostics.EnumerateArray().Any(d => d.GetProperty("code").GetString() == code);

    [Fact]
    public async Task The_whole_vault_is_checked_after_indexing_and_a_broken_link_is_pushed_with_its_exact_range()
    {
        using var vault = SampleVault.Create();
        await using var session = await LspSession.StartAsync(vault);
        var published = await session.Inbox.WaitForDiagnostics(vault.Uri("index.md"), d => d.GetArrayLength() > 0);
        var broken = published.Params.GetProperty("diagnostics").EnumerateArray().Single(d => d.GetProperty("code").GetString() == "link-broken");
        JsonAssert.Equal($$"""
            {
              "range": {{TextAt.Json(SampleVault.Index, "missing_note")}},
              "severity": 2,
              "code": "link-broken",
              "source": "notelsp",
              "message": {{JsonSerializer.Serialize(broken.GetProperty("message").GetString())}}
            }
            """, broken);
        Assert.Contains("missing_note", broken.GetProperty("message").GetString());
        // A closed note is published too (whole vault), and the mismatched timestamp of video.md is reported.
        var video = await session.Inbox.WaitForDiagnostics(vault.Uri("video.md"));
        Assert.True(HasCode(video.Params.GetProperty("diagnostics"), "timestamp-mismatch"));
    }

    [Fact]
    public async Task An_edit_that_breaks_a_link_is_published_at_once_and_only_changed_sets_are_sent_again()
    {
        using var vault = SampleVault.Create();
        await using var session = await LspSession.StartAsync(vault);
        var uri = vault.Uri("beta.md");
        await session.Open(uri, SampleVault.Beta);
        await session.Inbox.EnsureNoMessage("textDocument/publishDiagnostics", p => p.GetProperty("uri").GetString() == uri);

        var (line, start, _, end) = TextAt.Range(SampleVault.Beta, "alpha]]");
        await session.Change(uri, 2, line, start, line, start + 5, "alphx");
        var broken = await session.Inbox.WaitForDiagnostics(uri, d => HasCode(d, "link-broken"));
        Assert.Equal(2, broken.Params.GetProperty("version").GetInt32());
        JsonAssert.Equal(JsonAssert.Range(line, start, line, start + 5), broken.Params.GetProperty("diagnostics")[0].GetProperty("range"));

        // Typing elsewhere keeps the same set: nothing is re-sent.
        await session.Change(uri, 3, 0, 0, 0, 0, "x");
        await session.Inbox.EnsureNoMessage("textDocument/publishDiagnostics", p => p.GetProperty("uri").GetString() == uri);

        await session.Change(uri, 4, line, start, line, start + 5, "alpha");
        var fixedSet = await session.Inbox.WaitForDiagnostics(uri);
        Assert.Equal(0, fixedSet.Params.GetProperty("diagnostics").GetArrayLength());
    }

    [Fact]
    public async Task A_note_created_in_the_editor_fixes_other_notes_links_after_a_short_delay()
    {
        using var vault = SampleVault.Create();
        await using var session = await LspSession.StartAsync(vault);
        await session.Inbox.WaitForDiagnostics(vault.Uri("index.md"), d => HasCode(d, "link-broken"));
        await session.Open(vault.Uri("missing_note.md"), "# Missing note\n");
        var index = await session.Inbox.WaitForDiagnostics(vault.Uri("index.md"));
        Assert.False(HasCode(index.Params.GetProperty("diagnostics"), "link-broken"));
    }

    [Fact]
    public async Task Creating_a_note_on_disk_fixes_another_notes_broken_link_through_watched_files()
    {
        using var vault = SampleVault.Create();
        await using var session = await LspSession.StartAsync(vault);
        var registration = await session.Inbox.WaitFor("client/registerCapability");
        var watchers = registration.Params.GetProperty("registrations")[0];
        Assert.Equal("workspace/didChangeWatchedFiles", watchers.GetProperty("method").GetString());
        var globs = watchers.GetProperty("registerOptions").GetProperty("watchers").EnumerateArray().Select(w => w.GetProperty("globPattern").GetString()).ToList();
        Assert.Equal(["**/*.md", "**/*.markdown", "**/.notelsp.yml", "**/.gitignore", "**/.ignore", "**/*"], globs);

        await session.Inbox.WaitForDiagnostics(vault.Uri("index.md"), d => HasCode(d, "link-broken"));
        vault.Write("missing_note.md", "# Missing note\n");
        await session.Notify("workspace/didChangeWatchedFiles", new { changes = new[] { new { uri = vault.Uri("missing_note.md"), type = 1 } } });
        var index = await session.Inbox.WaitForDiagnostics(vault.Uri("index.md"));
        Assert.False(HasCode(index.Params.GetProperty("diagnostics"), "link-broken"));

        // Deleting it on disk breaks the link again.
        vault.Delete("missing_note.md");
        await session.Notify("workspace/didChangeWatchedFiles", new { changes = new[] { new { uri = vault.Uri("missing_note.md"), type = 3 } } });
        await session.Inbox.WaitForDiagnostics(vault.Uri("index.md"), d => HasCode(d, "link-broken"));
    }

    [Fact]
    public async Task Closing_a_document_falls_back_to_the_disk()
    {
        using var vault = SampleVault.Create();
        await using var session = await LspSession.StartAsync(vault);
        var uri = vault.Uri("beta.md");
        await session.Open(uri, "# Beta Title\n\n[[nowhere]]\n");
        await session.Inbox.WaitForDiagnostics(uri, d => HasCode(d, "link-broken"));
        await session.Close(uri);
        var onDisk = await session.Inbox.WaitForDiagnostics(uri);
        Assert.Equal(0, onDisk.Params.GetProperty("diagnostics").GetArrayLength());
    }

    [Fact]
    public async Task Ambiguity_candidates_come_as_related_information_only_to_clients_that_support_it()
    {
        using var vault = new TempVault(new Dictionary<string, string>
        {
            ["a/same.md"] = "# Same A\n",
            ["b/same.md"] = "# Same B\n",
            ["links.md"] = "See [[same]].\n",
        });
        await using var full = await LspSession.StartAsync(vault, Clients.Full);
        var withRelated = await full.Inbox.WaitForDiagnostics(vault.Uri("links.md"), d => d.GetArrayLength() > 0);
        var diagnostic = withRelated.Params.GetProperty("diagnostics")[0];
        Assert.Equal("link-ambiguous", diagnostic.GetProperty("code").GetString());
        var related = diagnostic.GetProperty("relatedInformation").EnumerateArray().Select(r => r.GetProperty("location").GetProperty("uri").GetString()).ToList();
        Assert.Equal([vault.Uri("a/same.md"), vault.Uri("b/same.md")], related);

        await using var eglot = await LspSession.StartAsync(vault, Clients.Eglot, waitForIndex: false);
        var plain = await eglot.Inbox.WaitForDiagnostics(vault.Uri("links.md"), d => d.GetArrayLength() > 0);
        Assert.False(plain.Params.GetProperty("diagnostics")[0].TryGetProperty("relatedInformation", out _));
    }

    [Fact]
    public async Task A_pull_client_gets_reports_and_no_pushed_diagnostics()
    {
        using var vault = SampleVault.Create();
        await using var session = await LspSession.StartAsync(vault, Clients.Pull);
        var report = await session.Request("textDocument/diagnostic", new { textDocument = new { uri = vault.Uri("index.md") } });
        Assert.Equal("full", report.GetProperty("kind").GetString());
        var items = report.GetProperty("items");
        Assert.Equal("link-broken", items[0].GetProperty("code").GetString());
        JsonAssert.Equal(TextAt.Json(SampleVault.Index, "missing_note"), items[0].GetProperty("range"));

        var resultId = report.GetProperty("resultId").GetString();
        var again = await session.Request("textDocument/diagnostic", new { textDocument = new { uri = vault.Uri("index.md") }, previousResultId = resultId });
        JsonAssert.Equal($$"""{ "kind": "unchanged", "resultId": "{{resultId}}" }""", again);

        var workspace = await session.Request("workspace/diagnostic", new { previousResultIds = Array.Empty<object>() });
        var uris = workspace.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("uri").GetString()).ToList();
        Assert.Equal(new[] { "alpha.md", "beta.md", "index.md", "sub/gamma.md", "video.md" }.Select(vault.Uri), uris);
        var video = workspace.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("uri").GetString() == vault.Uri("video.md"));
        Assert.True(HasCode(video.GetProperty("items"), "timestamp-mismatch"));

        await session.Inbox.EnsureNoMessage("textDocument/publishDiagnostics");
    }

    [Fact]
    public async Task A_pull_client_is_told_to_clear_the_problems_of_a_note_that_is_gone()
    {
        using var vault = new TempVault(new Dictionary<string, string> { ["gone.md"] = "[[missing]]\n", ["kept.md"] = "# Kept\n" });
        await using var session = await LspSession.StartAsync(vault, Clients.Pull);
        var first = await session.Request("workspace/diagnostic", new { previousResultIds = Array.Empty<object>() });
        var previous = first.GetProperty("items").EnumerateArray()
            .Select(i => new { uri = i.GetProperty("uri").GetString(), value = i.GetProperty("resultId").GetString() }).ToArray();

        vault.Delete("gone.md");
        await session.Notify("workspace/didDeleteFiles", new { files = new[] { new { uri = vault.Uri("gone.md") } } });
        var second = await session.Request("workspace/diagnostic", new { previousResultIds = previous });
        var gone = second.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("uri").GetString() == vault.Uri("gone.md"));
        JsonAssert.Equal($$"""{ "kind": "full", "items": [], "uri": "{{vault.Uri("gone.md")}}" }""", gone);
        var kept = second.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("uri").GetString() == vault.Uri("kept.md"));
        Assert.Equal("unchanged", kept.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task With_utf8_positions_a_closed_notes_diagnostic_range_is_in_bytes()
    {
        using var vault = new TempVault(new Dictionary<string, string> { ["note.md"] = "é😀 [[missing]]\n" });
        await using var session = await LspSession.StartAsync(vault, Clients.Utf8);
        var published = await session.Inbox.WaitForDiagnostics(vault.Uri("note.md"), d => d.GetArrayLength() > 0);
        // "é" 2 bytes, "😀" 4, " " 1, "[[" 2: "missing" covers bytes 9..16.
        JsonAssert.Equal(JsonAssert.Range(0, 9, 0, 16), published.Params.GetProperty("diagnostics")[0].GetProperty("range"));
    }

    [Fact]
    public async Task A_timestamp_with_both_times_invalid_gets_one_diagnostic_spanning_both()
    {
        const string text = "---\nvideoId: dQw4w9WgXcQ\n---\n"
            + "<a class=\"yt-timestamp\" data-t=\"16:7\">[16:7]</a>\n"
            + "[1:60:00](#1:60:00)\n"
            + "[2:5](#02:05)\n";
        using var vault = new TempVault(new Dictionary<string, string> { ["video.md"] = text });
        await using var session = await LspSession.StartAsync(vault);
        var published = await session.Inbox.WaitForDiagnostics(vault.Uri("video.md"), d => d.GetArrayLength() > 0);
        var help = "use M:SS or H:MM:SS, minutes and seconds 00\u201359";
        var (htmlLine, htmlStart, _, _) = TextAt.Range(text, "16:7");
        var (_, _, _, htmlEnd) = TextAt.Range(text, "16:7", occurrence: 1);
        var (mdLine, mdStart, _, _) = TextAt.Range(text, "1:60:00");
        var (_, _, _, mdEnd) = TextAt.Range(text, "1:60:00", occurrence: 1);
        // Only the display of the third is invalid: one diagnostic on it alone.
        JsonAssert.Equal($$"""
            [
              {
                "range": {{JsonAssert.Range(htmlLine, htmlStart, htmlLine, htmlEnd)}},
                "severity": 1,
                "code": "timestamp-invalid",
                "source": "notelsp",
                "message": "\"16:7\" is not a video time ({{help}})"
              },
              {
                "range": {{JsonAssert.Range(mdLine, mdStart, mdLine, mdEnd)}},
                "severity": 1,
                "code": "timestamp-invalid",
                "source": "notelsp",
                "message": "\"1:60:00\" is not a video time ({{help}})"
              },
              {
                "range": {{TextAt.Json(text, "2:5")}},
                "severity": 1,
                "code": "timestamp-invalid",
                "source": "notelsp",
                "message": "\"2:5\" is not a video time ({{help}})"
              }
            ]
            """, published.Params.GetProperty("diagnostics"));
    }
}
