using System.Text;
using System.Text.RegularExpressions;
using NoteLsp.Core.Config;
using NoteLsp.Core.Diagnostics;
using NoteLsp.Core.Files;

namespace NoteLsp.Core.Tests;

/// <summary>
/// The bundled samples/vault gives exactly the problems listed in samples/PLANTED.md — the list a person
/// reads next to `notelsp check samples/vault` — and nothing else at warning or error level.
/// </summary>
public sealed partial class SampleVaultTests
{
    private sealed record Planted(string Path, string Code, string Severity, int Line, int Character)
    {
        public override string ToString() => $"{Path}:{Line + 1}:{Character + 1} {Severity} {Code}";
    }

    private static readonly string RepositoryRoot = FindRepositoryRoot();
    private static readonly string VaultRoot = Path.Combine(RepositoryRoot, "samples", "vault");

    [Fact]
    public void Scanning_the_sample_vault_reports_exactly_the_planted_problems()
    {
        var planted = ReadPlanted();
        var snapshot = VaultScanner.Scan(VaultRoot, NoteLspConfig.Default).Snapshot;

        var reported = snapshot.Notes
            .SelectMany(note => NoteDiagnostics.Compute(snapshot, note, DiagnosticOptions.Default)
                .Where(d => d.Severity <= DiagnosticSeverity.Warning)
                .Select(d => new Planted(note.Path, d.Id, d.Severity.Word(), d.Range.Start.Line, d.Range.Start.Character)))
            .ToList();

        var missing = planted.Except(reported).ToList();
        var unexpected = reported.Except(planted).ToList();
        if (missing.Count > 0 || unexpected.Count > 0 || reported.Count != planted.Count)
        {
            var message = new StringBuilder("samples/vault does not match samples/PLANTED.md:\n");
            foreach (var p in missing) message.AppendLine("  planted, not reported: " + p);
            foreach (var p in unexpected) message.AppendLine("  reported, not planted: " + p);
            if (reported.Count != planted.Count) message.AppendLine($"  {reported.Count} reported, {planted.Count} planted (a duplicate?)");
            Assert.Fail(message.ToString());
        }
    }

    [Fact]
    public void Scanning_finds_every_note_file_of_the_sample_vault()
    {
        var files = Directory.EnumerateFiles(VaultRoot, "*.md", SearchOption.AllDirectories).Count();
        var result = VaultScanner.Scan(VaultRoot, NoteLspConfig.Default);

        Assert.Empty(result.Issues);
        Assert.Equal(files, result.Snapshot.Count);
        Assert.Contains(result.Snapshot.Notes, n => n.Path == "planets/observing_jupiter_and_its_moons.md");
    }

    [Fact]
    public void The_planted_list_covers_every_code_and_includes_an_error()
    {
        var planted = ReadPlanted();

        Assert.Equal(DiagnosticCodes.All.Where(c => c != DiagnosticCode.MentionUnlinked).Select(c => c.Id()).Order(), planted.Select(p => p.Code).Distinct().Order());
        // An error-level problem makes `notelsp check samples/vault` exit with 1, which CI expects.
        Assert.Contains(planted, p => p.Severity == "error");
        foreach (var p in planted)
        {
            Assert.True(DiagnosticCodes.TryParse(p.Code, out var code), $"unknown code {p.Code}");
            Assert.Equal(code.DefaultSeverity().Word(), p.Severity);
            Assert.True(File.Exists(Path.Combine(VaultRoot, p.Path)), $"{p.Path} is listed but does not exist");
        }
    }

    [GeneratedRegex(@"^\|\s*`(?<path>[^`]+?):(?<line>\d+):(?<column>\d+)`\s*\|\s*(?<code>[a-z-]+)\s*\|\s*(?<severity>[a-z]+)\s*\|")]
    private static partial Regex PlantedRow();

    /// <summary>Rows of the table in samples/PLANTED.md, converted from 1-based line:column to 0-based LSP positions.</summary>
    private static List<Planted> ReadPlanted()
    {
        var rows = new List<Planted>();
        foreach (var line in File.ReadLines(Path.Combine(RepositoryRoot, "samples", "PLANTED.md")))
        {
            var match = PlantedRow().Match(line);
            if (!match.Success) continue;
            rows.Add(new Planted(
                match.Groups["path"].Value,
                match.Groups["code"].Value,
                match.Groups["severity"].Value,
                int.Parse(match.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture) - 1,
                int.Parse(match.Groups["column"].Value, System.Globalization.CultureInfo.InvariantCulture) - 1));
        }
        Assert.True(rows.Count >= DiagnosticCodes.All.Count, $"samples/PLANTED.md lists only {rows.Count} problems; is the table intact?");
        return rows;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NoteLsp.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("NoteLsp.sln not found above " + AppContext.BaseDirectory);
    }
}
