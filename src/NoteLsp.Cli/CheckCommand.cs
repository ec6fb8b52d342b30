using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using NoteLsp.Core.Cache;
using NoteLsp.Core.Config;
using NoteLsp.Core.Diagnostics;
using NoteLsp.Core.Files;
using NoteLsp.Core.Text;

namespace NoteLsp.Cli;

public enum CheckFormat { Text, Json, Sarif, Github }

/// <summary>One problem found by `notelsp check`: the note's vault-relative path ('/') and the diagnostic.</summary>
public sealed record CheckProblem(string Path, NoteDiagnostic Diagnostic);

/// <summary>How a check runs besides its folder: what the command line and the environment say.</summary>
public sealed record CheckSettings
{
    public CheckFormat Format { get; init; } = CheckFormat.Text;

    /// <summary>A config file to use instead of DIR/.notelsp.yml.</summary>
    public string? ConfigFile { get; init; }

    /// <summary>Exit 1 when there are more warnings than this; null: warnings never fail.</summary>
    public int? MaxWarnings { get; init; }

    /// <summary>Where the command ran: text and json paths are relative to it.</summary>
    public string WorkingDirectory { get; init; } = Environment.CurrentDirectory;

    /// <summary>GITHUB_WORKSPACE: GitHub annotations and SARIF are relative to it when set.</summary>
    public string? GithubWorkspace { get; init; }

    /// <summary>ANSI colours in the text format.</summary>
    public bool Color { get; init; }

    /// <summary>Draw a progress line on stderr (a terminal) when the check runs over a second.</summary>
    public bool Progress { get; init; }

    /// <summary>List the notes links ask for that are not written yet instead of problems (text or json).</summary>
    public bool Wanted { get; init; }

    /// <summary>Also report unlinked mentions (mention-unlinked), which only open notes get otherwise.</summary>
    public bool Mentions { get; init; }

    /// <summary>Where parsed notes are kept between runs (<see cref="NoteCache"/>); null: every note is read and parsed, nothing is written.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>Allocate without collections while reading a warm cache (<see cref="CollectorPause"/>): only for a process that ends with the check.</summary>
    public bool PauseCollector { get; init; }
}

/// <summary>`notelsp check`: scan a vault, compute every note's diagnostics, print them. Callable in-process by tests.</summary>
public static class CheckCommand
{
    public const int ExitClean = 0;
    public const int ExitErrorsFound = 1;
    public const int ExitUsage = 2;

    /// <summary>The exit statuses, as `check --help` and the README explain them.</summary>
    public const string ExitCodesHelp =
        "Exit status: 0 no error and no more warnings than --max-warnings; 1 an error-severity problem, or more warnings " +
        "than --max-warnings; 2 bad usage, an unusable folder or a missing --config file; 3 notelsp itself failed (a bug: please report it).";

    public static readonly string[] FormatNames = ["text", "json", "sarif", "github"];

    public static bool TryParseFormat(string? name, out CheckFormat format)
    {
        var index = Array.IndexOf(FormatNames, (name ?? "text").Trim().ToLowerInvariant());
        format = index >= 0 ? (CheckFormat)index : CheckFormat.Text;
        return index >= 0;
    }

    /// <summary>Runs the check; returns the exit status (<see cref="ExitCodesHelp"/>).</summary>
    /// <param name="directory">the vault folder; null or "" for the current folder</param>
    /// <param name="format">text, json, sarif or github</param>
    /// <param name="configFile">a config file to use instead of DIR/.notelsp.yml</param>
    /// <param name="wanted">list the notes links ask for that are not written yet instead of problems (text or json)</param>
    /// <param name="mentions">also report unlinked mentions (mention-unlinked), which only open notes get otherwise</param>
    public static int Run(string? directory, string? format, TextWriter stdout, TextWriter stderr, string? configFile = null, bool wanted = false,
        bool mentions = false)
    {
        if (!TryParseFormat(format, out var checkFormat))
        {
            stderr.WriteLine($"notelsp: unknown format '{format}' (use {string.Join(", ", FormatNames)})");
            return ExitUsage;
        }
        return Run(directory, new CheckSettings { Format = checkFormat, ConfigFile = configFile, Wanted = wanted, Mentions = mentions }, stdout, stderr);
    }

