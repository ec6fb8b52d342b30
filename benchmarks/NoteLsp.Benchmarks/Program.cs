using BenchmarkDotNet.Running;

namespace NoteLsp.Benchmarks;

/// <summary>
/// dotnet run -c Release --project benchmarks/NoteLsp.Benchmarks -- --filter '*'
/// dotnet run -c Release --project benchmarks/NoteLsp.Benchmarks -- --phases VAULT CACHE-DIR   (<see cref="IndexPhases"/>)
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args is ["--phases", var vault, var cacheDirectory])
        {
            IndexPhases.Run(vault, cacheDirectory);
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
