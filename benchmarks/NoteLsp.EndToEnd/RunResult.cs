namespace NoteLsp.EndToEnd;

/// <summary>Everything one run measured on one vault. Times in milliseconds; null when the step did not complete.</summary>
public sealed class RunResult
{
    public required string Vault { get; init; }
    public required int Notes { get; init; }
    public required long VaultBytes { get; init; }
    public required int Run { get; init; }
    public required string Server { get; init; }
    public required IReadOnlyDictionary<string, string> Environment { get; init; }

    /// <summary>The configuration's name (--label, or --base-label for the --base server).</summary>
    public string Label { get; init; } = "";

    /// <summary>"cold": a fresh, empty cache dir; "warm": the same server again on the unchanged vault, with the cache the cold run left.</summary>
    public string Start { get; init; } = "cold";

    /// <summary>The private cache dir given to the server (NOTELSP_CACHE_DIR and XDG_CACHE_HOME).</summary>
    public string? CacheDir { get; init; }

    /// <summary>Bytes in the cache dir when the server started (0 on a cold start; what the cold run left on a warm one).</summary>
    public long? CacheBytesAtStart { get; init; }

    /// <summary>From starting the process to the initialize result (runtime start + JIT + the request).</summary>
    public double? StartToInitializeMs { get; set; }

    /// <summary>The initialize request alone, sent as soon as the process was started.</summary>
    public double? InitializeMs { get; set; }

    /// <summary>From sending initialized until references on a link to the most-linked note return the full count (polled every 100 ms).</summary>
    public double? IndexedMs { get; set; }

    public int IndexedPolls { get; set; }

    /// <summary>CPU time (user + system) the server had used when indexed: less sensitive to a busy machine than the wall time.</summary>
    public double? IndexedCpuSeconds { get; set; }

    /// <summary>From initialized until the server's indexing progress reported its end.</summary>
    public double? IndexingProgressEndMs { get; set; }

    /// <summary>From initialized until the pushed diagnostics of the whole vault equal the ground truth's problems.</summary>
    public double? DiagnosedMs { get; set; }

    public int DiagnosticsChecked { get; set; }

    public Percentiles? Definition { get; set; }
    public Percentiles? References { get; set; }
    /// <summary>The same requests, to the answer's last byte read (the server and the pipe, not this client's JSON parse).</summary>
    public Percentiles? ReferencesLastByte { get; set; }
    public int? ReferencesCount { get; set; }
    public Percentiles? PrepareRename { get; set; }
    public Percentiles? Rename { get; set; }
    public Percentiles? RenameLastByte { get; set; }
    public int? RenameTextEdits { get; set; }
    public Percentiles? CompletionTyped { get; set; }
    public string? CompletionTypedText { get; set; }
    public Percentiles? CompletionBare { get; set; }
    public Percentiles? PathCompletionTyped { get; set; }
    public string? PathCompletionTypedText { get; set; }
    public Percentiles? PathCompletionBare { get; set; }
    public Percentiles? DidChangeDiagnostics { get; set; }

    public long? PeakRssKiB { get; set; }
    public long? RssBeforeShutdownKiB { get; set; }

    public double? ShutdownRequestMs { get; set; }

    /// <summary>From sending shutdown until the process has exited (shutdown answered, exit sent).</summary>
    public double? ShutdownToExitMs { get; set; }

    public int? ExitCode { get; set; }

    public string? LinkSite { get; set; }

    /// <summary>The machine's 1-minute load average when the run started and when it ended (the machine is shared).</summary>
    public double? LoadAverageAtStart { get; set; }

    public double? LoadAverageAtEnd { get; set; }

    /// <summary>CPU time the server process used over the whole run (user + system), from /proc.</summary>
    public double? ServerCpuSeconds { get; set; }

    public List<string> Failures { get; } = [];

    /// <summary>When each step ran (UTC), so a trace of the server can be cut into the same steps.</summary>
    public List<PhaseMark> Phases { get; } = [];

    public bool Passed => Failures.Count == 0;
}

public sealed record PhaseMark(string Name, DateTime StartUtc, DateTime EndUtc);

public static class Machine
{
    /// <summary>The 1-minute load average from /proc/loadavg; null where there is none.</summary>
    public static double? LoadAverage()
    {
        try
        {
            return double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }
}

/// <summary>Start-up only: process start → initialize result, then shutdown.</summary>
public sealed record StartupResult(string Server, IReadOnlyDictionary<string, string> Environment, Percentiles StartToInitialize, List<string> Failures);
