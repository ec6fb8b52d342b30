using BenchmarkDotNet.Attributes;
using NoteLsp.Core.Config;
using NoteLsp.Core.Files;

namespace NoteLsp.Benchmarks;

/// <summary>A whole cold index of 10,000 notes from disk: enumerate, read, parse on all cores, build (what the server does once at start).</summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 1, iterationCount: 5, invocationCount: 1)]
public class ScanBenchmarks
{
    private string _root = "";

    [GlobalSetup]
    public void Setup() => _root = BenchmarkVaults.Get(10_000).Root;

    [Benchmark(Description = "scan a 10,000-note vault (read + parse + index)")]
    public int ScanVault() => VaultScanner.Scan(_root, NoteLspConfig.Default).Snapshot.Count;
}