    public static int Run(string? directory, CheckSettings settings, TextWriter stdout, TextWriter stderr)
    {
        if (settings.Wanted && settings.Format is not (CheckFormat.Text or CheckFormat.Json))
        {
            stderr.WriteLine("notelsp: --wanted prints text or json");
            return ExitUsage;
        }
        var stopwatch = Stopwatch.StartNew();
        // The cache is loaded and written on other threads, which may have a line to say meanwhile.
        stderr = TextWriter.Synchronized(stderr);
        var root = string.IsNullOrEmpty(directory) ? "." : directory;
        var configFile = settings.ConfigFile;
        if (settings.MaxWarnings is < 0)
        {
            stderr.WriteLine("notelsp: --max-warnings must be 0 or more");
            return ExitUsage;
        }
        // A relative folder is relative to where the command ran (the process's own folder, or the test's).
        if (configFile is not null) configFile = Path.Combine(settings.WorkingDirectory, configFile);
        if (CheckFolder(Path.Combine(settings.WorkingDirectory, root), root) is { } folderProblem)
        {
            stderr.WriteLine($"notelsp: {VisibleText.Escape(folderProblem)}");
            return ExitUsage;
        }
        // After the folder check, which turns a path that is no path into a message rather than an exception.
        var paths = CheckPaths.For(root, settings.WorkingDirectory, settings.GithubWorkspace);
        root = Path.Combine(settings.WorkingDirectory, root);

        ConfigLoadResult loaded;
        if (configFile is not null)
        {
            if (!File.Exists(configFile))
            {
                stderr.WriteLine($"notelsp: the config file {VisibleText.Escape(settings.ConfigFile!)} does not exist");
                return ExitUsage;
            }
            loaded = ConfigLoader.LoadFile(configFile, baseConfig: ConfigLoader.DefaultsFor(root));
        }
        else
        {
            loaded = ConfigLoader.Load(root);
        }
        // A bad config is reported, and the defaults stand in for what could not be read (docs/notes-format.md §1).
        if (loaded.Error is not null) stderr.WriteLine(loaded.Error);
        var config = loaded.Config;

        // The cache loads while the vault is enumerated (both take a while at 100,000 notes), and is written while the
        // notes are diagnosed; the process waits for the write before it exits.
        if (settings is { PauseCollector: true, CacheDirectory: { } pauseFor }) CollectorPause.Begin(NoteCache.FilePathFor(root, pauseFor));
        var cacheOpening = settings.CacheDirectory is { } cacheDirectory
            ? Task.Run(() => NoteCache.Open(root, config, cacheDirectory, line => stderr.WriteLine($"notelsp: {VisibleText.Escape(line)}")))
            : null;
        ScanResult scan;
        using (var progress = settings.Progress ? new ProgressLine(stderr) : null)
        {
            scan = VaultScanner.Scan(root, config, progress?.Scanned, enumerated: progress is null ? null : progress.SetTotal, cacheOpening: cacheOpening);
        }
        var cache = cacheOpening?.GetAwaiter().GetResult();
        var cacheSaving = cache is { NeedsSave: true } ? Task.Run(() => cache.Save()) : null;
        try
        {
            return Report(settings, stdout, stderr, stopwatch, paths, root, config, scan);
        }
        finally
        {
            cacheSaving?.Wait();
        }
    }

