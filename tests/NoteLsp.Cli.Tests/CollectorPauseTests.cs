using NoteLsp.VaultGenerator;

namespace NoteLsp.Cli.Tests;

/// <summary>`check` allocates without collections while it reads a warm cache (<see cref="CollectorPause"/>): bounded by memory, and the answers stay the same.</summary>
public sealed class CollectorPauseTests : IDisposable
{
    private const long GiB = 1L << 30;
    private readonly string _vault = Path.Combine(Path.GetTempPath(), "notelsp-pause-vault-" + Guid.NewGuid().ToString("N"));
    private readonly string _cacheDir = Path.Combine(Path.GetTempPath(), "notelsp-pause-cache-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        foreach (var folder in new[] { _vault, _cacheDir })
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void No_cache_file_asks_for_no_region()
    {
        Assert.Null(CollectorPause.Budget(0, 16 * GiB));
        Assert.Null(CollectorPause.Budget(-1, 16 * GiB));
    }

    [Fact]
    public void The_region_grows_with_the_cache_file()
    {
        var small = CollectorPause.Budget(10 << 20, 16 * GiB);
        var large = CollectorPause.Budget(100 << 20, 16 * GiB);

        Assert.NotNull(small);
        Assert.NotNull(large);
        // Room for the whole decoded vault: well over the file itself, and more for the larger cache.
        Assert.True(small > 10L << 20 << 3, $"{small}");
        Assert.True(large > small + (90L << 20 << 3), $"{small} {large}");
    }

    [Fact]
    public void A_region_over_a_quarter_of_the_memory_is_not_asked_for()
    {
        // A 117 MB cache (100,000 notes) wants about 2.6 GB: fine with 16 GiB, not with 4 GiB.
        Assert.NotNull(CollectorPause.Budget(117 << 20, 16 * GiB));
        Assert.Null(CollectorPause.Budget(117 << 20, 4 * GiB));
        // Sizes past any machine do not overflow into a small budget.
        Assert.Null(CollectorPause.Budget(long.MaxValue, 16 * GiB));
        Assert.Null(CollectorPause.Budget(10 << 20, 0));
    }

    [Fact]
    public void A_warm_check_in_its_own_process_prints_what_a_check_without_cache_prints()
    {
        VaultGenerator.VaultGenerator.Generate(new GeneratorOptions { Notes = 300, Seed = 11, ProblemRate = 0.1 }, _vault);
        // Just-written files are "racy" and read again every time; dated back, they come from the cache.
        var old = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        foreach (var file in Directory.EnumerateFiles(_vault, "*", SearchOption.AllDirectories)) File.SetLastWriteTimeUtc(file, old);

        var uncached = Notelsp.Check(_vault, "--format", "json", "--no-cache");
        var cold = Notelsp.Check(_vault, "--format", "json", "--cache-dir", _cacheDir);
        var warm = Notelsp.Check(_vault, "--format", "json", "--cache-dir", _cacheDir);

        Assert.Equal(1, uncached.ExitCode);
        Assert.NotEqual("", uncached.Stdout);
        Assert.Single(Directory.GetFiles(_cacheDir));
        Assert.Equal(uncached.Stdout, cold.Stdout);
        Assert.Equal(uncached.Stdout, warm.Stdout);
        Assert.Equal(uncached.ExitCode, warm.ExitCode);
    }
}
