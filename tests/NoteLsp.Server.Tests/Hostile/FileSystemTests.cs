using System.Diagnostics;
using System.Text.Json;
using NoteLsp.Server.Tests.Fixture;

namespace NoteLsp.Server.Tests.Hostile;

/// <summary>
/// A vault that changes or misbehaves under the server: files vanishing mid-scan, unreadable files and folders,
/// link loops, paths past PATH_MAX, names that are not UTF-8, the whole vault deleted. The server logs what it
/// skipped and keeps answering.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // Unix permissions, sh, non-UTF-8 names
public class FileSystemTests
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    private static bool IsRoot => Environment.UserName == "root" || (OperatingSystem.IsLinux() && File.ReadAllText("/proc/self/status").Contains("\nUid:\t0\t"));

    /// <summary>Runs a bash command in the folder (dash cannot cd past PATH_MAX) (for what .NET cannot make: paths past PATH_MAX, non-UTF-8 names).</summary>
    private static void Shell(string folder, string script)
    {
        var start = new ProcessStartInfo("bash") { WorkingDirectory = folder, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(HangGuard), "the shell command hung");
        Assert.True(process.ExitCode == 0, $"`{script}` failed: {error}");
    }

    private static async Task<List<string>> NotePaths(LspSession session, TempVault vault)
    {
        var symbols = await session.Request("workspace/symbol", new { query = "" }).WaitAsync(HangGuard);
        return symbols.EnumerateArray()
            .Where(s => s.GetProperty("kind").GetInt32() == 1) // File: one per note
            .Select(s => s.GetProperty("location").GetProperty("uri").GetString()!)
            .Select(uri => uri[(vault.RootUri.Length + 1)..])
            .Distinct()
            .OrderBy(p => p, StringComparer.Ordinal)
            .ToList();
    }

    [Fact]
    public async Task A_note_deleted_between_listing_and_reading_is_logged_and_the_rest_is_indexed()
    {
        using var vault = SampleVault.Create();
        var log = new LogSink();
        var options = log.Options(new ServerOptions
        {
            IndexBatchSize = 1,
            // Notes are read one batch ahead: at the first merge, the fourth note (sub/gamma.md) is not read yet.
            BeforeIndexBatch = (batch, _) =>
            {
                if (batch == 0) vault.Delete("sub/gamma.md");
                return Task.CompletedTask;
            },
        });
        await using var session = await LspSession.StartAsync(vault, options: options);
        await log.WaitForMessage("no longer exists");
        var index = await session.Inbox.WaitForDiagnostics(vault.Uri("index.md"), d => d.GetArrayLength() > 0);
        Assert.Contains(index.Params.GetProperty("diagnostics").EnumerateArray(), d => d.GetProperty("message").GetString()!.Contains("sub/gamma.md"));
        await Alive.AssertStillServes(session, vault);
        Assert.Empty(log.Errors());
    }

    [Fact]
    public async Task Unreadable_files_and_folders_are_skipped_with_a_logged_reason()
    {
        using var vault = SampleVault.Create();
        vault.Write("locked/secret.md", "# Secret\n");
        vault.Write("locked-file.md", "# Locked file\n");
        File.SetUnixFileMode(vault.PathOf("locked-file.md"), UnixFileMode.None);
        File.SetUnixFileMode(vault.PathOf("locked"), UnixFileMode.None);
        var log = new LogSink();
        try
        {
            await using var session = await LspSession.StartAsync(vault, options: log.Options());
            var notes = await NotePaths(session, vault);
            if (IsRoot)
            {
                // Root reads through any permission: only "nothing breaks" can be checked here (see docs/robustness.md).
                Assert.Contains("locked-file.md", notes);
            }
            else
            {
                await log.WaitForMessage("permission denied");
                Assert.DoesNotContain("locked-file.md", notes);
                Assert.DoesNotContain("locked/secret.md", notes);
            }
            Assert.Contains("alpha.md", notes);
            await Alive.AssertStillServes(session, vault);
            Assert.Empty(log.Errors());
        }
        finally
        {
            File.SetUnixFileMode(vault.PathOf("locked"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [Fact]
    public async Task Symbolic_link_loops_end_and_every_note_is_indexed_once()
    {
        using var vault = SampleVault.Create();
        Directory.CreateSymbolicLink(vault.PathOf("loop"), ".");
        Directory.CreateSymbolicLink(vault.PathOf("sub/back"), "..");
        File.CreateSymbolicLink(vault.PathOf("self.md"), "self.md");
        File.CreateSymbolicLink(vault.PathOf("ping.md"), "pong.md");
        File.CreateSymbolicLink(vault.PathOf("pong.md"), "ping.md");
        var log = new LogSink();
        await using var session = await LspSession.StartAsync(vault, options: log.Options());
        Assert.Equal(["alpha.md", "beta.md", "index.md", "sub/gamma.md", "video.md"], await NotePaths(session, vault));
        await log.WaitForMessage("loops");
        await Alive.AssertStillServes(session, vault);
        Assert.Empty(log.Errors());
    }

    [Fact]
    public async Task A_path_longer_than_4096_bytes_is_skipped_and_the_rest_is_indexed()
    {
        var vault = SampleVault.Create();
        // 25 folders of 200 characters: 5,000+ bytes, past Linux's PATH_MAX, made one relative step at a time.
        var name = new string('d', 200);
        Shell(vault.Root, $"for i in $(seq 1 25); do mkdir {name} && cd {name} || exit 1; done; printf '# Deep\\n[[alpha]]\\n' > deep.md");
        var log = new LogSink();
        try
        {
            await using var session = await LspSession.StartAsync(vault, options: log.Options());
            var notes = await NotePaths(session, vault);
            Assert.Contains("alpha.md", notes);
            Assert.DoesNotContain(notes, n => n.EndsWith("deep.md", StringComparison.Ordinal) && n.Length < 4096);
            await Alive.AssertStillServes(session, vault);
            // A request about a path that long is answered too.
            var deepUri = vault.RootUri + string.Concat(Enumerable.Repeat("/" + name, 25)) + "/deep.md";
            await session.Request("textDocument/documentSymbol", new { textDocument = new { uri = deepUri } }).WaitAsync(HangGuard);
            Assert.Empty(log.Errors());
        }
        finally
        {
            // .NET cannot delete a tree past PATH_MAX (Directory.Delete throws ArgumentException); rm can.
            Shell(vault.Root, $"rm -rf {name}");
            vault.Dispose();
        }
    }

    [Fact]
    public async Task A_file_name_that_is_not_utf8_does_not_stop_indexing()
    {
        using var vault = SampleVault.Create();
        Shell(vault.Root, "printf '# Latin1\\n[[alpha]] [[nowhere_latin]]\\n' > \"$(printf 'caf\\351.md')\"");
        var log = new LogSink();
        await using var session = await LspSession.StartAsync(vault, options: log.Options());
        var notes = await NotePaths(session, vault);
        Assert.Contains("alpha.md", notes);
        Assert.Equal(6, Directory.GetFiles(vault.Root, "*.md", SearchOption.AllDirectories).Length);
        await Alive.AssertStillServes(session, vault);
        Assert.Empty(log.Errors());
    }

    [Fact]
    public async Task The_vault_folder_deleted_while_the_server_runs_leaves_it_answering()
    {
        using var vault = SampleVault.Create();
        var log = new LogSink();
        await using var session = await LspSession.StartAsync(vault, options: log.Options());
        var beta = vault.Uri("beta.md");
        await session.Open(beta, SampleVault.Beta);
        Directory.Delete(vault.Root, recursive: true);

        // The editor reports the deletions; the open note stays (its text is in the editor), the others go.
        await session.Notify("workspace/didChangeWatchedFiles", new
        {
            changes = SampleVault.Files().Keys.Select(p => new { uri = vault.Uri(p), type = 3 }).Append(new { uri = vault.RootUri, type = 3 }).ToArray(),
        });
        await session.Change(beta, 2, 2, 0, 2, 0, "Now [[index]] too. ");
        var definition = await session.Request("textDocument/definition", LspSession.At(beta, 2, 6)).WaitAsync(HangGuard);
        Assert.Equal(JsonValueKind.Null, definition.ValueKind);
        var broken = await session.Inbox.WaitForDiagnostics(beta, d => d.GetArrayLength() == 2);
        Assert.All(broken.Params.GetProperty("diagnostics").EnumerateArray(), d => Assert.Equal("link-broken", d.GetProperty("code").GetString()));

        // A settings change that rescans finds no folder: logged, nothing thrown.
        await session.Notify("workspace/didChangeConfiguration", new { settings = new { notelsp = new { ignore = new[] { "drafts/**" } } } });
        await log.WaitForMessage("does not exist");
        await session.Close(beta);
        await session.Request("workspace/symbol", new { query = "" }).WaitAsync(HangGuard);
        Assert.Empty(log.Errors());
    }
}
