using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using NoteLsp.VaultGenerator;

namespace NoteLsp.EndToEnd;

/// <summary>
/// NoteLsp.EndToEnd --server PUBLISHED/notelsp [--base OTHER/notelsp] --vaults DIR --notes 1000,10000,100000 [--runs 2] [--json FILE]
/// Generates (or reuses) DIR/vault-N for each size, runs the server on it as an editor would, cold (empty cache)
/// then warm (again, on the unchanged vault, with the cache the cold run left), prints a table and writes a JSON
/// summary. Exit status: 0 all answers right, 1 a wrong answer or a step that failed, 2 bad usage.
/// </summary>
public static class Program
{
    private const string Usage = """
        usage: NoteLsp.EndToEnd --server PATH [--vaults DIR] [--notes N[,N...]] [--seed S] [--runs R]
                                [--json FILE] [--env NAME=VALUE]... [--startup-runs K] [--label TEXT]
                                [--base PATH [--base-label TEXT]] [--no-warm] [--keep-caches]
          --server        the published notelsp (apphost), or notelsp.dll (run with dotnet)
          --vaults        folder of the vaults: DIR/vault-N is generated when absent, reused when it has a
                          ground truth (default: a folder under the system temp folder)
          --notes         vault sizes (default 1000,10000)
          --seed          generator seed (default 1)
          --runs          runs per size (default 1)
          --json          write the JSON summary there (default DIR/results-<time>.json)
          --env           an environment variable for the server process (e.g. DOTNET_gcServer=1); repeatable
          --startup-runs  also start the server K times only to initialize it (start-up time), default 0
          --index-timeout seconds to wait for indexing and for the vault's diagnostics (default 600)
          --budget        seconds one series of requests may take before it stops early (default 120; at
                          least 10 samples are always taken); the table shows how many were taken
          --no-poll       do not poll references while indexing: wait for the indexing progress to end, then
                          check the count once (the polls' own cost out of the figure)
          --pause         seconds to wait before shutdown, printing the server's PID (to attach
                          dotnet-gcdump or dotnet-trace to the indexed server)
          --label         a name for this configuration in the table and the JSON ("new" with --base)
          --base          another server measured in the same run (e.g. the last release), alternating with
                          --server on each size and run; the table puts their columns side by side
          --base-label    its name (default "base")
          --no-warm       only the cold start: no second start on the same vault with the cache left
          --keep-caches   keep each server's cache dir (DIR/cache-<label>-<notes>-<pid>) after the warm run
        """;

    public static async Task<int> Main(string[] args)
    {
        string? server = null;
        var vaults = Path.Combine(Path.GetTempPath(), "notelsp-e2e");
        var sizes = new List<int> { 1000, 10000 };
        long seed = 1;
        var runs = 1;
        var startupRuns = 0;
        var indexTimeout = TimeSpan.FromSeconds(600);
        string? json = null;
        string? label = null;
        var budget = TimeSpan.FromSeconds(120);
        var poll = true;
        var pause = TimeSpan.Zero;
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        string? baseServer = null;
        var baseLabel = "base";
        var warm = true;
        var keepCaches = false;
        try
        {
            for (var i = 0; i < args.Length; i++)
            {
                string Value() => i + 1 < args.Length ? args[++i] : throw new FormatException($"{args[i]} needs a value");
                switch (args[i])
                {
                    case "--server": server = Path.GetFullPath(Value()); break;
                    case "--vaults": vaults = Path.GetFullPath(Value()); break;
                    case "--notes": sizes = Value().Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList(); break;
                    case "--seed": seed = long.Parse(Value(), CultureInfo.InvariantCulture); break;
                    case "--runs": runs = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                    case "--startup-runs": startupRuns = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                    case "--index-timeout": indexTimeout = TimeSpan.FromSeconds(double.Parse(Value(), CultureInfo.InvariantCulture)); break;
                    case "--json": json = Path.GetFullPath(Value()); break;
                    case "--label": label = Value(); break;
                    case "--no-poll": poll = false; break;
                    case "--base": baseServer = Path.GetFullPath(Value()); break;
                    case "--base-label": baseLabel = Value(); break;
                    case "--no-warm": warm = false; break;
                    case "--keep-caches": keepCaches = true; break;
                    case "--pause": pause = TimeSpan.FromSeconds(double.Parse(Value(), CultureInfo.InvariantCulture)); break;
                    case "--budget": budget = TimeSpan.FromSeconds(double.Parse(Value(), CultureInfo.InvariantCulture)); break;
                    case "--env":
                        var pair = Value();
                        var eq = pair.IndexOf('=');
                        if (eq <= 0) throw new FormatException($"--env wants NAME=VALUE, got {pair}");
                        environment[pair[..eq]] = pair[(eq + 1)..];
                        break;
                    case "-h" or "--help": Console.WriteLine(Usage); return 0;
                    default: throw new FormatException($"unknown argument {args[i]}");
                }
            }
            if (server is null) throw new FormatException("--server is required");
            if (!File.Exists(server)) throw new FormatException($"no server at {server}");
            if (baseServer is not null && !File.Exists(baseServer)) throw new FormatException($"no server at {baseServer}");
            label ??= baseServer is not null ? "new" : null;
            if (baseServer is not null && label == baseLabel) throw new FormatException($"--label and --base-label are both {label}: the columns need two names");
        }
        catch (FormatException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(Usage);
            return 2;
        }

        Directory.CreateDirectory(vaults);
        // Per invocation: several drivers may share the vaults folder.
        var invocation = $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}";
        var logs = Path.Combine(vaults, "logs", invocation);
        Directory.CreateDirectory(logs);
        json ??= Path.Combine(vaults, $"results-{DateTime.UtcNow:yyyyMMdd-HHmmss}.json");
        label ??= (environment.Count == 0 ? "default" : string.Join(" ", environment.Select(kv => $"{kv.Key}={kv.Value}"))) + (poll ? "" : ", no polling while indexing");
        var log = Console.Out;
        var configurations = new List<Configuration> { new(label, server, environment) };
        if (baseServer is not null) configurations.Insert(0, new Configuration(baseLabel, baseServer, environment));
        foreach (var c in configurations) log.WriteLine($"server: {c.Server} ({c.Label})");
        log.WriteLine($"vaults under {vaults}; {Environment.ProcessorCount} cores");

