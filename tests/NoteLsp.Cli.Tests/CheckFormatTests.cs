using System.Text.Json;

namespace NoteLsp.Cli.Tests;

/// <summary>The json, sarif and github formats of `notelsp check`.</summary>
public class CheckFormatTests
{
    // Line 3 (0-based 2): "See [[missing]] here." — the target "missing" spans characters 6..13.
    private const string BrokenLinkNote = "# A\n\nSee [[missing]] here.\n";

    private static TempVault VaultWithTwoProblems() => new TempVault()
        .Write("a.md", BrokenLinkNote)
        .Write("talk.md", "---\nvideoId: dQw4w9WgXcQ\n---\nAt [75:99](#75:30).\n");

    [Fact]
    public void Json_is_an_array_with_lsp_ranges_when_run_as_a_process()
    {
        using var vault = new TempVault().Write("a.md", BrokenLinkNote);

        var run = Notelsp.Check(vault.Root, "--format", "json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        var problem = Assert.Single(json.RootElement.EnumerateArray().ToList());
        Assert.Equal("a.md", problem.GetProperty("path").GetString());
        Assert.Equal("link-broken", problem.GetProperty("code").GetString());
        Assert.Equal("warning", problem.GetProperty("severity").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("message").GetString()));
        var range = problem.GetProperty("range");
        Assert.Equal(2, range.GetProperty("start").GetProperty("line").GetInt32());
        Assert.Equal(6, range.GetProperty("start").GetProperty("character").GetInt32());
        Assert.Equal(2, range.GetProperty("end").GetProperty("line").GetInt32());
        Assert.Equal(13, range.GetProperty("end").GetProperty("character").GetInt32());
    }

    [Fact]
    public void Json_of_a_clean_vault_is_an_empty_array()
    {
        using var vault = new TempVault().Write("a.md", "# A\n");
        var run = Notelsp.CheckInProcess(vault.Root, "json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal(JsonValueKind.Array, json.RootElement.ValueKind);
        Assert.Equal(0, json.RootElement.GetArrayLength());
    }

    [Fact]
    public void Json_keeps_non_ascii_paths_readable_and_parseable()
    {
        using var vault = new TempVault().Write("café/naïve \"note\".md", "[[nowhere]]\n");
        var run = Notelsp.CheckInProcess(vault.Root, "json");

        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal("café/naïve \"note\".md", json.RootElement[0].GetProperty("path").GetString());
        Assert.Contains("café", run.Stdout);
    }

    [Fact]
    public void Sarif_has_the_2_1_0_shape()
    {
        using var vault = VaultWithTwoProblems();

        var run = Notelsp.CheckInProcess(vault.Root, "sarif");

        Assert.Equal(1, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        var root = json.RootElement;
        Assert.Contains("sarif", root.GetProperty("$schema").GetString());
        Assert.Equal("2.1.0", root.GetProperty("version").GetString());
        var sarifRun = Assert.Single(root.GetProperty("runs").EnumerateArray().ToList());

        var driver = sarifRun.GetProperty("tool").GetProperty("driver");
        Assert.Equal("notelsp", driver.GetProperty("name").GetString());
        Assert.Equal(CheckOutput.ToolVersion, driver.GetProperty("version").GetString());
        var rules = driver.GetProperty("rules").EnumerateArray().ToList();
        var ruleIds = rules.Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.Equal(NoteLsp.Core.Diagnostics.DiagnosticCodes.All.Count, ruleIds.Distinct().Count()); // one rule per code (mention-unlinked included, though check never reports it)
        Assert.Contains("link-broken", ruleIds);
        Assert.Contains("footnote-broken", ruleIds);
        Assert.Contains("timestamp-invalid", ruleIds);
        Assert.All(rules, r => Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("shortDescription").GetProperty("text").GetString())));

        var results = sarifRun.GetProperty("results").EnumerateArray().ToList();
        var link = Assert.Single(results, r => r.GetProperty("ruleId").GetString() == "link-broken");
        Assert.Equal("warning", link.GetProperty("level").GetString());
        Assert.False(string.IsNullOrWhiteSpace(link.GetProperty("message").GetProperty("text").GetString()));
        // ruleIndex, when given, must point at the rule with the same id.
        Assert.Equal("link-broken", rules[link.GetProperty("ruleIndex").GetInt32()].GetProperty("id").GetString());
        var location = Assert.Single(link.GetProperty("locations").EnumerateArray().ToList()).GetProperty("physicalLocation");
        Assert.Equal("a.md", location.GetProperty("artifactLocation").GetProperty("uri").GetString());
        var region = location.GetProperty("region");
        Assert.Equal(3, region.GetProperty("startLine").GetInt32());
        Assert.Equal(7, region.GetProperty("startColumn").GetInt32());
        Assert.Equal(3, region.GetProperty("endLine").GetInt32());
        Assert.Equal(14, region.GetProperty("endColumn").GetInt32());

        var timestamp = Assert.Single(results, r => r.GetProperty("ruleId").GetString() == "timestamp-invalid");
        Assert.Equal("error", timestamp.GetProperty("level").GetString());
    }

