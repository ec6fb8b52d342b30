using System.Text.Json;
using NoteLsp.Core.Diagnostics;

namespace NoteLsp.Cli.Tests;

/// <summary>`notelsp check` as people and CI run it: paths from where it ran, --max-warnings, help, colour, typos, the server's options.</summary>
public class CheckCliOptionsTests
{
    private const string BrokenLinkNote = "# A\n\nSee [[missing]] here.\n";

    /// <summary>A project folder with the vault in `notes/`.</summary>
    private static TempVault Project() => new TempVault()
        .Write("notes/a.md", BrokenLinkNote)
        .Write("notes/sub/b.md", "# B\n[[a]]\n");

    [Fact]
    public void Text_paths_are_relative_to_the_folder_the_command_ran_in()
    {
        using var project = Project();

        var run = Notelsp.Run(project.Root, "check", "notes");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("notes/a.md:3:7: warning link-broken: ", Assert.Single(run.Lines));
    }

    [Fact]
    public void Text_paths_climb_out_of_a_subfolder_to_reach_the_note()
    {
        using var project = Project();

        var run = Notelsp.Run(Path.Combine(project.Root, "notes", "sub"), "check", "..");

        Assert.StartsWith("../a.md:3:7: warning link-broken: ", Assert.Single(run.Lines));
    }

    [Fact]
    public void A_vault_given_by_absolute_path_outside_the_current_folder_prints_absolute_paths()
    {
        using var project = Project();
        using var elsewhere = new TempVault();
        var notes = Path.Combine(project.Root, "notes");

        var run = Notelsp.Run(elsewhere.Root, "check", notes);

        var expected = Path.Combine(notes, "a.md").Replace(Path.DirectorySeparatorChar, '/') + ":3:7: warning link-broken: ";
        Assert.StartsWith(expected, Assert.Single(run.Lines));
    }

    [Fact]
    public void Json_paths_are_relative_to_the_folder_the_command_ran_in()
    {
        using var project = Project();

        var run = Notelsp.Run(project.Root, "check", "notes", "--format", "json");

        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal("notes/a.md", Assert.Single(json.RootElement.EnumerateArray().ToList()).GetProperty("path").GetString());
    }

    [Fact]
    public void Github_paths_are_relative_to_GITHUB_WORKSPACE_wherever_the_command_ran()
    {
        using var project = Project();
        var env = new Dictionary<string, string> { ["GITHUB_WORKSPACE"] = project.Root };

        var run = Notelsp.Run(Path.Combine(project.Root, "notes"), env, "check", ".", "--format", "github");

        Assert.StartsWith("::warning file=notes/a.md,line=3,col=7,endLine=3,endColumn=14,title=link-broken::", Assert.Single(run.Lines));
    }

    [Fact]
    public void Github_paths_without_GITHUB_WORKSPACE_are_relative_to_the_current_folder()
    {
        using var project = Project();

        var run = Notelsp.Run(project.Root, "check", "notes", "--format", "github");

        Assert.StartsWith("::warning file=notes/a.md,line=3,", Assert.Single(run.Lines));
    }

    [Fact]
    public void Sarif_locations_are_relative_to_a_named_base_and_rules_link_their_help()
    {
        using var project = Project();
        var notes = Path.Combine(project.Root, "notes");

        var run = Notelsp.CheckInProcess(notes, new CheckSettings { Format = CheckFormat.Sarif, WorkingDirectory = notes, GithubWorkspace = project.Root });

        using var json = JsonDocument.Parse(run.Stdout);
        var sarifRun = json.RootElement.GetProperty("runs")[0];
        var baseUri = sarifRun.GetProperty("originalUriBaseIds").GetProperty("%SRCROOT%").GetProperty("uri").GetString()!;
        Assert.Equal(new Uri(project.Root + Path.DirectorySeparatorChar).AbsoluteUri, baseUri);
        var location = sarifRun.GetProperty("results")[0].GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation");
        Assert.Equal("notes/a.md", location.GetProperty("uri").GetString());
        Assert.Equal("%SRCROOT%", location.GetProperty("uriBaseId").GetString());
        Assert.True(File.Exists(new Uri(new Uri(baseUri), "notes/a.md").LocalPath), "base + uri is the note");

        var rules = sarifRun.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToList();
        Assert.All(rules, r => Assert.EndsWith("docs/notes-format.md#7-diagnostics", r.GetProperty("helpUri").GetString()));
        Assert.EndsWith("docs/notes-format.md#7-diagnostics", sarifRun.GetProperty("tool").GetProperty("driver").GetProperty("informationUri").GetString());
    }

    [Fact]
    public void Sarif_of_a_vault_outside_the_workspace_uses_absolute_file_uris()
    {
        using var project = Project();
        using var workspace = new TempVault();
        var notes = Path.Combine(project.Root, "notes");

        var run = Notelsp.CheckInProcess(notes, new CheckSettings { Format = CheckFormat.Sarif, WorkingDirectory = notes, GithubWorkspace = workspace.Root });

        using var json = JsonDocument.Parse(run.Stdout);
        var location = json.RootElement.GetProperty("runs")[0].GetProperty("results")[0]
            .GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation");
        Assert.Equal(Path.Combine(notes, "a.md"), new Uri(location.GetProperty("uri").GetString()!).LocalPath);
        Assert.False(location.TryGetProperty("uriBaseId", out _));
    }

