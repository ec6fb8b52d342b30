using NoteLsp.VaultGenerator;

namespace NoteLsp.Cli.Tests;

/// <summary>`notelsp check` with the note cache: a second run on an unchanged vault answers the same from the cache; --no-cache and a bad cache folder leave no file.</summary>
public sealed class CheckCacheTests : IDisposable
{
    private static readonly DateTime Old = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly string _vault = Path.Combine(Path.GetTempPath(), "notelsp-cache-vault-" + Guid.NewGuid().ToString("N"));
    private readonly string _cacheDir = Path.Combine(Path.GetTempPath(), "notelsp-cache-dir-" + Guid.NewGuid().ToString("N"));

    public CheckCacheTests()
    {
        VaultGenerator.VaultGenerator.Generate(new GeneratorOptions { Notes = 120, Seed = 3, ProblemRate = 0.1 }, _vault);
        // Just-written files are "racy" and read again every time; dated back, they can come from the cache.
        foreach (var file in Directory.EnumerateFiles(_vault, "*", SearchOption.AllDirectories)) File.SetLastWriteTimeUtc(file, Old);
    }

    public void Dispose()
    {
        foreach (var folder in new[] { _vault, _cacheDir })
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (DirectoryNotFoundException)
            {
            }
        }
    }

    private RunResult Check(string? cacheDirectory) =>
        Notelsp.CheckInProcess(_vault, new CheckSettings { Format = CheckFormat.Json, WorkingDirectory = _vault, CacheDirectory = cacheDirectory });

    private string[] CacheFiles() => Directory.Exists(_cacheDir) ? Directory.GetFiles(_cacheDir) : [];

    [Fact]
    public void A_second_check_answers_from_the_cache_exactly_as_the_first()
    {
        var uncached = Check(null);
        var cold = Check(_cacheDir);
        var cacheFile = Assert.Single(CacheFiles());
        var written = File.GetLastWriteTimeUtc(cacheFile);

        var warm = Check(_cacheDir);

        Assert.Equal(uncached.Stdout, cold.Stdout);
        Assert.Equal(uncached.Stdout, warm.Stdout);
        Assert.Equal(uncached.ExitCode, warm.ExitCode);
        Assert.DoesNotContain("cache", warm.Stderr);
        // Nothing changed, so the warm run had nothing new to write.
        Assert.Equal(written, File.GetLastWriteTimeUtc(Assert.Single(CacheFiles())));
    }

    [Fact]
    public void A_note_whose_size_and_time_are_unchanged_is_not_read_again_and_one_that_changed_is()
    {
        File.WriteAllText(Path.Combine(_vault, "Probe.md"), "# Probe\n\n[[Missing one]]\n");
        File.SetLastWriteTimeUtc(Path.Combine(_vault, "Probe.md"), Old);
        Check(_cacheDir);

        // Same size, same time, another target: the cache cannot see it (the documented trade of every stat cache).
        File.WriteAllText(Path.Combine(_vault, "Probe.md"), "# Probe\n\n[[Missing two]]\n");
        File.SetLastWriteTimeUtc(Path.Combine(_vault, "Probe.md"), Old);
        Assert.Contains("Missing one", Check(_cacheDir).Stdout);

        File.SetLastWriteTimeUtc(Path.Combine(_vault, "Probe.md"), Old.AddSeconds(1));
        var changed = Check(_cacheDir).Stdout;
        Assert.Contains("Missing two", changed);
        Assert.DoesNotContain("Missing one", changed);
    }

    [Fact]
    public void A_corrupted_cache_is_ignored_with_one_line_and_the_answers_stay_the_same()
    {
        var expected = Check(_cacheDir);
        var cacheFile = Assert.Single(CacheFiles());
        var bytes = File.ReadAllBytes(cacheFile);
        bytes[bytes.Length / 2] ^= 0x40;
        File.WriteAllBytes(cacheFile, bytes);

        var run = Check(_cacheDir);

        Assert.Equal(expected.Stdout, run.Stdout);
        Assert.Contains("ignored: checksum mismatch", Assert.Single(run.Stderr.Split('\n'), line => line.Contains("cache")));
        Assert.DoesNotContain("cache", Check(_cacheDir).Stderr);
    }

    [Fact]
    public void A_cache_folder_inside_the_vault_is_refused_and_nothing_is_written_into_the_vault()
    {
        var inside = Path.Combine(_vault, "cache");

        var run = Check(inside);

        Assert.Equal(Check(null).Stdout, run.Stdout);
        Assert.Contains("inside the vault", run.Stderr);
        Assert.False(Directory.Exists(inside));
    }

    [Fact]
    public void Check_with_no_cache_neither_reads_nor_writes_the_cache_folder()
    {
        var run = Notelsp.Run(_vault, "check", "--no-cache", "--cache-dir", _cacheDir);
        Assert.False(Directory.Exists(_cacheDir));

        var cached = Notelsp.Run(_vault, "check", "--cache-dir", _cacheDir);
        Assert.Single(CacheFiles());
        Assert.Equal(run.Stdout, cached.Stdout);
    }

    [Fact]
    public void The_cache_folder_comes_from_NOTELSP_CACHE_DIR_when_no_option_names_one()
    {
        Notelsp.Run(_vault, new Dictionary<string, string> { ["NOTELSP_CACHE_DIR"] = _cacheDir }, "check");

        Assert.Single(CacheFiles());
    }
}