    [Fact]
    public void Sarif_uri_is_percent_encoded_per_segment()
    {
        using var vault = new TempVault().Write("my notes/a#1.md", "[[nowhere]]\n");
        var run = Notelsp.CheckInProcess(vault.Root, "sarif");

        using var json = JsonDocument.Parse(run.Stdout);
        var uri = json.RootElement.GetProperty("runs")[0].GetProperty("results")[0]
            .GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString();
        Assert.Equal("my%20notes/a%231.md", uri);
    }

    [Fact]
    public void Github_format_is_workflow_commands_with_one_based_positions()
    {
        using var vault = VaultWithTwoProblems();

        var run = Notelsp.CheckInProcess(vault.Root, "github");

        Assert.Equal(1, run.ExitCode);
        var lines = run.Lines;
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("::warning file=a.md,line=3,col=7,endLine=3,endColumn=14,title=link-broken::", lines[0]);
        Assert.StartsWith("::error file=talk.md,line=4,", lines[1]);
        Assert.Contains(",title=timestamp-invalid::", lines[1]);
    }

    [Fact]
    public void Github_format_escapes_commas_and_colons_in_properties()
    {
        using var vault = new TempVault().Write("one, two.md", "[[nowhere]]\n");
        var run = Notelsp.CheckInProcess(vault.Root, "github");

        Assert.StartsWith("::warning file=one%2C two.md,line=1,col=3,", Assert.Single(run.Lines));
    }

    [Fact]
    public void Github_escaping_follows_the_actions_toolkit()
    {
        Assert.Equal("50%25 done%0D%0Anext: a, b", CheckOutput.EscapeData("50% done\r\nnext: a, b"));
        Assert.Equal("C%3A%2Cx%25%0A", CheckOutput.EscapeProperty("C:,x%\n"));
    }

    [Fact]
    public void Information_and_hints_are_notices_in_github_and_notes_in_sarif()
    {
        using var vault = new TempVault()
            .Write(".notelsp.yml", "severities: {link-broken: information, link-empty: hint}\n")
            .Write("a.md", "[[nowhere]] and [[]]\n");

        var github = Notelsp.CheckInProcess(vault.Root, "github");
        Assert.Equal(0, github.ExitCode);
        Assert.Equal(2, github.Lines.Length);
        Assert.All(github.Lines, l => Assert.StartsWith("::notice ", l));

        var sarif = Notelsp.CheckInProcess(vault.Root, "sarif");
        using var json = JsonDocument.Parse(sarif.Stdout);
        Assert.All(json.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray(),
            r => Assert.Equal("note", r.GetProperty("level").GetString()));
        Assert.Contains("1 information, 1 hint in", sarif.Stderr);
    }

    [Fact]
    public void Text_format_in_process_matches_the_process_output()
    {
        using var vault = VaultWithTwoProblems();

        var inProcess = Notelsp.CheckInProcess(vault.Root);
        var process = Notelsp.Check(vault.Root);

        Assert.Equal(process.ExitCode, inProcess.ExitCode);
        Assert.Equal(process.Stdout, inProcess.Stdout);
        Assert.Equal(2, inProcess.Lines.Length);
    }

    [Fact]
    public void Unknown_format_in_process_is_bad_usage()
    {
        using var vault = new TempVault();
        var run = Notelsp.CheckInProcess(vault.Root, "yaml");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("yaml", run.Stderr);
    }
}
