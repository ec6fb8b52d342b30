using System.Globalization;
using System.Text;

namespace NoteLsp.EndToEnd;

/// <summary>
/// The Markdown table of a summary: one column per vault size, start (cold, warm) and server (median over runs,
/// range when several), so base and new stand side by side; the issue's targets beside.
/// </summary>
public static class Report
{
    /// <param name="WarmTarget10k">the target of a warm start when the issue sets another (indexing: 300 ms / 1 s warm against 800 ms / 6 s cold)</param>
    private sealed record Metric(string Name, Func<RunResult, double?> Value, string Format, double? Target10k = null, double? Target100k = null,
        double? WarmTarget10k = null, double? WarmTarget100k = null);

    private static readonly Metric[] Metrics =
    [
        new("process start → `initialize` result (ms)", r => r.StartToInitializeMs, "0"),
        new("**indexed**, from `initialized` (ms)", r => r.IndexedMs, "0", 800, 6000, 300, 1000),
        new("server CPU time when indexed, start-up included (s)", r => r.IndexedCpuSeconds, "0.0"),
        new("indexing progress end, from `initialized` (ms)", r => r.IndexingProgressEndMs, "0"),
        new("all vault diagnostics pushed = ground truth (ms)", r => r.DiagnosedMs, "0"),
        new("`[[` + typed prefix completion requests", r => r.CompletionTyped?.Count, "0"),
        new("`[[` + typed prefix completion p50 (ms)", r => r.CompletionTyped?.P50, "0.0"),
        new("`[[` + typed prefix completion p95 (ms)", r => r.CompletionTyped?.P95, "0.0"),
        new("**`[[` + typed prefix completion p99** (ms)", r => r.CompletionTyped?.P99, "0.0", 5, 10),
        new("bare `[[` completion p50 (ms)", r => r.CompletionBare?.P50, "0.0"),
        new("bare `[[` completion p99 (ms)", r => r.CompletionBare?.P99, "0.0"),
        // The series' first request is the session's first completion: p99 of 200 never shows it.
        new("bare `[[` completion max (the series begins with the session's first `[[`) (ms)", r => r.CompletionBare?.Max, "0.0"),
        new("`[text](` + typed path prefix completion requests", r => r.PathCompletionTyped?.Count, "0"),
        new("**`[text](` + typed path prefix completion p50** (ms)", r => r.PathCompletionTyped?.P50, "0.0"),
        new("`[text](` + typed path prefix completion p99 (ms)", r => r.PathCompletionTyped?.P99, "0.0"),
        new("bare `[text](` completion p50 (ms)", r => r.PathCompletionBare?.P50, "0.0"),
        new("bare `[text](` completion p99 (ms)", r => r.PathCompletionBare?.P99, "0.0"),
        new("definition requests", r => r.Definition?.Count, "0"),
        new("definition p50 (ms)", r => r.Definition?.P50, "0.0"),
        new("definition p95 (ms)", r => r.Definition?.P95, "0.0"),
        new("references requests", r => r.References?.Count, "0"),
        new("**references, most-linked note, p50** (ms)", r => r.References?.P50, "0.0", 20, 150),
        new("references p95 (ms)", r => r.References?.P95, "0.0"),
        new("references p50, to the answer's last byte (ms; the server and the pipe, without this client's JSON parse)", r => r.ReferencesLastByte?.P50, "0.0"),
        new("references returned (links)", r => r.ReferencesCount, "0"),
        new("renames (prepareRename + rename)", r => r.Rename?.Count, "0"),
        new("prepareRename p50 (ms)", r => r.PrepareRename?.P50, "0.0"),
        new("**rename, most-linked note, p50** (ms)", r => r.Rename?.P50, "0.0", 30, 300),
        new("rename p50, to the answer's last byte (ms)", r => r.RenameLastByte?.P50, "0.0"),
        new("rename text edits", r => r.RenameTextEdits, "0"),
        new("didChange edits", r => r.DidChangeDiagnostics?.Count, "0"),
        new("**didChange → diagnostics p50** (ms)", r => r.DidChangeDiagnostics?.P50, "0.0", 15, 20),
        new("**didChange → diagnostics p95** (ms)", r => r.DidChangeDiagnostics?.P95, "0.0", 40, 60),
        new("**peak RSS (VmHWM)** (MiB)", r => r.PeakRssKiB / 1024.0, "0", 150, 900),
        new("RSS before shutdown (MiB)", r => r.RssBeforeShutdownKiB / 1024.0, "0"),
        new("cache dir at start (MiB)", r => r.CacheBytesAtStart / 1048576.0, "0.0"),
        new("shutdown → process exit (ms)", r => r.ShutdownToExitMs, "0"),
        new("server CPU time over the run (s)", r => r.ServerCpuSeconds, "0.0"),
        new("machine load (1-min load average) at run start", r => r.LoadAverageAtStart, "0.0"),
    ];

