using NoteLsp.VaultGenerator;

namespace NoteLsp.Benchmarks;

/// <summary>
/// Generated vaults shared by the benchmark processes: BenchmarkDotNet starts one process per benchmark, and each
/// would otherwise write its own 10,000 notes. A vault is reused when its ground truth says it has the wanted size and seed.
/// </summary>
public static class BenchmarkVaults
{
    public const long Seed = 1;

    /// <summary>NOTELSP_BENCH_VAULTS names the folder; default: a folder under the system temp folder.</summary>
    public static string Folder =>
        Environment.GetEnvironmentVariable("NOTELSP_BENCH_VAULTS") is { Length: > 0 } folder ? folder : Path.Combine(Path.GetTempPath(), "notelsp-bench-vaults");

    /// <summary>
    /// The vault size of the classes measured at one size: 10,000 notes, or NOTELSP_BENCH_NOTES (e.g. 100000 for the
    /// 100,000-note figures of docs/benchmarks.md) — one variable rather than a second parameter every run would pay for.
    /// </summary>
    public static int DefaultNotes =>
        int.TryParse(Environment.GetEnvironmentVariable("NOTELSP_BENCH_NOTES"), out var notes) && notes > 0 ? notes : 10_000;

    public static (string Root, GroundTruth Truth) Get(int notes)
    {
        var root = Path.Combine(Folder, $"vault-{notes}-seed{Seed}");
        var truthPath = Path.Combine(root, GroundTruth.DefaultFileName);
        if (File.Exists(truthPath))
        {
            var truth = GroundTruth.Load(truthPath);
            if (truth.NoteCount == notes && truth.Seed == Seed) return (root, truth);
        }
        // A half-written vault from an interrupted run is written again.
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        return (root, VaultGenerator.VaultGenerator.Generate(new GeneratorOptions { Notes = notes, Seed = Seed }, root));
    }
}
