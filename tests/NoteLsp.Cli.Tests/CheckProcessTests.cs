using System.Text.RegularExpressions;

namespace NoteLsp.Cli.Tests;

/// <summary>`notelsp check` run as a real process: exit codes, text output, stderr.</summary>
public class CheckProcessTests
{
    private const string BrokenLinkNote = "# A\n\nSee [[missing]] here.\n";
    private const string SummaryPattern = @"^notelsp: (\d+) notes?, (\d+) errors?, (\d+) warnings?, (\d+) information, (\d+) hints? in \d+\.\d\d s$";

    private static Match Summary(RunResult run)
    {
        var line = run.Stderr.Split('\n').LastOrDefault(l => l.StartsWith("notelsp: ", StringComparison.Ordinal)) ?? "";
        var match = Regex.Match(line, SummaryPattern);
        Assert.True(match.Success, $"no summary line on stderr:\n{run.Stderr}");
        return match;
    }

    [Fact]
    public void Clean_vault_exits_0_and_prints_nothing()
    {
        using var vault = new TempVault()
            .Write("a.md", "# A\nSee [[b]] and [[B]].\n")
            .Write("sub/b.md", "# B\nBack to [[a]].\n");

        var run = Notelsp.Check(vault.Root);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stdout);
        var summary = Summary(run);
        Assert.Equal("2", summary.Groups[1].Value);
        Assert.Equal("0", summary.Groups[2].Value);
        Assert.Equal("0", summary.Groups[3].Value);
    }

    [Fact]
    public void Empty_vault_is_fine()
    {
        using var vault = new TempVault();
        var run = Notelsp.Check(vault.Root);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Equal("0", Summary(run).Groups[1].Value);
    }

    [Fact]
    public void Broken_link_is_one_warning_line_and_exit_0()
    {
        using var vault = new TempVault().Write("a.md", BrokenLinkNote);

        var run = Notelsp.Check(vault.Root);

        Assert.Equal(0, run.ExitCode);
        var line = Assert.Single(run.Lines);
        Assert.StartsWith("a.md:3:7: warning link-broken: ", line);
        Assert.True(line.Length > "a.md:3:7: warning link-broken: ".Length, "the message is not empty");
        Assert.Equal("1", Summary(run).Groups[3].Value);
    }

    [Fact]
    public void Invalid_timestamp_is_an_error_and_exits_1()
    {
        using var vault = new TempVault().Write("talk.md", "---\nvideoId: dQw4w9WgXcQ\n---\n# Talk\n\nAt [75:99](#75:99) it starts.\n");

        var run = Notelsp.Check(vault.Root);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(run.Lines, l => l.StartsWith("talk.md:6:", StringComparison.Ordinal) && l.Contains(": error timestamp-invalid: "));
        Assert.NotEqual("0", Summary(run).Groups[2].Value);
    }

    [Fact]
    public void Columns_after_emoji_count_utf16_units()
    {
        // Each 😀 is two UTF-16 units (one code point): the target starts at UTF-16 column 8, code point column 6.
        using var vault = new TempVault().Write("a.md", "😀😀 [[missing]]\n");

        var run = Notelsp.Check(vault.Root);

        Assert.StartsWith("a.md:1:8: warning link-broken: ", Assert.Single(run.Lines));
    }

    [Fact]
    public void Output_is_sorted_by_path_then_line_then_column()
    {
        var lines = string.Join("", Enumerable.Range(1, 12).Select(i => i switch
        {
            2 => "[[gone2]]\n",
            10 => "x [[gone10b]] [[gone10c]]\n",
            _ => "text\n",
        }));
        using var vault = new TempVault()
            .Write("b.md", "[[gone-b]]\n")
            .Write("a.md", lines)
            .Write("sub/c.md", "\n[[gone-c]]\n")
            .Write("a b.md", "[[gone-ab]]\n");

        var run = Notelsp.Check(vault.Root);

        var locations = run.Lines.Select(l => Regex.Match(l, @"^(.+?):(\d+):(\d+): ")).Select(m => (Path: m.Groups[1].Value, Line: int.Parse(m.Groups[2].Value), Column: int.Parse(m.Groups[3].Value))).ToList();
        Assert.Equal(
            [("a b.md", 1, 3), ("a.md", 2, 3), ("a.md", 10, 5), ("a.md", 10, 17), ("b.md", 1, 3), ("sub/c.md", 2, 3)],
            locations);
    }

    [Fact]
    public void Missing_directory_exits_2_with_a_message_and_no_stack_trace()
    {
        using var vault = new TempVault();
        var missing = Path.Combine(vault.Root, "no-such-vault");

        var run = Notelsp.Check(missing);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Contains("no-such-vault", run.Stderr);
        Assert.Contains("does not exist", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.DoesNotContain("Exception", run.Stderr);
    }

    [Fact]
    public void A_file_instead_of_a_directory_exits_2()
    {
        using var vault = new TempVault().Write("a.md", "x");
        var run = Notelsp.Check(Path.Combine(vault.Root, "a.md"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("not a folder", run.Stderr);
    }

    [Theory]
    [InlineData("check", "--format", "xml")]
    [InlineData("check", "a", "b")]
    [InlineData("frobnicate")]
    public void Bad_usage_exits_2(params string[] args)
    {
        var run = Notelsp.Run(null, args);

        Assert.Equal(2, run.ExitCode);
        Assert.NotEqual("", run.Stderr.Trim());
        Assert.DoesNotContain("   at ", run.Stderr);
    }

    [Fact]
    public void Bad_config_is_reported_on_stderr_and_the_defaults_are_used()
    {
        // Were `extensions: [txt` half-applied, the .md note would not be checked at all.
        using var vault = new TempVault()
            .Write(".notelsp.yml", "extensions: [txt\nseverities: {link-broken: off}\n")
            .Write("a.md", BrokenLinkNote);

        var run = Notelsp.Check(vault.Root);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(".notelsp.yml:", run.Stderr);
        Assert.StartsWith("a.md:3:7: warning link-broken: ", Assert.Single(run.Lines));
    }

    [Fact]
    public void Config_severity_error_turns_exit_0_into_1()
    {
        using var vault = new TempVault()
            .Write(".notelsp.yml", "severities:\n  link-broken: error\n")
            .Write("a.md", BrokenLinkNote);

        var run = Notelsp.Check(vault.Root);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("a.md:3:7: error link-broken: ", Assert.Single(run.Lines));
        Assert.Equal("1", Summary(run).Groups[2].Value);
    }

    [Fact]
    public void Config_severity_off_removes_the_line()
    {
        using var vault = new TempVault()
            .Write(".notelsp.yml", "severities:\n  link-broken: off\n")
            .Write("a.md", BrokenLinkNote);

        var run = Notelsp.Check(vault.Root);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public void Config_option_replaces_the_vault_config()
    {
        using var vault = new TempVault()
            .Write(".notelsp.yml", "severities:\n  link-broken: off\n")
            .Write("a.md", BrokenLinkNote);
        using var elsewhere = new TempVault().Write("strict.yml", "severities:\n  link-broken: error\n");

        var run = Notelsp.Check(vault.Root, "--config", Path.Combine(elsewhere.Root, "strict.yml"));

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("a.md:3:7: error link-broken: ", Assert.Single(run.Lines));
    }

    [Fact]
    public void Missing_config_option_file_exits_2()
    {
        using var vault = new TempVault().Write("a.md", "x");
        var run = Notelsp.Check(vault.Root, "--config", Path.Combine(vault.Root, "absent.yml"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("absent.yml", run.Stderr);
    }

    [Fact]
    public void Directory_defaults_to_the_current_folder()
    {
        using var vault = new TempVault().Write("a.md", BrokenLinkNote);

        var run = Notelsp.Run(vault.Root, "check");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("a.md:3:7: warning link-broken: ", Assert.Single(run.Lines));
    }

    [Fact]
    public void Scan_issues_go_to_stderr_as_path_and_message()
    {
        using var vault = new TempVault()
            .Write(".notelsp.yml", "maxFileBytes: 100\n")
            .Write("big.md", new string('x', 300))
            .Write("small.md", "# Small\n");

        var run = Notelsp.Check(vault.Root);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("big.md: skipped: 300 bytes is over maxFileBytes (100 bytes)", run.Stderr.Split('\n'));
        Assert.Equal("1", Summary(run).Groups[1].Value);
    }

    [Fact]
    public void Invalid_utf8_note_gets_an_encoding_warning()
    {
        using var vault = new TempVault().WriteBytes("latin1.md", [.. "# Caf"u8.ToArray(), 0xE9, .. "\n"u8.ToArray()]);

        var run = Notelsp.Check(vault.Root);

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("latin1.md:1:6: warning encoding-invalid: ", Assert.Single(run.Lines));
    }

    [Fact]
    public void A_footnote_without_its_definition_is_a_warning()
    {
        using var vault = new TempVault().Write("essay.md", "A claim[^1] and another[^2].\n\n[^1]: The source.\n");

        var run = Notelsp.Check(vault.Root);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("essay.md:1:24: warning footnote-broken: No definition of the footnote [^2] in this note (add a line \"[^2]: …\")", Assert.Single(run.Lines));
    }

    [Fact]
    public void Version_prints_the_version()
    {
        var run = Notelsp.Run(null, "--version");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith(CheckOutput.ToolVersion, run.Stdout.Trim());
        Assert.Matches(@"^\d+\.\d+\.\d+", run.Stdout.Trim());
    }
}
