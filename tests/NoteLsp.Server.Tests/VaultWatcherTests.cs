using System.Diagnostics;
using NoteLsp.Server.State;
using NoteLsp.Server.Tests.Fixture;

namespace NoteLsp.Server.Tests;

/// <summary>
/// Files changed outside the editor, for a client that registers no file watchers (Neovim 0.7): the server watches
/// the vault itself. And the editor's process: the server exits when it has died.
/// </summary>
public class VaultWatcherTests
{
    private const string Note = "# A\n\nSee [[b]].\n";

    [Fact]
    public async Task A_note_created_and_deleted_on_disk_is_seen_without_client_watchers()
    {
        using var vault = new TempVault(new Dictionary<string, string> { ["a.md"] = Note });
        await using var session = await LspSession.StartAsync(vault, Clients.Neovim);
        var uri = vault.Uri("a.md");
        await session.Inbox.WaitForDiagnostics(uri, d => d.GetArrayLength() == 1);
        Assert.Empty(session.Inbox.All("client/registerCapability"));
        Assert.Equal([vault.Root], session.Server.VaultWatcher!.Folders);

        vault.Write("b.md", "# B\n");
        await session.Inbox.WaitForDiagnostics(uri, d => d.GetArrayLength() == 0);

        vault.Delete("b.md");
        await session.Inbox.WaitForDiagnostics(uri, d => d.GetArrayLength() == 1);
    }

    [Fact]
    public async Task Files_the_vault_leaves_out_are_not_picked_up_by_the_servers_watcher()
    {
        using var vault = new TempVault(new Dictionary<string, string> { ["a.md"] = Note + "And [[c]].\n", [".gitignore"] = "build/\n" });
        await using var session = await LspSession.StartAsync(vault, Clients.Neovim);
        var uri = vault.Uri("a.md");
        await session.Inbox.WaitForDiagnostics(uri, d => d.GetArrayLength() == 2);

        // The ignored note is written first: by the time the second write shows, the first has been passed over.
        vault.Write("build/c.md", "# C\n");
        vault.Write("b.md", "# B\n");
        var published = await session.Inbox.WaitForDiagnostics(uri, d => d.GetArrayLength() == 1);

        Assert.Contains("\"c\"", published.Params.GetProperty("diagnostics")[0].GetProperty("message").GetString());
        var symbols = await session.Request("workspace/symbol", new { query = "C" });
        Assert.DoesNotContain(symbols.EnumerateArray(), s => s.GetProperty("name").GetString() == "C");
    }

    [Fact]
    public async Task A_client_with_watchers_gets_no_server_watcher()
    {
        using var vault = new TempVault(new Dictionary<string, string> { ["a.md"] = Note });
        await using var session = await LspSession.StartAsync(vault, Clients.Full);

        await session.Inbox.WaitFor("client/registerCapability");
        Assert.Null(session.Server.VaultWatcher);
    }

    [Fact]
    public async Task The_server_exits_with_code_1_when_the_editors_process_has_died()
    {
        var editor = DeadProcessId();
        await using var session = LspSession.Create(new ServerOptions { EditorProcessPoll = TimeSpan.FromMilliseconds(50) });
        await session.Request("initialize", new { processId = editor, capabilities = new { } });

        var code = await session.Server.Completion.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(1, code);
    }

    [Fact]
    public void A_running_process_is_alive_and_an_ended_one_is_not()
    {
        Assert.True(EditorProcessWatch.IsAlive(Environment.ProcessId));
        Assert.False(EditorProcessWatch.IsAlive(DeadProcessId()));
    }

    /// <summary>The id of a process that has just ended (`dotnet --version`, which exists wherever the tests run).</summary>
    private static int DeadProcessId()
    {
        var host = Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet";
        using var process = Process.Start(new ProcessStartInfo(host, "--version") { RedirectStandardOutput = true, UseShellExecute = false })!;
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.Id;
    }
}
