using System.Text;
using NoteLsp.Core.Config;
using NoteLsp.Core.Diagnostics;
using NoteLsp.Core.Features;
using NoteLsp.Core.Files;
using NoteLsp.Core.Model;
using NoteLsp.Core.Parsing;
using NoteLsp.Core.Text;
using NoteLsp.VaultGenerator;

namespace NoteLsp.Core.Tests;

/// <summary>Two generated vaults (different seeds and line ends), written once for all the tests of the class and deleted after.</summary>
public sealed class GeneratedVaultsFixture : IDisposable
{
    public GeneratedVault Default { get; } = GeneratedVault.Create(new GeneratorOptions { Notes = 300, Seed = 42 });

    /// <summary>Another seed, many "\r\n" notes and a denser set of problems.</summary>
    public GeneratedVault Variant { get; } = GeneratedVault.Create(new GeneratorOptions { Notes = 240, Seed = 7, CrlfRate = 0.4, ProblemRate = 0.12 });

    public GeneratedVault Get(string name) => name == nameof(Default) ? Default : Variant;

    public void Dispose()
    {
        Default.Dispose();
        Variant.Dispose();
    }
}

public sealed class GeneratedVault : IDisposable
{
    private GeneratedVault(string root, GroundTruth truth)
    {
        Root = root;
        Truth = truth;
    }

    public string Root { get; }

    public GroundTruth Truth { get; }

    public static GeneratedVault Create(GeneratorOptions options)
    {
        var root = Path.Combine(Path.GetTempPath(), "notelsp-generated-" + Guid.NewGuid().ToString("N"));
        return new GeneratedVault(root, VaultGenerator.VaultGenerator.Generate(options, root));
    }

    /// <summary>Every note file parsed directly (our own decoding), without the scanner or the index.</summary>
    public IReadOnlyList<ParsedNote> ParseAll() =>
        Directory.EnumerateFiles(Root, "*.md", SearchOption.AllDirectories)
            .Select(file => Parse(Path.GetRelativePath(Root, file).Replace('\\', '/')))
            .OrderBy(n => n.Path, StringComparer.Ordinal)
            .ToList();

    public ParsedNote Parse(string relativePath)
    {
        var bytes = File.ReadAllBytes(Path.Combine(Root, relativePath));
        var hasBom = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble);
        var body = hasBom ? bytes[3..] : bytes;
        var valid = true;
        try { _ = new UTF8Encoding(false, true).GetString(body); }
        catch (DecoderFallbackException) { valid = false; }
        return NoteParser.Parse(relativePath, new UTF8Encoding(false, false).GetString(body), hasInvalidEncoding: !valid);
    }

    public void Dispose()
    {
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
    }
}

/// <summary>
/// A generated vault (tests/NoteLsp.VaultGenerator) checked end to end against its ground truth: the scanner
/// finds every note, diagnostics report exactly the planted problems at their positions, backlink counts and
/// definitions match, and generation is deterministic.
/// </summary>
public sealed class GeneratedVaultTests(GeneratedVaultsFixture vaults) : IClassFixture<GeneratedVaultsFixture>
{
    private readonly record struct Finding(string Path, string Code, int Line, int Character)
    {
        public override string ToString() => $"{Path}:{Line}:{Character} {Code}";
    }

