using BenchmarkDotNet.Running;

namespace NoteLsp.Benchmarks;

/// <summary>dotnet run -c Release --project benchmarks/NoteLsp.Benchmarks -- --filter '*'</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