        var results = new List<RunResult>();
        StartupResult? startup = null;
        if (startupRuns > 0)
        {
            var startupCache = Path.Combine(vaults, $"cache-{ServerCache.Slug(label)}-startup-{Environment.ProcessId}");
            ServerCache.Empty(startupCache);
            startup = await StartupRun.MeasureAsync(server, ServerCache.Environment(environment, startupCache), startupRuns, logs).ConfigureAwait(false);
            ServerCache.Remove(startupCache);
            log.WriteLine($"start-up: process start → initialize result p50 {startup.StartToInitialize.P50:0} ms over {startupRuns} starts");
        }
        foreach (var size in sizes)
        {
            var root = Path.Combine(vaults, $"vault-{size}");
            var truth = PrepareVault(root, size, seed, log);
            var counts = new RequestCounts { SeriesBudget = budget, PollWhileIndexing = poll, PauseBeforeShutdown = pause };
            for (var run = 1; run <= runs; run++)
            {
                // Base and new take turns (base first on odd runs): neither always meets the machine in the same state.
                var order = run % 2 == 1 ? configurations : Enumerable.Reverse(configurations).ToList();
                var caches = order.ToDictionary(c => c.Label, c => Path.Combine(vaults, $"cache-{ServerCache.Slug(c.Label)}-{size}-{Environment.ProcessId}"));
                foreach (var start in warm ? new[] { "cold", "warm" } : ["cold"])
                {
                    foreach (var c in order)
                    {
                        var cache = caches[c.Label];
                        if (start == "cold") ServerCache.Empty(cache);
                        log.WriteLine($"{size} notes, run {run}/{runs}, {c.Label}, {start} start:");
                        var scenario = new Scenario(c.Server, ServerCache.Environment(c.Environment, cache), counts, indexTimeout, log);
                        var result = await scenario.RunAsync(root, truth, run, logs, c.Label, start, cache).ConfigureAwait(false);
                        foreach (var failure in result.Failures) log.WriteLine($"  FAILED: {failure}");
                        results.Add(result);
                    }
                }
                if (!keepCaches) foreach (var cache in caches.Values) ServerCache.Remove(cache);
            }
        }

        var summary = new Summary(label, server, environment, configurations, Environment.ProcessorCount, MachineMemory(), DateTime.UtcNow, startup, results);
        await File.WriteAllTextAsync(json, JsonSerializer.Serialize(summary, new JsonSerializerOptions
        {
            WriteIndented = true,
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        })).ConfigureAwait(false);
        log.WriteLine();
        log.WriteLine(Report.Table(summary));
        log.WriteLine($"JSON summary: {json}");
        var failed = results.Count(r => !r.Passed) + (startup?.Failures.Count ?? 0);
        if (failed > 0) log.WriteLine($"{failed} run(s) with wrong answers or failed steps: see FAILED above.");
        return failed > 0 ? 1 : 0;
    }

    /// <summary>Reuses root when it holds a ground truth for that size and seed; generates it when absent or empty.</summary>
    private static GroundTruth PrepareVault(string root, int notes, long seed, TextWriter log)
    {
        var truthPath = Path.Combine(root, GroundTruth.DefaultFileName);
        if (File.Exists(truthPath))
        {
            var existing = GroundTruth.Load(truthPath);
            if (existing.NoteCount == notes && existing.Seed == seed)
            {
                log.WriteLine($"reusing {root} ({existing.NoteCount} notes, {existing.TotalBytes / 1048576.0:0.0} MB)");
                return existing;
            }
            throw new InvalidDataException($"{root} holds a vault of {existing.NoteCount} notes with seed {existing.Seed}, not {notes} with seed {seed}: remove it or use another --vaults");
        }
        var clock = Stopwatch.StartNew();
        var truth = VaultGenerator.VaultGenerator.Generate(new GeneratorOptions { Notes = notes, Seed = seed }, root);
        log.WriteLine(VaultGenerator.VaultGenerator.Describe(truth, root, clock.Elapsed));
        return truth;
    }

    private static long? MachineMemory()
    {
        try
        {
            var line = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }
}

/// <summary>The JSON summary: the configuration, the machine, and every run.</summary>
public sealed record Summary(
    string Label,
    string Server,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyList<Configuration> Configurations,
    int Cores,
    long? MemoryKiB,
    DateTime MeasuredAtUtc,
    StartupResult? Startup,
    IReadOnlyList<RunResult> Runs);

/// <summary>One measured server: its name in the table, the program, the extra environment (before the cache dir).</summary>
public sealed record Configuration(string Label, string Server, IReadOnlyDictionary<string, string> Environment);
