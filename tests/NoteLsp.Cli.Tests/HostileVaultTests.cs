using System.Diagnostics;

namespace NoteLsp.Cli.Tests;

/// <summary>
/// `notelsp check` (a real process, with a time limit and a 256 MB heap limit) on vaults whose files are hostile:
/// FIFOs, a config linked to /dev/zero, YAML nested without end, mistyped or dangerous settings. It must finish,
/// say what it skipped, and exit 0 or 1, never hang, crash or grow without bound.
/// </summary>
public class HostileVaultTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>Runs `notelsp check DIR` with the GC heap capped: reading a 4 GB file into memory would end it with an out-of-memory crash.</summary>
    private static RunResult CheckBounded(string directory)
    {
        // Run from inside the vault, so paths print vault-relative.
        var run = Notelsp.Run(directory, new Dictionary<string, string> { ["DOTNET_GCHeapHardLimit"] = "0x10000000" }, "check", directory); // 256 MB
        Assert.True(run.ExitCode is 0 or 1, $"exit {run.ExitCode}; stderr:\n{run.Stderr}");
        Assert.DoesNotContain("   at ", run.Stderr); // no stack trace
        return run;
    }

    private static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start("mkfifo", path)!;
        Assert.True(mkfifo.WaitForExit(Timeout));
        Assert.Equal(0, mkfifo.ExitCode);
    }

    [Fact]
    public void A_fifo_named_like_the_config_and_like_a_note_is_skipped_with_a_reason()
    {
        if (OperatingSystem.IsWindows()) return; // no FIFOs there
        using var vault = new TempVault().Write("index.md", "# Index\n\nSee [[x]] and [[real]].\n").Write("real.md", "# Real\n");
        MakeFifo(Path.Combine(vault.Root, ".notelsp.yml"));
        MakeFifo(Path.Combine(vault.Root, "x.md"));

        var run = CheckBounded(vault.Root);

        Assert.Contains(".notelsp.yml: not read (skipped: it is a named pipe (FIFO), not a regular file)", run.Stderr);
        Assert.Contains("x.md: skipped: it is a named pipe (FIFO), not a regular file", run.Stderr);
        Assert.Contains("notelsp: 2 notes", run.Stderr);
        Assert.Contains(run.Lines, l => l.StartsWith("index.md:3:", StringComparison.Ordinal) && l.Contains("link-broken"));
    }

    [Fact]
    public void A_config_linked_to_dev_zero_is_refused_and_memory_stays_bounded()
    {
        if (OperatingSystem.IsWindows()) return; // no /dev/zero there
        using var vault = new TempVault().Write("a.md", "# A\n");
        File.CreateSymbolicLink(Path.Combine(vault.Root, ".notelsp.yml"), "/dev/zero");

        var run = CheckBounded(vault.Root);

        Assert.Contains(".notelsp.yml: not read", run.Stderr);
        Assert.Contains("notelsp: 1 note", run.Stderr);
    }

    [Fact]
    public void A_config_over_one_mib_is_refused_and_the_defaults_are_used()
    {
        using var vault = new TempVault()
            .Write(".notelsp.yml", "extensions: [.txt]\n#" + new string('x', 1024 * 1024) + "\n")
            .Write("a.md", "# A\n");

        var run = CheckBounded(vault.Root);

        Assert.Contains("over the 1 MiB a config file may have", run.Stderr);
        Assert.Contains("notelsp: 1 note", run.Stderr); // .md, not the file's .txt
    }

    [Fact]
    public void A_config_linked_to_a_file_outside_the_vault_is_not_read()
    {
        if (OperatingSystem.IsWindows()) return; // symbolic links need privileges there
        using var outside = new TempVault().Write("config.yml", "extensions: [.txt]\n");
        using var vault = new TempVault().Write("a.md", "# A\n");
        File.CreateSymbolicLink(Path.Combine(vault.Root, ".notelsp.yml"), Path.Combine(outside.Root, "config.yml"));

        var run = CheckBounded(vault.Root);

        Assert.Contains("lies outside the vault", run.Stderr);
        Assert.Contains("notelsp: 1 note", run.Stderr);
    }

    [Theory]
    [InlineData("extensions: ", "[", 120_000)]
    [InlineData("extensions: ", "{a: ", 40_000)]
    [InlineData("extensions:\n  ", "- ", 40_000)] // block lists nested on one line
    public void A_config_nested_without_end_is_reported_and_the_process_exits_normally(string start, string opener, int count)
    {
        using var vault = new TempVault()
            .Write(".notelsp.yml", start + string.Concat(Enumerable.Repeat(opener, count)) + "\n")
            .Write("a.md", "# A\n\nSee [[missing]].\n");

        var run = CheckBounded(vault.Root);

        Assert.Contains("more than 64 levels deep", run.Stderr);
        Assert.Contains("notelsp: 1 note", run.Stderr);
        Assert.StartsWith("a.md:3:7: warning link-broken", Assert.Single(run.Lines));
    }

    [Fact]
    public void Front_matter_nested_without_end_is_frontmatter_invalid()
    {
        using var vault = new TempVault()
            .Write("deep.md", "---\ntags: " + new string('[', 120_000) + "\n---\n# Deep\n")
            .Write("flow.md", "---\nx: " + string.Concat(Enumerable.Repeat("{a: ", 60_000)) + "\n---\n# Flow\n");

        var run = CheckBounded(vault.Root);

        Assert.Contains(run.Lines, l => l.StartsWith("deep.md:2:", StringComparison.Ordinal) && l.Contains("frontmatter-invalid") && l.Contains("64 levels"));
        Assert.Contains(run.Lines, l => l.StartsWith("flow.md:2:", StringComparison.Ordinal) && l.Contains("frontmatter-invalid") && l.Contains("64 levels"));
    }

    [Theory]
    [InlineData("extensions: 987654")]
    [InlineData("extensions: [987654]")]
    [InlineData("extensions: []")]
    [InlineData("extensions: ['']")]
    [InlineData("extensions: ['.']")]
    [InlineData("extensions: ['/987654']")]
    [InlineData("extensions: ['*']")]
    [InlineData("extensions: {a: 987654}")]
    public void Mistyped_extensions_are_reported_without_the_value_and_the_defaults_find_the_notes(string yaml)
    {
        using var vault = new TempVault()
            .Write(".notelsp.yml", yaml + "\nseverities: {link-broken: error}\n")
            .Write("a.md", "# A\n\nSee [[missing]].\n");

        var run = CheckBounded(vault.Root);

        var configLines = run.Stderr.Split('\n').Where(l => l.Contains(".notelsp.yml:", StringComparison.Ordinal)).ToList();
        Assert.Contains(configLines, l => l.Contains("'extensions'"));
        Assert.DoesNotContain("987654", run.Stderr);
        Assert.Contains("notelsp: 1 note", run.Stderr);
        Assert.Equal(1, run.ExitCode); // the rest of the config (severities) still applies
    }

    [Theory]
    [InlineData("command:notelsp.x?{videoId}&t={seconds}")]
    [InlineData("javascript:alert('{videoId}{seconds}')")]
    [InlineData("file:///etc/{videoId}/{seconds}")]
    [InlineData("data:text/html,{videoId}{seconds}")]
    public void A_timestamp_url_template_that_is_not_a_web_address_is_refused(string template)
    {
        using var vault = new TempVault()
            .Write(".notelsp.yml", $"timestampUrlTemplate: \"{template}\"\n")
            .Write("a.md", "# A\n");

        var run = CheckBounded(vault.Root);

        Assert.Contains("'timestampUrlTemplate' must be an https: (or http:) web address", run.Stderr);
        Assert.DoesNotContain(template.Split(':')[0] + ":", run.Stderr);
    }
}