    private static int Report(CheckSettings settings, TextWriter stdout, TextWriter stderr, Stopwatch stopwatch, CheckPaths paths, string root,
        NoteLspConfig config, ScanResult scan)
    {
        foreach (var issue in scan.Issues)
        {
            var where = issue.Path == "." ? paths.Display("").TrimEnd('/') is { Length: > 0 } folder ? folder : "." : paths.Display(issue.Path);
            stderr.WriteLine($"{CheckOutput.TextPath(where)}: {VisibleText.Escape(issue.Message)}");
        }

        if (settings.Wanted) return ListWanted(scan, settings.Format, stdout, stderr, stopwatch);
        var problems = Diagnose(scan, config, settings.Mentions ? root : null);
        CheckOutput.Write(settings.Format, problems, stdout, paths, settings.Color && settings.Format == CheckFormat.Text);
        stdout.Flush();

        var counts = problems.CountBy(p => p.Diagnostic.Severity).ToDictionary();
        int Count(DiagnosticSeverity s) => counts.GetValueOrDefault(s);
        var tooManyWarnings = settings.MaxWarnings is { } maxWarnings && Count(DiagnosticSeverity.Warning) > maxWarnings;
        if (tooManyWarnings)
        {
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"notelsp: {Plural(Count(DiagnosticSeverity.Warning), "warning", "warnings")}, more than --max-warnings {settings.MaxWarnings}"));
        }
        stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"notelsp: {Plural(scan.Snapshot.Count, "note", "notes")}, {Plural(Count(DiagnosticSeverity.Error), "error", "errors")}, " +
            $"{Plural(Count(DiagnosticSeverity.Warning), "warning", "warnings")}, {Count(DiagnosticSeverity.Information)} information, " +
            $"{Plural(Count(DiagnosticSeverity.Hint), "hint", "hints")} in {stopwatch.Elapsed.TotalSeconds:0.00} s"));
        stderr.Flush();

        return Count(DiagnosticSeverity.Error) > 0 || tooManyWarnings ? ExitErrorsFound : ExitClean;
    }

    private static int ListWanted(ScanResult scan, CheckFormat format, TextWriter stdout, TextWriter stderr, Stopwatch stopwatch)
    {
        var targets = Core.Features.UnwrittenNotes.All(scan.Snapshot);
        WantedOutput.Write(format, targets, stdout);
        stdout.Flush();
        stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"notelsp: {Plural(scan.Snapshot.Count, "note", "notes")}, {Plural(targets.Count, "note", "notes")} not written yet in {stopwatch.Elapsed.TotalSeconds:0.00} s"));
        stderr.Flush();
        return ExitClean;
    }

    /// <summary>Every problem of the vault, sorted by path, line, column (then code, for a stable order).</summary>
    /// <param name="mentionsRoot">the vault folder, to read each note's text for its unlinked mentions (docs/notes-format.md §13); null: none</param>
    public static List<CheckProblem> Diagnose(ScanResult scan, NoteLspConfig config, string? mentionsRoot = null)
    {
        var notes = scan.Snapshot.Notes.ToArray();
        var perNote = new ImmutableArray<NoteDiagnostic>[notes.Length];
        var realRoot = mentionsRoot is null ? null : SafeFile.RealRoot(mentionsRoot);
        // Diagnostics are pure functions of the snapshot: one note per task, one thread per core (more threads only
        // contend for the shared target memo's locks; the profile of a 100,000-note vault showed ten).
        Parallel.For(0, notes.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            perNote[i] = NoteDiagnostics.Compute(scan.Snapshot, notes[i], config.Diagnostics);
            // The parsed note keeps no text: read it again, through the same safe reader as the scan.
            if (mentionsRoot is null || SafeFile.Read(Path.Combine(mentionsRoot, notes[i].Path), realRoot, config.MaxFileBytes).Bytes is not { } bytes) return;
            var text = Core.Parsing.NoteText.Decode(bytes).Text;
            perNote[i] = perNote[i].AddRange(Core.Features.UnlinkedMentionDiagnostics.Compute(scan.Snapshot, notes[i].Path, text, config.Diagnostics));
        });

        var problems = new List<CheckProblem>();
        for (var i = 0; i < notes.Length; i++)
        {
            foreach (var diagnostic in perNote[i]) problems.Add(new CheckProblem(notes[i].Path, diagnostic));
        }
        problems.Sort(CompareProblems);
        return problems;
    }

    private static int CompareProblems(CheckProblem a, CheckProblem b)
    {
        var c = string.CompareOrdinal(a.Path, b.Path);
        if (c != 0) return c;
        c = a.Diagnostic.Range.Start.CompareTo(b.Diagnostic.Range.Start);
        if (c != 0) return c;
        c = a.Diagnostic.Range.End.CompareTo(b.Diagnostic.Range.End);
        return c != 0 ? c : a.Diagnostic.Code.CompareTo(b.Diagnostic.Code);
    }

    /// <summary>Why the folder cannot be checked, or null when it can.</summary>
    internal static string? CheckFolder(string fullPath, string root)
    {
        try
        {
            if (File.Exists(fullPath)) return $"{root} is a file, not a folder";
            if (!Directory.Exists(fullPath)) return $"the folder {root} does not exist";
            using var entries = Directory.EnumerateFileSystemEntries(fullPath).GetEnumerator();
            entries.MoveNext();
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return $"the folder {root} cannot be read (permission denied)";
        }
        catch (Exception e) when (e is IOException or ArgumentException or NotSupportedException)
        {
            return $"the folder {root} cannot be read ({e.Message})";
        }
    }

    private static string Plural(int count, string one, string many) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? one : many)}");
}
