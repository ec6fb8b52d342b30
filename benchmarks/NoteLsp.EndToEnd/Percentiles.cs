namespace NoteLsp.EndToEnd;

/// <summary>Latencies of one kind of request, in milliseconds.</summary>
public sealed record Percentiles(int Count, double Min, double P50, double P95, double P99, double Max, double Mean)
{
    /// <summary>Nearest-rank percentiles (the p-th value of the sorted samples; no interpolation).</summary>
    public static Percentiles Of(IReadOnlyCollection<double> samples)
    {
        if (samples.Count == 0) return new Percentiles(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        var sorted = samples.Order().ToArray();
        double Rank(double p) => sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new Percentiles(sorted.Length, sorted[0], Rank(50), Rank(95), Rank(99), sorted[^1], sorted.Average());
    }
}
