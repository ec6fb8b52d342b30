using System.Text.Json;
using NoteLsp.Server.Tests.Fixture;

namespace NoteLsp.Server.Tests;

/// <summary>workspace/configuration asked per workspace folder (scopeUri): each vault gets its own folder's settings.</summary>
public class FolderConfigurationTests
{
    private const string Note = "# A\n\nSee [[missing]].\n";

    private static int? SeverityOf(JsonElement diagnostics) =>
        diagnostics.EnumerateArray().Where(d => d.GetProperty("code").GetString() == "link-broken").Select(d => (int?)d.GetProperty("severity").GetInt32()).FirstOrDefault();

    [Fact]
    public async Task Each_vault_gets_the_settings_its_folder_has()
    {
        using var strict = new TempVault(new Dictionary<string, string> { ["a.md"] = Note });
        using var relaxed = new TempVault(new Dictionary<string, string> { ["a.md"] = Note });
        await using var session = LspSession.Create();
        session.ConfigurationByScope = scope =>
            scope == strict.RootUri ? Clients.Parse("""{ "severities": { "link-broken": "error" } }""")
            : scope == relaxed.RootUri ? Clients.Parse("""{ "severities": { "link-broken": "hint" } }""")
            : null;
        await session.Request("initialize", new
        {
            capabilities = Clients.Eglot,
            workspaceFolders = new[] { new { uri = strict.RootUri, name = "strict" }, new { uri = relaxed.RootUri, name = "relaxed" } },
        });
        await session.Notify("initialized", new { });

        var asked = await session.Inbox.WaitFor("workspace/configuration");
        var items = asked.Params.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([strict.RootUri, relaxed.RootUri], items.Select(i => i.GetProperty("scopeUri").GetString()));
        Assert.All(items, i => Assert.Equal("notelsp", i.GetProperty("section").GetString()));
        await session.Inbox.WaitForDiagnostics(strict.Uri("a.md"), d => SeverityOf(d) == 1);
        await session.Inbox.WaitForDiagnostics(relaxed.Uri("a.md"), d => SeverityOf(d) == 4);
    }
}