    [Theory]
    [InlineData("0", 1)]
    [InlineData("1", 0)]
    public void Max_warnings_fails_the_run_only_past_the_limit(string limit, int exitCode)
    {
        using var vault = new TempVault().Write("a.md", BrokenLinkNote);

        var run = Notelsp.Check(vault.Root, "--max-warnings", limit);

        Assert.Equal(exitCode, run.ExitCode);
        Assert.Equal(exitCode == 1, run.Stderr.Contains("1 warning, more than --max-warnings 0", StringComparison.Ordinal));
    }

    [Fact]
    public void Max_warnings_below_zero_is_bad_usage()
    {
        using var vault = new TempVault().Write("a.md", BrokenLinkNote);

        var run = Notelsp.Check(vault.Root, "--max-warnings", "-1");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--max-warnings", run.Stderr);
    }

    [Fact]
    public void Check_help_explains_every_exit_status()
    {
        var run = Notelsp.Run(null, "check", "--help");

        Assert.Equal(0, run.ExitCode);
        var help = run.Stdout.ReplaceLineEndings(" ");
        Assert.Contains("--max-warnings", help);
        Assert.Contains("Exit status: 0 no error", help);
        Assert.Contains("; 1 an error-severity problem, or more warnings than --max-warnings;", help);
        Assert.Contains("; 2 bad usage", help);
        Assert.Contains("; 3 notelsp itself failed", help);
    }

    [Fact]
    public void A_mistyped_command_gets_a_suggestion_and_exit_2()
    {
        var run = Notelsp.Run(null, "chek");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Did you mean", run.Stderr);
        Assert.Contains("check", run.Stderr);
    }

    [Fact]
    public void Colour_marks_the_severity_and_never_lets_a_file_name_through_raw()
    {
        using var vault = new TempVault().Write("esc\u001b[2Kx.md", BrokenLinkNote);

        var run = Notelsp.CheckInProcess(vault.Root, new CheckSettings { Color = true, WorkingDirectory = vault.Root });

        var line = Assert.Single(run.Lines);
        Assert.Equal($"{Ansi.Bold}esc\\u001B[2Kx.md:3:7: {Ansi.Reset}{Ansi.For(DiagnosticSeverity.Warning)}warning{Ansi.Reset} link-broken: ",
            line[..line.IndexOf("link-broken: ", StringComparison.Ordinal)] + "link-broken: ");
        Assert.Equal(4, line.Count(c => c == '\u001b')); // ours only: bold, reset, colour, reset
    }

    [Theory]
    [InlineData(true, null, true)]
    [InlineData(true, "", true)]
    [InlineData(true, "1", false)]
    [InlineData(false, null, false)]
    public void Colour_only_on_a_terminal_without_NO_COLOR(bool terminal, string? noColor, bool expected) =>
        Assert.Equal(expected, Ansi.ShouldColor(terminal, noColor));

    [Fact]
    public void Piped_text_output_has_no_colour()
    {
        using var vault = new TempVault().Write("a.md", BrokenLinkNote);

        var run = Notelsp.Check(vault.Root);

        Assert.DoesNotContain('\u001b', run.Stdout + run.Stderr);
    }

    [Fact]
    public void The_bare_start_hint_is_for_terminals_only_and_names_check()
    {
        Assert.Null(NotelspProgram.BareStartHint(stdinIsTerminal: false));
        var hint = NotelspProgram.BareStartHint(stdinIsTerminal: true)!;
        Assert.Contains("LSP", hint);
        Assert.Contains("notelsp check", hint);

        // An editor's pipe: no hint, the server starts and ends at end of input.
        var run = Notelsp.Run(null, "--log-level", "error");
        Assert.DoesNotContain("notelsp check", run.Stderr);
    }

    [Fact]
    public void Log_level_error_keeps_the_information_lines_out_of_the_log()
    {
        var quiet = Notelsp.Run(null, "server", "--log-level", "error");
        var normal = Notelsp.Run(null, "server");

        Assert.Contains(" INF] ", normal.Stderr);
        Assert.DoesNotContain(" INF] ", quiet.Stderr);
    }

    [Fact]
    public void Unknown_log_level_is_bad_usage()
    {
        var run = Notelsp.Run(null, "--log-level", "chatty");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("chatty", run.Stderr);
    }

    [Fact]
    public void The_vaults_gitignore_leaves_notes_out_of_the_check_and_a_hopeless_ignore_pattern_is_reported()
    {
        using var vault = new TempVault()
            .Write(".gitignore", "build/\n")
            .Write(".notelsp.yml", "ignore: ['../elsewhere/**', '*.tmp.md']\n")
            .Write("a.md", "# A\n")
            .Write("build/out.md", BrokenLinkNote)
            .Write("deep/x.tmp.md", BrokenLinkNote);

        var run = Notelsp.Check(vault.Root);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Contains(".notelsp.yml:1: an ignore pattern can never match a note and is left out: it climbs out of the vault", run.Stderr);
        Assert.Contains("notelsp: 1 note, 0 errors", run.Stderr);
    }
}
