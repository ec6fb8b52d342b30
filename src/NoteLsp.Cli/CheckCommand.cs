using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using NoteLsp.Core.Config;
using NoteLsp.Core.Diagnostics;
using NoteLsp.Core.Files;
using NoteLsp.Core.Model;

namespace NoteLsp.Cli;

public enum CheckFormat { Text, Json, Sarif, Github }

/// <summary>One problem found by `notelsp check`: the note's vault-relative path ('/') and the diagnostic.</summary>
public sealed record CheckProblem(string Path, NoteDiagnostic Diagnostic);

/// <summary>`notelsp check`: scan a vault, compute every note's diagnostics, print them. Callable in-process by tests.</summary>
public static class CheckCommand
{
    public const int ExitClean = 0;
    public const int ExitErrorsFound = 1;
    public const int ExitUsage = 2;

    public static readonly string[] FormatNames = ["text", "json", "sarif", "github"];

    public static bool TryParseFormat(string? name, out CheckFormat format)
    {
        var index = Array.IndexOf(FormatNames, (name ?? "text").Trim().ToLowerInvariant());
        format = index >= 0 ? (CheckFormat)index : CheckFormat.Text;
        return index >= 0;
    }

    /// <summary>Runs the check; returns the exit status (0 no error-severity problem, 1 some, 2 bad usage / unusable folder).</summary>
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
        return Run(directory, checkFormat, stdout, stderr, configFile, wanted, mentions);
    }

    public static int Run(string? directory, CheckFormat format, TextWriter stdout, TextWriter stderr, string? configFile = null, bool wanted = false,
        bool mentions = false)
    {
        if (wanted && format is not (CheckFormat.Text or CheckFormat.Json))
        {
            stderr.WriteLine("notelsp: --wanted prints text or json");
            return ExitUsage;
        }
        var stopwatch = Stopwatch.StartNew();
        var root = string.IsNullOrEmpty(directory) ? "." : directory;
        if (CheckFolder(root) is { } folderProblem)
        {
            stderr.WriteLine($"notelsp: {folderProblem}");
            return ExitUsage;
        }

        ConfigLoadResult loaded;
        if (configFile is not null)
        {
            if (!File.Exists(configFile))
            {
                stderr.WriteLine($"notelsp: the config file {configFile} does not exist");
                return ExitUsage;
            }
            loaded = ConfigLoader.LoadFile(configFile);
        }
        else
        {
            loaded = ConfigLoader.Load(root);
        }
        // A bad config is reported, and the defaults stand in for what could not be read (docs/notes-format.md §1).
        if (loaded.Error is not null) stderr.WriteLine(loaded.Error);
        var config = loaded.Config;

        var scan = VaultScanner.Scan(root, config);
        foreach (var issue in scan.Issues) stderr.WriteLine($"{CheckOutput.TextPath(issue.Path)}: {NoteLsp.Core.Text.VisibleText.Escape(issue.Message)}");

        if (wanted) return ListWanted(scan, format, stdout, stderr, stopwatch);
        var problems = Diagnose(scan, config, mentions ? root : null);
        CheckOutput.Write(format, problems, stdout);
        stdout.Flush();

        var counts = problems.CountBy(p => p.Diagnostic.Severity).ToDictionary();
        int Count(DiagnosticSeverity s) => counts.GetValueOrDefault(s);
        stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"notelsp: {Plural(scan.Snapshot.Count, "note", "notes")}, {Plural(Count(DiagnosticSeverity.Error), "error", "errors")}, " +
            $"{Plural(Count(DiagnosticSeverity.Warning), "warning", "warnings")}, {Count(DiagnosticSeverity.Information)} information, " +
            $"{Plural(Count(DiagnosticSeverity.Hint), "hint", "hints")} in {stopwatch.Elapsed.TotalSeconds:0.00} s"));
        stderr.Flush();

        return Count(DiagnosticSeverity.Error) > 0 ? ExitErrorsFound : ExitClean;
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
        // Diagnostics are pure functions of the snapshot: one note per task, on all cores.
        Parallel.For(0, notes.Length, i =>
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
    internal static string? CheckFolder(string root)
    {
        try
        {
            if (File.Exists(root)) return $"{root} is a file, not a folder";
            if (!Directory.Exists(root)) return $"the folder {root} does not exist";
            using var entries = Directory.EnumerateFileSystemEntries(root).GetEnumerator();
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
