using System.Text.Json;

namespace NoteLsp.Cli.Tests;

/// <summary>`notelsp check --wanted`: the notes links ask for that are not written yet, most linked to first.</summary>
public class CheckWantedTests
{
    private static TempVault Vault() => new TempVault()
        .Write("a.md", "See [[Long Context]], [[long_context|again]] and [[b]].\n")
        .Write("b.md", "More on [[long context]] and [[Zeta Idea]], [[Alpha Idea]].\n")
        .Write("c.md", "Only [[Zeta idea]]; [[pic.png]] is a missing image, [[sub/deep]] a missing path.\n");

    [Fact]
    public void Text_lists_each_unwritten_target_once_by_link_count_then_name_and_problems_are_not_printed()
    {
        using var vault = Vault();
        var run = Notelsp.Check(vault.Root, "--wanted");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            [
                "Long Context: 3 links in 2 notes",
                "Zeta Idea: 2 links in 2 notes",
                "Alpha Idea: 1 link in 1 note",
            ],
            run.Lines);
        Assert.Contains("3 notes, 3 notes not written yet", run.Stderr);
    }

    [Fact]
    public void Json_is_an_array_of_target_links_and_notes()
    {
        using var vault = Vault();
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var exit = CheckCommand.Run(vault.Root, "json", stdout, stderr, wanted: true);

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(stdout.ToString());
        Assert.Equal(
            """[{"target":"Long Context","links":3,"notes":2},{"target":"Zeta Idea","links":2,"notes":2},{"target":"Alpha Idea","links":1,"notes":1}]""",
            JsonSerializer.Serialize(json.RootElement));
    }

    [Fact]
    public void Sarif_and_github_have_no_wanted_listing()
    {
        using var vault = Vault();
        var run = Notelsp.Check(vault.Root, "--wanted", "--format", "sarif");

        Assert.Equal(CheckCommand.ExitUsage, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Contains("--wanted prints text or json", run.Stderr);
    }
}

/// <summary>Unlinked mentions are an editor hint for open notes: `check` never reports them.</summary>
public class CheckMentionTests
{
    [Fact]
    public void Check_does_not_report_prose_that_names_another_note()
    {
        using var vault = new TempVault()
            .Write("scaling_laws.md", "# Scaling Laws\n")
            .Write("a.md", "Scaling laws again.\n");
        var run = Notelsp.CheckInProcess(vault.Root, "json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("[]", run.Stdout.Trim());
    }

    [Fact]
    public void With_mentions_check_reports_them_as_hints()
    {
        using var vault = new TempVault()
            .Write("scaling_laws.md", "# Scaling Laws\n")
            .Write("a.md", "Scaling laws again.\n");
        var run = Notelsp.Check(vault.Root, "--mentions");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["a.md:1:1: hint mention-unlinked: \"Scaling laws\" names scaling_laws.md, without a link"], run.Lines);
    }
}