    [Theory]
    [InlineData(nameof(GeneratedVaultsFixture.Default))]
    [InlineData(nameof(GeneratedVaultsFixture.Variant))]
    public void Scan_finds_every_note_and_no_other_file(string name)
    {
        var vault = vaults.Get(name);
        var result = VaultScanner.Scan(vault.Root, NoteLspConfig.Default);

        Assert.Empty(result.Issues);
        Assert.Equal(vault.Truth.NoteCount, result.Snapshot.Count);
        Assert.DoesNotContain(result.Snapshot.Notes, n => n.Path.Contains(GroundTruth.DefaultFileName, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(nameof(GeneratedVaultsFixture.Default))]
    [InlineData(nameof(GeneratedVaultsFixture.Variant))]
    public void Diagnostics_are_exactly_the_planted_problems(string name)
    {
        var vault = vaults.Get(name);
        var snapshot = VaultScanner.Scan(vault.Root, NoteLspConfig.Default).Snapshot;

        var reported = new List<Finding>();
        foreach (var note in snapshot.Notes)
        {
            foreach (var d in NoteDiagnostics.Compute(snapshot, note, DiagnosticOptions.Default))
            {
                Assert.Equal(d.Code.DefaultSeverity(), d.Severity);
                if (d.Severity <= DiagnosticSeverity.Warning) reported.Add(new Finding(note.Path, d.Id, d.Range.Start.Line, d.Range.Start.Character));
            }
        }
        var planted = vault.Truth.Problems.Select(p => new Finding(p.Path, p.Code, p.Line, p.Character)).ToList();

        AssertSameFindings(planted, reported);
        // The vault plants every code (otherwise the comparison above proves less than it seems).
        Assert.Equal(DiagnosticCodes.All.Where(c => c != DiagnosticCode.MentionUnlinked).Select(c => c.Id()).Order(), planted.Select(p => p.Code).Distinct().Order());
    }

    [Theory]
    [InlineData(nameof(GeneratedVaultsFixture.Default))]
    [InlineData(nameof(GeneratedVaultsFixture.Variant))]
    public void Backlink_counts_of_the_most_linked_notes_match_the_ground_truth(string name)
    {
        var vault = vaults.Get(name);
        var snapshot = VaultScanner.Scan(vault.Root, NoteLspConfig.Default).Snapshot;

        Assert.Equal(vault.Truth.MostLinkedBacklinks, snapshot.BacklinkCount(vault.Truth.MostLinkedPath));
        foreach (var tally in vault.Truth.TopLinked)
        {
            Assert.True(tally.Count == snapshot.BacklinkCount(tally.Path), $"{tally.Path}: expected {tally.Count} backlinks, got {snapshot.BacklinkCount(tally.Path)}");
        }
        // The most linked note is linked more than any other note in the vault.
        var top = snapshot.BacklinkCount(vault.Truth.MostLinkedPath);
        Assert.All(snapshot.Notes, n => Assert.True(snapshot.BacklinkCount(n.Path) <= top, $"{n.Path} has more backlinks than the most linked note"));
    }

    [Theory]
    [InlineData(nameof(GeneratedVaultsFixture.Default))]
    [InlineData(nameof(GeneratedVaultsFixture.Variant))]
    public void Definition_samples_lead_to_their_target_note_heading_or_block(string name)
    {
        var vault = vaults.Get(name);
        var snapshot = VaultScanner.Scan(vault.Root, NoteLspConfig.Default).Snapshot;
        Assert.NotEmpty(vault.Truth.Definitions);

        foreach (var sample in vault.Truth.Definitions)
        {
            var source = snapshot.GetNote(sample.SourcePath);
            Assert.NotNull(source);
            var targets = NoteDefinition.Find(snapshot, source, new TextPosition(sample.Line, sample.Character));
            var target = Assert.Single(targets);
            Assert.True(sample.TargetPath == target.TargetPath, $"{sample.Kind} link {sample.LinkText} in {sample.SourcePath}:{sample.Line}:{sample.Character} leads to {target.TargetPath}, expected {sample.TargetPath}");
            if (sample.TargetLine is { } line) Assert.Equal(line, target.TargetRange.Start.Line);
        }
    }

    [Fact]
    public void Parsed_elements_sit_exactly_where_the_problems_were_planted()
    {
        // Parser-level check, independent of the index: each planted position starts the element the code is about.
        var vault = vaults.Default;
        foreach (var problem in vault.Truth.Problems)
        {
            var note = vault.Parse(problem.Path);
            var at = new TextPosition(problem.Line, problem.Character);
            var found = problem.Code switch
            {
                "link-broken" or "link-ambiguous" =>
                    note.WikiLinks.Any(l => l.TargetRange.Start == at) || note.MarkdownLinks.Any(l => l.PathRange.Start == at),
                "heading-broken" => note.WikiLinks.Any(l => l.HeadingRange?.Start == at),
                "block-broken" => note.WikiLinks.Any(l => l.BlockIdRange?.Start == at),
                "link-empty" => note.WikiLinks.Any(l => l.Range.Start == at && l.Target.Length == 0),
                "timestamp-invalid" => note.Timestamps.Any(t => t.TargetRange.Start == at || t.DisplayRange.Start == at),
                "timestamp-mismatch" => note.Timestamps.Any(t => t.DisplayRange.Start == at),
                "timestamp-no-video" => note.VideoId is null && note.Timestamps.Any(t => t.TargetRange.Start == at),
                "timestamp-out-of-range" => note.Duration is not null && note.Timestamps.Any(t => t.TargetRange.Start == at),
                "frontmatter-invalid" => note.FrontMatter?.Error?.Range.Start == at,
                "video-id-invalid" => note.VideoId?.Range.Start == at,
                "encoding-invalid" => note.HasInvalidEncoding && note.InvalidEncodingRange?.Start == at,
                "footnote-broken" => note.Footnotes.Any(f => !f.IsDefinition && f.Range.Start == at),
                _ => false,
            };
            Assert.True(found, $"nothing of kind {problem.Code} starts at {problem.Path}:{problem.Line}:{problem.Character} ({problem.Description})");
        }
    }

    [Fact]
    public void Link_and_timestamp_counts_match_so_code_and_comments_hide_their_links()
    {
        // Code spans, code blocks and HTML comments of the generated notes hold link- and timestamp-like text;
        // the counts only match when none of it is taken for a link and every real one is found.
        var vault = vaults.Default;
        var notes = vault.ParseAll();

        Assert.Equal(vault.Truth.NoteCount, notes.Count);
        Assert.Equal(vault.Truth.LinkCount, notes.Sum(n => n.WikiLinks.Length + n.MarkdownLinks.Length));
        Assert.Equal(vault.Truth.TimestampCount, notes.Sum(n => n.Timestamps.Length));
        Assert.DoesNotContain(notes.SelectMany(n => n.WikiLinks), l => l.Target.Contains("not_a_link", StringComparison.Ordinal) || l.Target.Contains("code_block", StringComparison.Ordinal));
    }

    [Fact]
    public void The_vault_has_embeds_headings_with_markup_and_headings_holding_wikilinks()
    {
        // What renames must preserve and follow: the property tests and benchmarks only see it if the generator writes it.
        var notes = vaults.Default.ParseAll();
        Assert.Contains(notes, n => n.WikiLinks.Any(l => l.IsEmbed));
        foreach (var mark in new[] { "**", "*", "`" })
        {
            Assert.Contains(notes, n => n.Headings.Any(h => h.Source is { } source && source.Contains(mark, StringComparison.Ordinal) && !source.Contains("[[", StringComparison.Ordinal)));
        }
        var linksInHeadings = notes.Sum(n => n.WikiLinks.Count(l => n.Headings.Any(h => h.TextRange.Contains(l.Range.Start))));
        Assert.True(linksInHeadings >= 10, $"only {linksInHeadings} wikilinks inside headings");
    }

    [Fact]
    public void Completion_probe_is_right_after_an_unclosed_double_bracket_that_is_not_a_link()
    {
        var vault = vaults.Default;
        var probe = vault.Truth.Completion;
        var lines = File.ReadAllText(Path.Combine(vault.Root, probe.Path)).ReplaceLineEndings("\n").Split('\n');

        Assert.EndsWith("[[", lines[probe.Line][..probe.Character], StringComparison.Ordinal);
        Assert.DoesNotContain(vault.Parse(probe.Path).WikiLinks, l => l.Range.Start.Line == probe.Line && l.Range.End.Character >= probe.Character);
        Assert.True(File.Exists(Path.Combine(vault.Root, probe.ExpectedPath)));
    }

    [Fact]
    public void The_same_seed_gives_the_same_bytes_and_another_seed_does_not()
    {
        var options = new GeneratorOptions { Notes = 80, Seed = 1234, NoteBytes = 2500 };
        using var first = GeneratedVault.Create(options);
        using var second = GeneratedVault.Create(options with { MaxDegreeOfParallelism = 1 });
        using var other = GeneratedVault.Create(options with { Seed = 1235 });

        var a = Snapshot(first.Root);
        var b = Snapshot(second.Root);
        Assert.Equal(a.Keys, b.Keys);
        foreach (var (path, bytes) in a) Assert.True(bytes.AsSpan().SequenceEqual(b[path]), $"{path} differs between two runs with the same seed");

        var c = Snapshot(other.Root);
        var samePathSameBytes = c.Count(kv => a.TryGetValue(kv.Key, out var bytes) && bytes.AsSpan().SequenceEqual(kv.Value));
        Assert.True(samePathSameBytes < a.Count / 10, $"{samePathSameBytes} of {a.Count} files are identical with another seed");
    }

    private static SortedDictionary<string, byte[]> Snapshot(string root) =>
        new(Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                .ToDictionary(f => Path.GetRelativePath(root, f).Replace('\\', '/'), File.ReadAllBytes),
            StringComparer.Ordinal);

    private static void AssertSameFindings(IReadOnlyCollection<Finding> expected, IReadOnlyCollection<Finding> actual)
    {
        var missing = Minus(expected, actual);
        var unexpected = Minus(actual, expected);
        if (missing.Count == 0 && unexpected.Count == 0) return;
        var message = new StringBuilder();
        message.AppendLine($"{missing.Count} planted problems not reported, {unexpected.Count} reported that were not planted.");
        foreach (var f in missing.Take(25)) message.AppendLine("  missing:    " + f);
        foreach (var f in unexpected.Take(25)) message.AppendLine("  unexpected: " + f);
        Assert.Fail(message.ToString());
    }

    /// <summary>Multiset difference: a finding reported twice but planted once counts once as unexpected.</summary>
    private static List<Finding> Minus(IEnumerable<Finding> left, IEnumerable<Finding> right)
    {
        var counts = right.GroupBy(f => f).ToDictionary(g => g.Key, g => g.Count());
        var result = new List<Finding>();
        foreach (var f in left.OrderBy(f => f.Path, StringComparer.Ordinal).ThenBy(f => f.Line).ThenBy(f => f.Character))
        {
            if (counts.TryGetValue(f, out var n) && n > 0) counts[f] = n - 1;
            else result.Add(f);
        }
        return result;
    }
}
