using System.Diagnostics;
using System.Text.Json;
using NoteLsp.Server.Tests.Fixture;

namespace NoteLsp.Server.Tests.Hostile;

/// <summary>
/// Files of a vault that are not what they claim: FIFOs and devices named like notes or like the config, notes swapped
/// for links out of the vault (announced by the client, or while a scan runs), YAML nested without end, and files the
/// scan skips that arrive through watched-file events and file operations.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // mkfifo, symbolic links to /dev
public class VaultFileTests
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);
    private const string Marker = "OUTSIDE-SECRET-7f3a";

    private static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start("mkfifo", path)!;
        Assert.True(mkfifo.WaitForExit(HangGuard));
        Assert.Equal(0, mkfifo.ExitCode);
    }

    /// <summary>A folder next to the vault, holding a note whose text must never reach the client.</summary>
    private static TempVault Outside()
    {
        var outside = new TempVault();
        outside.Write("secret.md", $"---\ntitle: {Marker}\n---\n# {Marker} heading\n\n{Marker} body\n");
        return outside;
    }

    private static async Task<string> AllSymbols(LspSession session) =>
        (await session.Request("workspace/symbol", new { query = "" }).WaitAsync(HangGuard)).GetRawText();

    private static async Task<string> HoverText(LspSession session, string uri, int line, int character) =>
        (await session.Request("textDocument/hover", LspSession.At(uri, line, character)).WaitAsync(HangGuard)).GetRawText();

    private static Task Watched(LspSession session, string uri, int type) =>
        session.Notify("workspace/didChangeWatchedFiles", new { changes = new[] { new { uri, type } } });

    [Fact]
    public async Task A_fifo_as_config_and_as_a_note_neither_hangs_initialize_nor_a_hover()
    {
        using var vault = new TempVault(new Dictionary<string, string> { ["index.md"] = "# Index\n\nSee [[x]] and [[real]].\n", ["real.md"] = "# Real\n" });
        MakeFifo(vault.PathOf(".notelsp.yml"));
        MakeFifo(vault.PathOf("x.md"));
        var log = new LogSink();

        await using var session = await LspSession.StartAsync(vault, options: log.Options()).WaitAsync(HangGuard);
        await log.WaitForMessage("named pipe");

        // The hover answers (a FIFO is not a note, so [[x]] has nothing to preview), and so does the next request.
        var hover = await HoverText(session, vault.Uri("index.md"), 2, 7);
        Assert.DoesNotContain("/x.md", hover);
        var symbols = await AllSymbols(session);
        Assert.Contains("/real.md", symbols);
        Assert.DoesNotContain("/x.md", symbols);
    }

    [Fact]
    public async Task A_config_linked_to_dev_zero_or_too_big_is_refused_and_the_defaults_are_used()
    {
        foreach (var makeConfig in new Action<TempVault>[]
        {
            v => File.CreateSymbolicLink(v.PathOf(".notelsp.yml"), "/dev/zero"),
            v => v.Write(".notelsp.yml", "extensions: [.txt]\n#" + new string('x', 2 * 1024 * 1024) + "\n"),
        })
        {
            using var vault = new TempVault(new Dictionary<string, string> { ["a.md"] = "# A\n" });
            makeConfig(vault);
            await using var session = await LspSession.StartAsync(vault).WaitAsync(HangGuard);
            var message = await session.Inbox.WaitFor("window/showMessage", p => p.GetProperty("message").GetString()!.Contains(".notelsp.yml"));
            Assert.Contains("not read", message.Params.GetProperty("message").GetString());
            // Defaults: .md files are notes (the oversized config's `extensions: [.txt]` did not apply).
            Assert.Contains("a.md", await AllSymbols(session));
        }
    }

    [Theory]
    [InlineData(1)] // created
    [InlineData(2)] // changed: an indexed note replaced by a link
    public async Task A_note_turned_into_a_link_out_of_the_vault_and_announced_as_a_watched_file_is_not_read(int changeType)
    {
        using var outside = Outside();
        using var vault = new TempVault(new Dictionary<string, string> { ["index.md"] = "# Index\n\nSee [[secret]].\n" });
        if (changeType == 2) vault.Write("secret.md", "# Inside\n");
        await using var session = await LspSession.StartAsync(vault);

        vault.Delete("secret.md");
        File.CreateSymbolicLink(vault.PathOf("secret.md"), outside.PathOf("secret.md"));
        await Watched(session, vault.Uri("secret.md"), changeType);

        Assert.DoesNotContain(Marker, await HoverText(session, vault.Uri("index.md"), 2, 7));
        Assert.DoesNotContain(Marker, await AllSymbols(session));
    }

    [Fact]
    public async Task A_link_out_of_the_vault_announced_by_did_create_files_or_did_rename_files_is_not_read()
    {
        using var outside = Outside();
        using var vault = new TempVault(new Dictionary<string, string> { ["index.md"] = "# Index\n\nSee [[secret]] and [[moved]].\n" });
        await using var session = await LspSession.StartAsync(vault);

        File.CreateSymbolicLink(vault.PathOf("secret.md"), outside.PathOf("secret.md"));
        await session.Notify("workspace/didCreateFiles", new { files = new[] { new { uri = vault.Uri("secret.md") } } });
        File.CreateSymbolicLink(vault.PathOf("moved.md"), outside.PathOf("secret.md"));
        await session.Notify("workspace/didRenameFiles", new { files = new[] { new { oldUri = vault.Uri("gone.md"), newUri = vault.Uri("moved.md") } } });

        Assert.DoesNotContain(Marker, await HoverText(session, vault.Uri("index.md"), 2, 7));
        Assert.DoesNotContain(Marker, await HoverText(session, vault.Uri("index.md"), 2, 22));
        Assert.DoesNotContain(Marker, await AllSymbols(session));
    }

    [Fact]
    public async Task Closing_a_document_that_became_a_link_out_of_the_vault_does_not_read_its_target()
    {
        using var outside = Outside();
        using var vault = new TempVault(new Dictionary<string, string> { ["index.md"] = "# Index\n\nSee [[secret]].\n", ["secret.md"] = "# Inside\n" });
        await using var session = await LspSession.StartAsync(vault);
        await session.Open(vault.Uri("secret.md"), "# Inside\n");
        vault.Delete("secret.md");
        File.CreateSymbolicLink(vault.PathOf("secret.md"), outside.PathOf("secret.md"));

        await session.Close(vault.Uri("secret.md"));

        Assert.DoesNotContain(Marker, await HoverText(session, vault.Uri("index.md"), 2, 7));
        Assert.DoesNotContain(Marker, await AllSymbols(session));
    }

    [Fact]
    public async Task A_note_toggled_between_a_file_and_a_link_out_of_the_vault_while_scanning_never_leaks()
    {
        using var outside = Outside();
        using var vault = new TempVault(new Dictionary<string, string> { ["index.md"] = "# Index\n\nSee [[t]].\n", ["t.md"] = "# Inside\n" });
        await using var session = await LspSession.StartAsync(vault);

        // Swap t.md atomically (rename over it) between a regular file and a link out, as fast as possible, while
        // the server re-reads it on every announced change and the scan re-reads it on every rescan.
        using var stop = new CancellationTokenSource();
        var toggler = Task.Run(() =>
        {
            var staging = vault.PathOf("t.tmp");
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                File.Delete(staging);
                if (i % 2 == 0) File.CreateSymbolicLink(staging, outside.PathOf("secret.md"));
                else File.WriteAllText(staging, "# Inside\n");
                File.Move(staging, vault.PathOf("t.md"), overwrite: true);
            }
        });
        try
        {
            for (var round = 0; round < 150; round++)
            {
                await Watched(session, vault.Uri("t.md"), 2);
                if (round % 50 == 0) await session.Notify("workspace/didChangeConfiguration", new { settings = new { notelsp = new { maxFileBytes = 1_000_000 + round } } });
                Assert.DoesNotContain(Marker, await AllSymbols(session));
                Assert.DoesNotContain(Marker, await HoverText(session, vault.Uri("index.md"), 2, 7));
                var scan = NoteLsp.Core.Files.VaultScanner.Scan(vault.Root, NoteLsp.Core.Config.NoteLspConfig.Default);
                Assert.DoesNotContain(scan.Snapshot.Notes, n => n.Headings.Any(h => h.Text.Contains(Marker)));
            }
        }
        finally
        {
            stop.Cancel();
            await toggler;
        }
    }

    [Fact]
    public async Task Front_matter_nested_60000_levels_is_refused_as_invalid_and_the_server_keeps_serving()
    {
        using var vault = SampleVault.Create();
        vault.Write("deep.md", "---\nx: " + new string('{', 60_000) + "\n---\n# Deep\n\n[[alpha]]\n");
        vault.Write("deep-list.md", "---\nx:\n" + string.Concat(Enumerable.Range(0, 300).Select(i => new string(' ', i) + "-\n")) + "---\n# Deep list\n");
        await using var session = await LspSession.StartAsync(vault).WaitAsync(HangGuard);

        foreach (var note in new[] { "deep.md", "deep-list.md" })
        {
            var published = await session.Inbox.WaitForDiagnostics(vault.Uri(note), d => d.GetArrayLength() > 0);
            var diagnostic = Assert.Single(published.Params.GetProperty("diagnostics").EnumerateArray(), d => d.GetProperty("code").GetString() == "frontmatter-invalid");
            Assert.Contains("64 levels", diagnostic.GetProperty("message").GetString());
        }
        await Alive.AssertStillServes(session, vault);
    }

    [Theory]
    [InlineData("command:notelsp.run?{videoId}&{seconds}")]
    [InlineData("javascript:alert('{videoId}{seconds}')")]
    [InlineData("file:///etc/passwd?{videoId}{seconds}")]
    [InlineData("HTTPS:{videoId}{seconds}")]
    [InlineData("vscode://x/{videoId}/{seconds}")]
    public async Task A_timestamp_url_template_that_is_not_a_web_address_is_refused_from_the_file_and_from_the_client(string template)
    {
        foreach (var fromClient in new[] { false, true })
        {
            using var vault = SampleVault.Create();
            if (!fromClient) vault.Write(".notelsp.yml", $"timestampUrlTemplate: {JsonSerializer.Serialize(template)}\n");
            await using var session = await LspSession.StartAsync(vault, initializationOptions: fromClient ? new { timestampUrlTemplate = template } : null);
            if (fromClient)
            {
                // And the same through didChangeConfiguration.
                await session.Notify("workspace/didChangeConfiguration", new { settings = new { notelsp = new { timestampUrlTemplate = template } } });
            }

            var message = await session.Inbox.WaitFor("window/showMessage", p => p.GetProperty("message").GetString()!.Contains("timestampUrlTemplate"));
            var text = message.Params.GetProperty("message").GetString()!;
            Assert.Contains("https:", text);
            Assert.DoesNotContain(template.Split(':')[0] + ":", text.Replace("https:", "").Replace("http:", "")); // the value is not echoed

            var links = await session.Request("textDocument/documentLink", new { textDocument = new { uri = vault.Uri("video.md") } });
            Assert.Equal("https://www.youtube.com/watch?v=qTogNUV3CAI&t=1007s", links[0].GetProperty("target").GetString());
            var hover = await HoverText(session, vault.Uri("video.md"), 6, 40);
            Assert.DoesNotContain(template.Split(':')[0] + ":", hover.Replace("https:", ""));
        }
    }

    [Theory]
    [InlineData("extensions: 987654", "extensions")]
    [InlineData("extensions: []", "extensions")]
    [InlineData("extensions: [\"*\"]", "extensions")]
    [InlineData("extensions: [\"/\"]", "extensions")]
    [InlineData("extensions: [\".\"]", "extensions")]
    [InlineData("extensions: true", "extensions")]
    [InlineData("maxFileBytes: \"987654x\"", "maxFileBytes")]
    [InlineData("ignore: {a: 987654}", "ignore")]
    [InlineData("severities: 987654", "severities")]
    public async Task A_wrongly_typed_setting_is_reported_without_its_value_and_only_that_key_falls_back(string yaml, string key)
    {
        using var vault = SampleVault.Create();
        vault.Write(".notelsp.yml", yaml + "\n" + (key == "severities" ? "" : "severities: {link-broken: off}\n"));
        await using var session = await LspSession.StartAsync(vault, Clients.Pull);

        var message = (await session.Inbox.WaitFor("window/showMessage", p => p.GetProperty("message").GetString()!.Contains(key))).Params.GetProperty("message").GetString()!;
        Assert.DoesNotContain("987654", message);
        // The notes are still found with the default extensions, and the other key still applies.
        Assert.Contains("alpha.md", await AllSymbols(session));
        if (key != "severities")
        {
            var index = await session.Request("textDocument/diagnostic", new { textDocument = new { uri = vault.Uri("index.md") } });
            Assert.DoesNotContain(index.GetProperty("items").EnumerateArray(), d => d.GetProperty("code").GetString() == "link-broken");
        }
    }

    [Fact]
    public async Task Extensions_of_the_wrong_type_from_the_client_are_reported_and_the_notes_stay()
    {
        using var vault = SampleVault.Create();
        await using var session = await LspSession.StartAsync(vault);
        await session.Notify("workspace/didChangeConfiguration", new { settings = new { notelsp = new { extensions = 987654 } } });

        var message = (await session.Inbox.WaitFor("window/showMessage", p => p.GetProperty("message").GetString()!.Contains("extensions"))).Params.GetProperty("message").GetString()!;
        Assert.DoesNotContain("987654", message);
        Assert.Contains("alpha.md", await AllSymbols(session));
    }

    [Theory]
    [InlineData(false)] // the client sends `settings: null`
    [InlineData(true)] // the client pulls, and workspace/configuration answers null
    public async Task Settings_null_falls_back_to_the_config_file(bool pull)
    {
        using var vault = SampleVault.Create();
        vault.Write(".notelsp.yml", "severities: {link-broken: off}\n");
        var clientSettings = JsonSerializer.SerializeToElement(new { severities = new Dictionary<string, string> { ["link-broken"] = "error" } });
        await using var session = await LspSession.StartAsync(vault, capabilities: pull ? Clients.Eglot : Clients.Full);
        // A pulling client holds its settings in workspace/configuration and says they changed; the other one sends them.
        session.Configuration = clientSettings;
        await session.Notify("workspace/didChangeConfiguration", new { settings = pull ? null : new { notelsp = clientSettings } });
        static bool HasBrokenLink(JsonElement d) => d.EnumerateArray().Any(x => x.GetProperty("code").GetString() == "link-broken");
        var withClientSettings = await session.Inbox.WaitForDiagnostics(vault.Uri("index.md"), HasBrokenLink);

        session.Configuration = null;
        await session.Notify("workspace/didChangeConfiguration", new { settings = (object?)null });
        // Diagnostics published after the client's settings applied, without the broken link again: the file's `off` counts.
        InboxMessage back;
        do back = await session.Inbox.WaitForDiagnostics(vault.Uri("index.md"), d => !HasBrokenLink(d));
        while (back.Sequence < withClientSettings.Sequence);
    }

    /// <summary>
    /// A slow client: the answer to the server's first workspace/configuration question (no settings yet) arrives after
    /// the answer to a later one (the settings the user just set). The older answer must not undo the newer settings.
    /// </summary>
    [Fact]
    public async Task An_older_settings_answer_arriving_last_does_not_undo_newer_settings()
    {
        using var vault = SampleVault.Create();
        vault.Write(".notelsp.yml", "severities: {link-broken: off}\n");
        var clientSettings = JsonSerializer.SerializeToElement(new { severities = new Dictionary<string, string> { ["link-broken"] = "error" } });
        var releaseFirstAnswer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var session = await LspSession.StartAsync(vault, Clients.Eglot, waitForIndex: false,
            beforeInitialize: s => s.BeforeConfigurationAnswer = n => n == 0 ? releaseFirstAnswer.Task : Task.CompletedTask);

        await session.Inbox.WaitFor("workspace/configuration");
        session.Configuration = clientSettings;
        await session.Notify("workspace/didChangeConfiguration", new { settings = (object?)null });
        var deadline = DateTime.UtcNow + Inbox.DefaultTimeout;
        while (session.Inbox.All("workspace/configuration").Count < 2 && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.Equal(2, session.Inbox.All("workspace/configuration").Count);
        // Time for the second answer to be applied before the first one arrives (the server indexes after the first).
        await Task.Delay(300);
        releaseFirstAnswer.SetResult();

        var diagnostics = await session.Inbox.WaitForDiagnostics(vault.Uri("index.md"),
            d => d.EnumerateArray().Any(x => x.GetProperty("code").GetString() == "link-broken"));
        Assert.Equal(1, diagnostics.Params.GetProperty("diagnostics").EnumerateArray().First(x => x.GetProperty("code").GetString() == "link-broken").GetProperty("severity").GetInt32());
    }

    [Fact]
    public async Task Notes_arriving_in_ignored_or_hidden_folders_through_events_and_file_operations_stay_out()
    {
        using var vault = new TempVault(new Dictionary<string, string>
        {
            [".notelsp.yml"] = "ignore: [\"archive/**\"]\n",
            ["index.md"] = "# Index\n\n[[zebra]] [[yak]] [[walrus]] [[vole]] [[moved]]\n",
            ["moved.md"] = "# Moved\n",
        });
        await using var session = await LspSession.StartAsync(vault, Clients.Pull);
        Assert.Contains("moved.md", await AllSymbols(session));

        vault.Write("archive/zebra.md", "# Zebra\n");
        await Watched(session, vault.Uri("archive/zebra.md"), 1);
        vault.Write("archive/deep/yak.md", "# Yak\n");
        await Watched(session, vault.Uri("archive/deep"), 1); // a folder created
        vault.Write(".trash/walrus.md", "# Walrus\n");
        await session.Notify("workspace/didCreateFiles", new { files = new[] { new { uri = vault.Uri(".trash/walrus.md") } } });
        vault.Write("node_modules/vole.md", "# Vole\n");
        await Watched(session, vault.Uri("node_modules/vole.md"), 1);
        Directory.CreateDirectory(vault.PathOf("archive/old"));
        File.Move(vault.PathOf("moved.md"), vault.PathOf("archive/old/moved.md"));
        await session.Notify("workspace/didRenameFiles", new { files = new[] { new { oldUri = vault.Uri("moved.md"), newUri = vault.Uri("archive/old/moved.md") } } });

        var symbols = await AllSymbols(session);
        foreach (var name in new[] { "zebra", "yak", "walrus", "vole", "moved" }) Assert.DoesNotContain(name + ".md", symbols);
        var index = await session.Request("textDocument/diagnostic", new { textDocument = new { uri = vault.Uri("index.md") } });
        Assert.Equal(5, index.GetProperty("items").EnumerateArray().Count(d => d.GetProperty("code").GetString() == "link-broken"));
    }

    [Fact]
    public async Task A_note_announced_under_a_linked_folder_is_indexed_once_under_its_real_path_as_the_scan_does()
    {
        using var vault = new TempVault(new Dictionary<string, string> { ["real/a.md"] = "# Alpha\n" });
        Directory.CreateSymbolicLink(vault.PathOf("mirror"), vault.PathOf("real"));
        await using var session = await LspSession.StartAsync(vault);
        Assert.DoesNotContain("mirror/", await AllSymbols(session)); // the scan lists real/a.md only

        vault.Write("real/b.md", "# Beta\n");
        await Watched(session, vault.Uri("mirror/b.md"), 1);
        await Watched(session, vault.Uri("real/b.md"), 1);

        var symbols = await AllSymbols(session);
        Assert.Contains("real/b.md", symbols);
        Assert.DoesNotContain("mirror/", symbols);
    }

    [Fact]
    public async Task An_ignored_file_opened_in_the_editor_keeps_its_text_but_does_not_join_the_resolution()
    {
        using var vault = new TempVault(new Dictionary<string, string>
        {
            [".notelsp.yml"] = "ignore: [\"archive/**\"]\n",
            ["index.md"] = "# Index\n\n[[zebra]]\n",
            ["archive/zebra.md"] = "# Zebra\n",
        });
        await using var session = await LspSession.StartAsync(vault, Clients.Pull);
        await session.Open(vault.Uri("archive/zebra.md"), "# Zebra\n\nedited\n");
        await session.Close(vault.Uri("archive/zebra.md"));
        await session.Open(vault.Uri("archive/zebra.md"), "# Zebra\n\nedited again\n");

        var index = await session.Request("textDocument/diagnostic", new { textDocument = new { uri = vault.Uri("index.md") } });
        Assert.Single(index.GetProperty("items").EnumerateArray(), d => d.GetProperty("code").GetString() == "link-broken");
        Assert.DoesNotContain("zebra.md", await AllSymbols(session));
    }
}
