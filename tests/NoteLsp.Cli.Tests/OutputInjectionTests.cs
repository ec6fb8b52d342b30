using System.Text.Json;

namespace NoteLsp.Cli.Tests;

/// <summary>
/// File names and note text are the vault's, and a vault is untrusted: no name or message may start a line of its own
/// in `notelsp check` output. GitHub Actions runs every output line that begins with `::` as a workflow command, so a
/// note named `evil\n::error …\n.md` must not become an annotation (or `::add-mask::`, `::stop-commands::`).
/// </summary>
public class OutputInjectionTests
{
    private const string NewlineName = "evil\n::error file=pwned.md,line=1::INJECTED\n.md";
    private const string CarriageReturnName = "cr\r::warning file=pwned.md::INJECTED.md";
    private const string ColonName = "::notice file=pwned.md::INJECTED.md";
    private const string EscapeName = "esc\u001b[2Kgone\u2028::error::x.md";

    private static readonly string[] HostileNames = [NewlineName, CarriageReturnName, ColonName, EscapeName];

    /// <summary>Each hostile note has one broken link, whose target (quoted in the message) carries a bidi override and DEL.</summary>
    private static TempVault HostileVault()
    {
        var vault = new TempVault();
        foreach (var name in HostileNames) vault.Write(name, "# Note\n\nSee [[miss\u202Eing\u007F]] here.\n");
        return vault;
    }

    /// <summary>Lines as a runner or terminal sees them: CR, LF, NEL and the Unicode separators all end one.</summary>
    private static string[] Lines(string output) => output.Split(['\n', '\r', '\u0085', '\u2028', '\u2029']);

    private static void AssertNoForgedCommand(string output, int realAnnotations = 0)
    {
        var commands = Lines(output).Where(l => l.TrimStart().StartsWith("::", StringComparison.Ordinal)).ToList();
        Assert.Equal(realAnnotations, commands.Count);
        Assert.DoesNotContain(output, c => c == '\u001b');
    }

    [Fact]
    public void Text_output_escapes_hostile_names_and_messages_on_one_line_each()
    {
        using var vault = HostileVault();
        var run = Notelsp.Check(vault.Root);

        AssertNoForgedCommand(run.Stdout);
        AssertNoForgedCommand(run.Stderr);
        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(HostileNames.Length, lines.Length);
        Assert.Contains(lines, l => l.StartsWith("evil\\n::error file=pwned.md,line=1::INJECTED\\n.md:3:7: warning link-broken: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("cr\\r::warning file=pwned.md::INJECTED.md:3:7: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("./::notice file=pwned.md::INJECTED.md:3:7: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("esc\\u001B[2Kgone\\u2028::error::x.md:3:7: ", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.Contains("miss\\u202Eing\\u007F", l));
    }

    [Fact]
    public void Github_output_has_exactly_one_annotation_per_problem_with_escaped_properties()
    {
        using var vault = HostileVault();
        var run = Notelsp.Check(vault.Root, "--format", "github");

        AssertNoForgedCommand(run.Stdout, realAnnotations: HostileNames.Length);
        AssertNoForgedCommand(run.Stderr);
        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(HostileNames.Length, lines.Length);
        Assert.All(lines, l => Assert.StartsWith("::warning file=", l));
        // GitHub's own escapes, which the runner decodes back to the real name: %0A, %0D, %3A, %2C.
        Assert.Contains("::warning file=evil%0A%3A%3Aerror file=pwned.md%2Cline=1%3A%3AINJECTED%0A.md,line=3,", run.Stdout);
        Assert.Contains("::warning file=cr%0D%3A%3Awarning file=pwned.md%3A%3AINJECTED.md,line=3,", run.Stdout);
        Assert.Contains("::warning file=%3A%3Anotice file=pwned.md%3A%3AINJECTED.md,line=3,", run.Stdout);
        Assert.All(lines, l => Assert.Contains("miss\\u202Eing\\u007F", l));
    }

    [Fact]
    public void Json_output_round_trips_the_hostile_names_and_keeps_them_inside_strings()
    {
        using var vault = HostileVault();
        var run = Notelsp.Check(vault.Root, "--format", "json");

        AssertNoForgedCommand(run.Stdout);
        using var json = JsonDocument.Parse(run.Stdout);
        var paths = json.RootElement.EnumerateArray().Select(p => p.GetProperty("path").GetString()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(HostileNames.Order(StringComparer.Ordinal), paths);
    }

    [Fact]
    public void Sarif_output_round_trips_the_hostile_names_as_encoded_uris()
    {
        using var vault = HostileVault();
        var run = Notelsp.Check(vault.Root, "--format", "sarif");

        AssertNoForgedCommand(run.Stdout);
        using var json = JsonDocument.Parse(run.Stdout);
        var uris = json.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Select(r => r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString()!)
            .ToList();
        Assert.All(uris, u => Assert.DoesNotContain(u, c => char.IsControl(c) || c == ':'));
        Assert.Equal(HostileNames.Order(StringComparer.Ordinal), uris.Select(Uri.UnescapeDataString).Order(StringComparer.Ordinal));
    }
}
