using System.Text.Json;
using NoteLsp.Core.Config;
using NoteLsp.Server.Protocol;

namespace NoteLsp.Server.State;

/// <summary>Client settings (initializationOptions, didChangeConfiguration) and each vault's `.notelsp.yml`, merged into its config.</summary>
public sealed partial class Workspace
{
    /// <summary>The `notelsp` settings from initializationOptions (before any vault exists).</summary>
    public void SetInitializationSettings(JsonElement? settings) =>
        Update(view => (view with { InitializationSettings = settings?.Clone() }, 0));

    /// <summary>New client settings (the `notelsp` section). Returns the ids of vaults whose file set may have changed (rescan) and of all vaults (re-check).</summary>
    public (IReadOnlyList<string> Rescan, IReadOnlyList<string> Recheck) ApplyClientSettings(JsonElement? settings)
    {
        var messages = new List<string>();
        var result = Update(view =>
        {
            // `settings: null` (or a workspace/configuration answer of null) takes back what the client set through
            // didChangeConfiguration, so `.notelsp.yml` (under initializationOptions, the client's start-up settings) counts again.
            var present = JsonValues.IsPresent(settings);
            if (!present && !JsonValues.IsPresent(view.ChangedSettings)) return (view, ((IReadOnlyList<string>)[], (IReadOnlyList<string>)[]));
            view = view with { ChangedSettings = present ? settings!.Value.Clone() : null };
            var rescan = new List<string>();
            foreach (var vault in view.Vaults)
            {
                var config = Effective(vault.DiskConfig, view, out var error, vault.FolderSettings);
                if (error is not null) messages.Add(error);
                if (NeedsRescan(vault.Config, config) && !vault.IsSingleNote) rescan.Add(vault.Id);
                view = view.WithVault(vault with { Config = config, Snapshot = vault.Snapshot.WithNoteExtensions(config.Extensions) });
            }
            return (view, ((IReadOnlyList<string>)rescan, (IReadOnlyList<string>)view.Vaults.Select(v => v.Id).ToList()));
        });
        foreach (var message in messages.Distinct()) UserMessage?.Invoke(message);
        return result;
    }

    /// <summary>
    /// The client's settings for each vault's folder (workspace/configuration with the folder as scopeUri), by vault
    /// id; null for a folder takes its own settings back. Returns the vaults to rescan and to re-check, as
    /// <see cref="ApplyClientSettings"/> does.
    /// </summary>
    public (IReadOnlyList<string> Rescan, IReadOnlyList<string> Recheck) ApplyFolderSettings(IReadOnlyDictionary<string, JsonElement?> settingsByVault)
    {
        var messages = new List<string>();
        var result = Update(view =>
        {
            var rescan = new List<string>();
            var recheck = new List<string>();
            foreach (var (id, settings) in settingsByVault)
            {
                if (view.VaultById(id) is not { } vault) continue;
                var folderSettings = JsonValues.IsPresent(settings) ? settings!.Value.Clone() : (JsonElement?)null;
                var config = Effective(vault.DiskConfig, view, out var error, folderSettings);
                if (error is not null) messages.Add(error);
                if (NeedsRescan(vault.Config, config) && !vault.IsSingleNote) rescan.Add(vault.Id);
                recheck.Add(vault.Id);
                view = view.WithVault(vault with { FolderSettings = folderSettings, Config = config, Snapshot = vault.Snapshot.WithNoteExtensions(config.Extensions) });
            }
            return (view, ((IReadOnlyList<string>)rescan, (IReadOnlyList<string>)recheck));
        });
        foreach (var message in messages.Distinct()) UserMessage?.Invoke(message);
        return result;
    }

    /// <summary>`.notelsp.yml` changed on disk: reload it. True when the vault must be rescanned (its file set may differ).</summary>
    public bool ReloadDiskConfig(string vaultId)
    {
        var root = Current.VaultById(vaultId)?.Root;
        if (root is null) return false;
        var (disk, error) = LoadDiskConfig(root);
        if (error is not null) UserMessage?.Invoke(error);
        return Update(view =>
        {
            if (view.VaultById(vaultId) is not { } vault) return (view, false);
            var config = Effective(disk, view, out _, vault.FolderSettings);
            var rescan = NeedsRescan(vault.Config, config);
            return (view.WithVault(vault with { DiskConfig = disk, Config = config, Snapshot = vault.Snapshot.WithNoteExtensions(config.Extensions) }), rescan);
        });
    }

    private static bool NeedsRescan(NoteLspConfig before, NoteLspConfig after) =>
        !before.Extensions.SequenceEqual(after.Extensions) || !before.Ignore.SequenceEqual(after.Ignore) || !before.IgnoreFileRules.SequenceEqual(after.IgnoreFileRules) || before.MaxFileBytes != after.MaxFileBytes;

    private (NoteLspConfig Config, string? Error) LoadDiskConfig(string root)
    {
        try
        {
            var result = ConfigLoader.Load(root);
            if (result.Error is not null) log.Warning("Config {Root}/{File}: {Error}", root, NoteLspConfig.FileName, result.Error);
            return (result.Config, result.Error is null ? null : $"{NoteLspConfig.FileName} in {root}: {result.Error} (defaults used)");
        }
        catch (Exception e)
        {
            log.Error(e, "Reading the config of {Root} failed; using defaults", root);
            return (NoteLspConfig.Default, null);
        }
    }

    /// <summary>
    /// `.notelsp.yml` &lt; initializationOptions &lt; didChangeConfiguration &lt; the vault's own folder settings
    /// (workspace/configuration for its scopeUri). The settings use the same keys as `.notelsp.yml`; JSON is YAML,
    /// so the one config parser reads both.
    /// </summary>
    private NoteLspConfig Effective(NoteLspConfig disk, WorkspaceView view, out string? error, JsonElement? folderSettings = null)
    {
        error = null;
        var config = disk;
        foreach (var layer in new[] { view.InitializationSettings, view.ChangedSettings, folderSettings })
        {
            if (!JsonValues.IsPresent(layer) || layer!.Value.ValueKind != JsonValueKind.Object) continue;
            try
            {
                var result = ConfigLoader.Parse(layer.Value.GetRawText(), config);
                if (result.Error is not null)
                {
                    error = $"NoteLsp settings from the editor: {result.Error}";
                    log.Warning("{Error}", error);
                }
                config = result.Config;
            }
            catch (Exception e)
            {
                log.Error(e, "Applying the client's settings failed; using the vault's config");
            }
        }
        return config;
    }
}
