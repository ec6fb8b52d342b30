using NoteLsp.Server.Tests.Fixture;

namespace NoteLsp.Server.Tests;

/// <summary>The server's note cache: written after indexing, off the request path; a second start answers from it.</summary>
public sealed class NoteCacheTests : IDisposable
{
    private static readonly DateTime Old = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly string _cacheDir = Path.Combine(Path.GetTempPath(), "notelsp-server-cache-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_cacheDir)) Directory.Delete(_cacheDir, recursive: true);
    }

    private static TempVault Vault()
    {
        var files = Enumerable.Range(0, 8).ToDictionary(i => $"note_{i}.md", i => $"# Note {i}\n\n[[note_{(i + 1) % 8}]]\n");
        files["probe.md"] = "# Probe\n\n[[note_1]]\n";
        var vault = new TempVault(files);
        // Just-written files are "racy" (read again every start); dated back, they can come from the cache.
        foreach (var name in files.Keys) File.SetLastWriteTimeUtc(vault.PathOf(name), Old);
        return vault;
    }

    /// <summary>A session with the cache, and a task that ends when the cache save after indexing ends.</summary>
    private async Task<(LspSession Session, Task<string> Saved)> Start(TempVault vault)
    {
        var saved = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = new ServerOptions { CacheDirectory = _cacheDir, AfterCacheSave = file => saved.TrySetResult(file) };
        return (await LspSession.StartAsync(vault, options: options), saved.Task);
    }

    private static async Task<List<string?>> SymbolNames(LspSession session) =>
        (await session.Request("workspace/symbol", new { query = "" })).EnumerateArray().Select(s => s.GetProperty("name").GetString()).Order().ToList();

    [Fact]
    public async Task A_second_start_answers_from_the_cache_written_after_the_first_indexing()
    {
        using var vault = Vault();
        var (cold, saved) = await Start(vault);
        List<string?> coldNames;
        string cacheFile;
        await using (cold)
        {
            cacheFile = await saved.WaitAsync(TimeSpan.FromSeconds(60));
            coldNames = await SymbolNames(cold);
        }
        Assert.True(File.Exists(cacheFile));
        Assert.StartsWith(_cacheDir, cacheFile);
        // Same size and time, another link target: only a note taken from the cache still links to note_1.
        File.WriteAllText(vault.PathOf("probe.md"), "# Probe\n\n[[note_2]]\n");
        File.SetLastWriteTimeUtc(vault.PathOf("probe.md"), Old);

        var (warm, _) = await Start(vault);
        await using (warm)
        {
            Assert.Equal(coldNames, await SymbolNames(warm));
            var definition = await warm.Request("textDocument/definition", LspSession.At(vault.Uri("probe.md"), 2, 4));
            Assert.Equal(vault.Uri("note_1.md"), definition[0].GetProperty("targetUri").GetString());
        }
    }

    [Fact]
    public async Task A_cache_directory_inside_the_vault_is_not_used_and_the_vault_is_still_indexed()
    {
        using var vault = Vault();
        var inside = vault.PathOf(".cache");
        var options = new ServerOptions { CacheDirectory = inside };
        await using var session = await LspSession.StartAsync(vault, options: options);

        var definition = await session.Request("textDocument/definition", LspSession.At(vault.Uri("probe.md"), 2, 4));

        Assert.Equal(vault.Uri("note_1.md"), definition[0].GetProperty("targetUri").GetString());
        Assert.False(Directory.Exists(inside));
    }
}
