using System.Text.Json;
using NoteLsp.Server.Protocol;
using NoteLsp.Server.State;
using NoteLsp.Server.Transport;

namespace NoteLsp.Server.Handlers;

/// <summary>
/// The client's `notelsp` settings, however they arrive: initializationOptions, didChangeConfiguration (pushed) or
/// workspace/configuration (pulled). Applying them rescans or rechecks the vaults they change.
/// </summary>
public sealed class SettingsSync(Workspace workspace, DiagnosticsService diagnostics, Indexer indexer, ClientConnection connection, Func<ClientFeatures> client)
{
    /// <summary>
    /// Counts the settings asked for or received. Two pulls can be in flight at once (the one after `initialized` and one
    /// a didChangeConfiguration asks for), and their answers can come back in either order: only the answer to the last
    /// question is applied, or an older answer would undo the newer settings.
    /// </summary>
    private long _version;

    private readonly Lock _gate = new();

    /// <summary>Settings may come wrapped in a `notelsp` section or bare.</summary>
    public static JsonElement? Section(JsonElement? settings)
    {
        if (!JsonValues.IsPresent(settings) || settings!.Value.ValueKind != JsonValueKind.Object) return null;
        return settings.Value.TryGetProperty("notelsp", out var section) ? section : settings;
    }

    /// <summary>
    /// Clients with workspace/configuration hold their settings there (eglot, VS Code). With folder vaults, one item per
    /// vault with its folder as scopeUri, so a folder's own settings apply to its own vault; otherwise one unscoped item.
    /// </summary>
    public async Task PullAsync()
    {
        if (!client().ConfigurationRequest) return;
        var version = Interlocked.Increment(ref _version);
        var folders = workspace.Current.Vaults.Where(v => !v.IsSingleNote).ToList();
        if (folders.Count > 0)
        {
            await PullFolderSettingsAsync(folders, version).ConfigureAwait(false);
            return;
        }
        var result = await connection.RequestAsync<JsonElement?>(LspMethods.Configuration,
            new ConfigurationParams([new ConfigurationItem(null, "notelsp")]), CancellationToken.None).ConfigureAwait(false);
        if (result is { ValueKind: JsonValueKind.Array } array && array.GetArrayLength() > 0 && array[0].ValueKind == JsonValueKind.Object)
        {
            ApplyIfLatest(version, array[0]);
        }
        else if (!JsonValues.IsPresent(result) || result is { ValueKind: JsonValueKind.Array } nulls && nulls.GetArrayLength() > 0 && !JsonValues.IsPresent(nulls[0]))
        {
            // The client has no `notelsp` settings (any more): `.notelsp.yml` counts again.
            ApplyIfLatest(version, null);
        }
    }

    private async Task PullFolderSettingsAsync(IReadOnlyList<Vault> folders, long version)
    {
        var items = folders.Select(v => new ConfigurationItem(Conversion.DocumentUri.FromLocalPath(v.Root), "notelsp")).ToList();
        var result = await connection.RequestAsync<JsonElement?>(LspMethods.Configuration, new ConfigurationParams(items), CancellationToken.None).ConfigureAwait(false);
        if (result is not { ValueKind: JsonValueKind.Array } answers) return;
        var settings = new Dictionary<string, JsonElement?>(WorkspaceView.PathComparer);
        // The answer has one element per item, in order; a short answer leaves the remaining vaults as they are.
        for (var i = 0; i < folders.Count && i < answers.GetArrayLength(); i++)
        {
            settings[folders[i].Id] = answers[i].ValueKind == JsonValueKind.Object ? Section(answers[i]) : null;
        }
        lock (_gate)
        {
            if (Interlocked.Read(ref _version) != version) return; // a later question's answer is (or will be) applied
            var (rescan, recheck) = workspace.ApplyFolderSettings(settings);
            foreach (var id in recheck.Except(rescan)) diagnostics.RecheckVault(id);
            if (rescan.Count > 0) _ = indexer.Start(rescan);
        }
    }

    /// <summary>Applies the client's `notelsp` settings; null means it has none (any it set before are dropped).</summary>
    public void Apply(JsonElement? settings)
    {
        lock (_gate)
        {
            // Settings pushed now are newer than the answer to any pull still in flight.
            Interlocked.Increment(ref _version);
            ApplyClientSettings(settings);
        }
    }

    private void ApplyIfLatest(long version, JsonElement? settings)
    {
        lock (_gate)
        {
            if (Interlocked.Read(ref _version) == version) ApplyClientSettings(settings);
        }
    }

    private void ApplyClientSettings(JsonElement? settings)
    {
        var (rescan, recheck) = workspace.ApplyClientSettings(settings);
        foreach (var id in recheck.Except(rescan)) diagnostics.RecheckVault(id);
        if (rescan.Count > 0) indexer.Start(rescan);
    }
}
