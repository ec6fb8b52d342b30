using System.Text.Json;
using NoteLsp.Server.Tests.Fixture;

namespace NoteLsp.Server.Tests;

public class FileOperationTests
{
    private static bool HasCode(JsonElement diagnostics, string code) =>
        diagnostics.EnumerateArray().Any(d => d.GetProperty("code").GetString() == code);

    [Fact]
    public async Task Moving_a_folder_rewrites_relative_markdown_links_to_and_from_its_notes()
    {
        using var vault = new TempVault(new Dictionary<string, string>
        {
            ["top.md"] = "[in](folder/inner.md) and [[folder/inner]]\n",
            ["folder/inner.md"] = "[up](../top.md)\n",
        });
        await using var session = await LspSession.StartAsync(vault);
        var edit = await session.Request("workspace/willRenameFiles", new
        {
            files = new[] { new { oldUri = vault.Uri("folder"), newUri = vault.Uri("deep/moved") } },
        });
        EditApplier.Apply(edit);
        Assert.Equal("[in](deep/moved/inner.md) and [[moved/inner]]\n", vault.Read("top.md"));
        Assert.Equal("[up](../../top.md)\n", vault.Read("folder/inner.md"));
    }

    [Fact]
    public async Task Did_rename_and_did_delete_files_update_the_index()
    {
        using var vault = new TempVault(new Dictionary<string, string>
        {
            ["target.md"] = "No heading: the title is the stem.\n",
            ["links.md"] = "[[target]]\n",
        });
        await using var session = await LspSession.StartAsync(vault);
        File.Move(vault.PathOf("target.md"), vault.PathOf("elsewhere.md"));
        await session.Notify("workspace/didRenameFiles", new { files = new[] { new { oldUri = vault.Uri("target.md"), newUri = vault.Uri("elsewhere.md") } } });
        await session.Inbox.WaitForDiagnostics(vault.Uri("links.md"), d => HasCode(d, "link-broken"));

        vault.Write("target.md", "# Target again\n");
        await session.Notify("workspace/didCreateFiles", new { files = new[] { new { uri = vault.Uri("target.md") } } });
        await session.Inbox.WaitForDiagnostics(vault.Uri("links.md"), d => d.GetArrayLength() == 0);

        vault.Delete("target.md");
        await session.Notify("workspace/didDeleteFiles", new { files = new[] { new { uri = vault.Uri("target.md") } } });
        await session.Inbox.WaitForDiagnostics(vault.Uri("links.md"), d => HasCode(d, "link-broken"));
    }

    [Fact]
    public async Task A_pull_client_with_refresh_support_is_asked_to_pull_again_after_a_change()
    {
        using var vault = SampleVault.Create();
        var capabilities = Clients.With(Clients.Pull, "workspace", """{ "diagnostics": { "refreshSupport": true } }""");
        await using var session = await LspSession.StartAsync(vault, capabilities, waitForIndex: false);
        await session.Open(vault.Uri("new.md"), "# New\n");
        await session.Inbox.WaitFor("workspace/diagnostic/refresh");
    }

    [Fact]
    public async Task Added_and_removed_workspace_folders_become_and_stop_being_vaults()
    {
        using var first = new TempVault(new Dictionary<string, string> { ["a.md"] = "[[b]]\n" });
        using var second = new TempVault(new Dictionary<string, string> { ["b.md"] = "[[nothing]]\n" });
        await using var session = await LspSession.StartAsync(first);
        await session.Inbox.WaitForDiagnostics(first.Uri("a.md"), d => HasCode(d, "link-broken"));
        await session.Notify("workspace/didChangeWorkspaceFolders", new
        {
            @event = new { added = new[] { new { uri = second.RootUri, name = "second" } }, removed = Array.Empty<object>() },
        });
        await session.Inbox.WaitForDiagnostics(second.Uri("b.md"), d => HasCode(d, "link-broken"));
        await session.Notify("workspace/didChangeWorkspaceFolders", new
        {
            @event = new { added = Array.Empty<object>(), removed = new[] { new { uri = second.RootUri, name = "second" } } },
        });
        await session.Inbox.WaitForDiagnostics(second.Uri("b.md"), d => d.GetArrayLength() == 0);
    }
}