    public static string Table(Summary summary)
    {
        var sizes = summary.Runs.Select(r => r.Notes).Distinct().Order().ToList();
        var labels = summary.Configurations.Select(c => c.Label).ToList();
        var columns = summary.Runs.Select(r => new Column(r.Notes, r.Start, r.Label)).Distinct()
            .OrderBy(c => c.Notes).ThenBy(c => c.Start == "cold" ? 0 : 1).ThenBy(c => labels.IndexOf(c.Label)).ToList();
        var sb = new StringBuilder();
        sb.AppendLine($"Configuration{(labels.Count > 1 ? "s" : "")}: {string.Join(", ", labels)}; {summary.Cores} cores; runs per size: " +
            string.Join(", ", sizes.Select(s => $"{s:N0}: {summary.Runs.Count(r => r.Notes == s && r.Start == "cold") / labels.Count}")));
        if (summary.Startup is { } startup)
        {
            sb.AppendLine($"Start-up only (no vault), process start → initialize result over {startup.StartToInitialize.Count} starts: " +
                $"p50 {startup.StartToInitialize.P50:0} ms, min {startup.StartToInitialize.Min:0} ms, max {startup.StartToInitialize.Max:0} ms");
        }
        sb.AppendLine();
        if (labels.Count > 1) sb.AppendLine("Servers: " + string.Join("; ", summary.Configurations.Select(c => $"{c.Label} = {c.Server}")));
        sb.AppendLine("Cold: the server's cache dir emptied first; warm: the same server started again on the unchanged vault, with what the cold run left there.");
        sb.AppendLine();
        sb.Append("| |");
        foreach (var column in columns)
        {
            sb.Append(CultureInfo.InvariantCulture, $" {column.Notes:N0} notes, {column.Start}").Append(labels.Count > 1 ? $", {column.Label}" : "").Append(" |");
        }
        sb.AppendLine(" target 10k | target 100k |");
        sb.Append("|---|");
        foreach (var _ in columns) sb.Append("---|");
        sb.AppendLine("---|---|");
        foreach (var metric in Metrics)
        {
            sb.Append(CultureInfo.InvariantCulture, $"| {metric.Name} |");
            foreach (var column in columns)
            {
                var values = summary.Runs.Where(column.Holds).Select(metric.Value).Where(v => v is not null && !double.IsNaN(v.Value)).Select(v => v!.Value).Order().ToList();
                sb.Append(' ').Append(Cell(values, metric, column)).Append(" |");
            }
            sb.Append(' ').Append(TargetText(metric.Target10k, metric.WarmTarget10k)).Append(" |");
            sb.Append(' ').Append(TargetText(metric.Target100k, metric.WarmTarget100k)).AppendLine(" |");
        }
        sb.Append("| answers checked against the ground truth |");
        foreach (var column in columns)
        {
            var failures = summary.Runs.Where(column.Holds).Sum(r => r.Failures.Count);
            sb.Append(failures == 0 ? " all right |" : $" **{failures} FAILED** |");
        }
        sb.AppendLine(" | |");
        return sb.ToString();
    }

    private sealed record Column(int Notes, string Start, string Label)
    {
        public bool Holds(RunResult run) => run.Notes == Notes && run.Start == Start && run.Label == Label;
    }

    private static string TargetText(double? target, double? warm) =>
        target is not { } t ? "" : "≤ " + t.ToString("0", CultureInfo.InvariantCulture) + (warm is { } w ? $" (warm ≤ {w.ToString("0", CultureInfo.InvariantCulture)})" : "");

    private static string Cell(List<double> values, Metric metric, Column column)
    {
        var size = column.Notes;
        var warm = column.Start == "warm";
        if (values.Count == 0) return "–";
        var median = values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
        var text = median.ToString(metric.Format, CultureInfo.InvariantCulture);
        if (values.Count > 1 && values[0] != values[^1])
        {
            text += $" ({values[0].ToString(metric.Format, CultureInfo.InvariantCulture)}–{values[^1].ToString(metric.Format, CultureInfo.InvariantCulture)})";
        }
        var target = size == 10_000 ? (warm ? metric.WarmTarget10k ?? metric.Target10k : metric.Target10k)
            : size == 100_000 ? (warm ? metric.WarmTarget100k ?? metric.Target100k : metric.Target100k) : null;
        if (target is { } t) text += median <= t ? " ✓" : " ✗";
        return text;
    }
}
