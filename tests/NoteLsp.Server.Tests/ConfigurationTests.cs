using System.Text.Json;
using NoteLsp.Server.Tests.Fixture;

namespace NoteLsp.Server.Tests;

public class ConfigurationTests
{
    private static int? SeverityOf(JsonElement diagnostics, string code) =>
        diagnostics.EnumerateArray().Where(d => d.GetProperty("code").GetString() == code).Select(d => (int?)d.GetProperty("severity").GetInt32()).FirstOrDefault();

    [Fact]
    public async Task Vault_file_then_initialization_options_then_did_change_configuration_each_override_the_last()
    {
        using var vault = SampleVault.Create();
        vault.Write(".notelsp.yml", "severities:\n  link-broken: error\n  timestamp-mismatch: hint\n");
        var index = vault.Uri("index.md");

        await using (var fileOnly = await LspSession.StartAsync(vault))
        {
            var published = await fileOnly.Inbox.WaitForDiagnostics(index, d => d.GetArrayLength() > 0);
            Assert.Equal(1, SeverityOf(published.Params.GetProperty("diagnostics"), "link-broken"));
        }

        await using var session = await LspSession.StartAsync(vault, initializationOptions: new { notelsp = new { severities = new Dictionary<string, string> { ["link-broken"] = "information" } } });
        var initial = await session.Inbox.WaitForDiagnostics(index, d => d.GetArrayLength() > 0);
        Assert.Equal(3, SeverityOf(initial.Params.GetProperty("diagnostics"), "link-broken"));
        var video = await session.Inbox.WaitForDiagnostics(vault.Uri("video.md"), d => d.GetArrayLength() > 0);
        Assert.Equal(4, SeverityOf(video.Params.GetProperty("diagnostics"), "timestamp-mismatch")); // the file still counts where not overridden

        await session.Notify("workspace/didChangeConfiguration", new { settings = new { notelsp = new { severities = new Dictionary<string, string> { ["link-broken"] = "off" } } } });
        var rechecked = await session.Inbox.WaitForDiagnostics(index);
        Assert.Null(SeverityOf(rechecked.Params.GetProperty("diagnostics"), "link-broken"));
    }

    [Fact]
    public async Task Changing_the_vault_config_file_rechecks_the_vault()
    {
        using var vault = SampleVault.Create();
        await using var session = await LspSession.StartAsync(vault);
        var index = vault.Uri("index.md");
        await session.Inbox.WaitForDiagnostics(index, d => SeverityOf(d, "link-broken") == 2);
        vault.Write(".notelsp.yml", "severities:\n  link-broken: hint\n");
        await session.Notify("workspace/didChangeWatchedFiles", new { changes = new[] { new { uri = vault.Uri(".notelsp.yml"), type = 1 } } });
        await session.Inbox.WaitForDiagnostics(index, d => SeverityOf(d, "link-broken") == 4);
    }

    [Fact]
    public async Task A_bad_config_file_is_reported_and_the_defaults_are_used()
    {
        using var vault = SampleVault.Create();
        vault.Write(".notelsp.yml", "severities: [unclosed\n");
        await using var session = await LspSession.StartAsync(vault);
        var message = await session.Inbox.WaitFor("window/showMessage");
        Assert.Contains(".notelsp.yml", message.Params.GetProperty("message").GetString());
        var published = await session.Inbox.WaitForDiagnostics(vault.Uri("index.md"), d => d.GetArrayLength() > 0);
        Assert.Equal(2, SeverityOf(published.Params.GetProperty("diagnostics"), "link-broken"));
    }

    [Fact]
    public async Task A_client_with_workspace_configuration_is_asked_for_its_settings()
    {
        using var vault = SampleVault.Create();
        await using var session = LspSession.Create();
        session.Configuration = Clients.Parse("""{ "severities": { "link-broken": "error" } }""");
        await session.Request("initialize", new { rootUri = vault.RootUri, capabilities = Clients.Eglot });
        await session.Notify("initialized", new { });
        var asked = await session.Inbox.WaitFor("workspace/configuration");
        Assert.Equal("notelsp", asked.Params.GetProperty("items")[0].GetProperty("section").GetString());
        await session.Inbox.WaitForDiagnostics(vault.Uri("index.md"), d => SeverityOf(d, "link-broken") == 1);
    }
}
