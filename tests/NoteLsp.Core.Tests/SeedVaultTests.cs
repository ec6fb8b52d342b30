using System.Text.RegularExpressions;
using NoteLsp.Core.Diagnostics;
using NoteLsp.Core.Index;
using NoteLsp.Core.Model;
using NoteLsp.Core.Names;
using NoteLsp.Core.Parsing;
using NoteLsp.Core.Text;
using Seeds = NoteLsp.Tests.Shared.SeedFolders;

namespace NoteLsp.Core.Tests;

/// <summary>
/// A vault of the two seed notes: exactly the links that are really broken are reported, the seeds' links to each other
/// resolve, and their timestamps are fine. Runs on the committed skeletons (same front matter, headings, links and
/// timestamps on the same lines, prose replaced by filler) and, when present, on the real seeds.
/// </summary>
public partial class SeedVaultTests
{
    private const string DevelopmentSeed = "development_and_challenges_in_ai_scaling_and_optimization.md";
    private const string ScalingSeed = "scaling_challenges_and_opportunities_in_ai.md";

    /// <summary>The wikilink targets in raw text, read without the parser (so the two cross-check each other).</summary>
    [GeneratedRegex(@"\[\[(?<target>[^\]|#\n]*)[^\]\n]*\]\]")]
    private static partial Regex RawWikiTarget();

    /// <summary>Both timestamp forms in raw text.</summary>
    [GeneratedRegex(@"class=""yt-timestamp""|\[[0-9:]+\]\(#[0-9:]+\)")]
    private static partial Regex RawTimestamp();

    public static TheoryData<string> SeedFolders()
    {
        var folders = new TheoryData<string> { "skeleton" };
        if (RealSeedsFolder() is not null) folders.Add("real");
        return folders;
    }

    private static string SkeletonFolder() => Seeds.Skeletons;


    private static string? RealSeedsFolder() => Seeds.Real(ScalingSeed);

    private static Dictionary<string, string> ReadSeeds(string which)
    {
        var folder = which == "real" ? RealSeedsFolder()! : SkeletonFolder();
        return Directory.GetFiles(folder, "*.md").ToDictionary(f => Path.GetFileName(f), f => File.ReadAllText(f));
    }

    private static (VaultSnapshot Snapshot, Dictionary<string, string> Texts) SeedVault(string which)
    {
        var texts = ReadSeeds(which);
        Assert.Equal([DevelopmentSeed, ScalingSeed], texts.Keys.Order(StringComparer.Ordinal));
        return (VaultSnapshot.Build(texts.Select(kv => NoteParser.Parse(kv.Key, kv.Value))), texts);
    }

    [Theory]
    [MemberData(nameof(SeedFolders))]
    public void Exactly_the_targets_missing_from_the_vault_are_broken(string which)
    {
        var (snapshot, texts) = SeedVault(which);
        var stemKeys = snapshot.Notes.Select(n => NoteNames.Key(n.Stem)).ToHashSet();

        foreach (var (path, text) in texts)
        {
            var expected = RawWikiTarget().Matches(text)
                .Select(m => m.Groups["target"].Value.Trim())
                .Where(target => !stemKeys.Contains(NoteNames.Key(target)))
                .ToList();
            Assert.NotEmpty(expected);

            var broken = NoteDiagnostics.Compute(snapshot, snapshot.GetNote(path)!, DiagnosticOptions.Default)
                .Where(d => d.Code == DiagnosticCode.LinkBroken)
                .ToList();

            // Each broken diagnostic sits exactly on its target text, in text order.
            Assert.Equal(expected, broken.Select(d => TextAt(text, d.Range)));
            Assert.All(broken, d => Assert.Contains($"No note named \"{TextAt(text, d.Range)}\"", d.Message));
        }
    }

    [Theory]
    [MemberData(nameof(SeedFolders))]
    public void The_broken_targets_of_one_seed_match_a_hand_written_list(string which)
    {
        var (snapshot, texts) = SeedVault(which);
        var note = snapshot.GetNote(ScalingSeed)!;

        var broken = NoteDiagnostics.Compute(snapshot, note, DiagnosticOptions.Default)
            .Where(d => d.Code == DiagnosticCode.LinkBroken)
            .Select(d => TextAt(texts[ScalingSeed], d.Range));

        Assert.Equal(
        [
            "DwarkeshPatel",
            "artificial_intelligence_and_general_intelligence",
            "long_context_lengths_in_language_models",
            "comparison_between_human_intelligence_and_ai_learning_techniques",
            "ai_alignment_challenges_and_strategies",
            "economic_impact_of_ai_and_automation_on_global_growth",
            "ai_scaling_and_its_effectiveness",
            "infrastructure_demands_for_ai_and_compute_scalability",
            "challenges_and_advancements_in_computing_infrastructure",
            "intelligence_explosion_and_ai_progress",
            "artificial_general_intelligence_agi_and_its_implications_for_mathematics",
            "limitations_of_large_language_models_in_solving_novel_tasks",
            "economic_and_societal_impact_of_ai_integration",
        ], broken);
    }

    [Theory]
    [MemberData(nameof(SeedFolders))]
    public void The_seeds_links_to_each_other_resolve_and_count_as_backlinks(string which)
    {
        var (snapshot, texts) = SeedVault(which);
        var development = snapshot.GetNote(DevelopmentSeed)!;
        var scaling = snapshot.GetNote(ScalingSeed)!;

        var toScaling = development.WikiLinks.Single(l => l.Target == "scaling_challenges_and_opportunities_in_ai");
        var resolution = snapshot.Resolve(development, toScaling);
        Assert.Equal(ScalingSeed, resolution.Target?.Path);
        Assert.Equal(MatchRank.Stem, resolution.Rank);
        Assert.Equal("scaling challenges and opportunities in AI", TextAt(texts[DevelopmentSeed], toScaling.LabelRange!.Value));

        var toDevelopment = scaling.WikiLinks.Single(l => l.Target == "development_and_challenges_in_ai_scaling_and_optimization");
        Assert.Equal(DevelopmentSeed, snapshot.Resolve(scaling, toDevelopment).Target?.Path);

        Assert.Equal(1, snapshot.BacklinkCount(ScalingSeed));
        Assert.Equal(1, snapshot.BacklinkCount(DevelopmentSeed));
        // The seeds' titles (front matter) are what their slugs were made from.
        Assert.Equal(development.Stem, NoteNames.Slug(development.Title));
        Assert.Equal(scaling.Stem, NoteNames.Slug(scaling.Title));
    }

    [Theory]
    [MemberData(nameof(SeedFolders))]
    public void The_seeds_have_no_problem_other_than_broken_links(string which)
    {
        var (snapshot, texts) = SeedVault(which);

        foreach (var note in snapshot.Notes)
        {
            // Not vacuous: every timestamp in the text was found, in both forms.
            Assert.Equal(RawTimestamp().Matches(texts[note.Path]).Count, note.Timestamps.Length);
            Assert.NotEmpty(note.Timestamps);
            Assert.Equal(11, note.VideoId?.Value.Length);

            var others = NoteDiagnostics.Compute(snapshot, note, DiagnosticOptions.Default).Where(d => d.Code != DiagnosticCode.LinkBroken);
            Assert.Empty(others);
        }
        Assert.Equal(TimestampFormOf(snapshot, DevelopmentSeed), [Model.TimestampForm.HtmlAnchor]);
        Assert.Equal(TimestampFormOf(snapshot, ScalingSeed), [Model.TimestampForm.MarkdownLink]);
    }

    [Fact]
    public void The_skeletons_keep_every_link_and_timestamp_of_the_real_seeds_on_the_same_line()
    {
        if (RealSeedsFolder() is null) return; // Nothing to compare with on machines without the seeds.
        var real = ReadSeeds("real");
        var skeleton = ReadSeeds("skeleton");
        foreach (var (path, text) in real)
        {
            var realNote = NoteParser.Parse(path, text);
            var skeletonNote = NoteParser.Parse(path, skeleton[path]);
            Assert.Equal(realNote.Title, skeletonNote.Title);
            Assert.Equal(realNote.VideoId?.Value, skeletonNote.VideoId?.Value);
            Assert.Equal(realNote.Headings.Select(h => (h.Text, h.Level, h.Range.Start.Line)), skeletonNote.Headings.Select(h => (h.Text, h.Level, h.Range.Start.Line)));
            Assert.Equal(
                realNote.WikiLinks.Select(l => (l.Target, LabelOf(text, l), l.Range.Start.Line)),
                skeletonNote.WikiLinks.Select(l => (l.Target, LabelOf(skeleton[path], l), l.Range.Start.Line)));
            Assert.Equal(
                realNote.Timestamps.Select(t => (t.Form, t.TargetText, t.DisplayText, t.Range.Start.Line)),
                skeletonNote.Timestamps.Select(t => (t.Form, t.TargetText, t.DisplayText, t.Range.Start.Line)));
            Assert.Equal(realNote.MarkdownLinks.Length, skeletonNote.MarkdownLinks.Length);
        }
    }

    private static Model.TimestampForm[] TimestampFormOf(VaultSnapshot snapshot, string path) =>
        snapshot.GetNote(path)!.Timestamps.Select(t => t.Form).Distinct().ToArray();

    private static string? LabelOf(string text, WikiLink link) => link.LabelRange is { } range ? TextAt(text, range) : null;

    private static string TextAt(string text, TextRange range)
    {
        var map = LineMap.Build(text);
        var start = map.OffsetAt(text, range.Start);
        return text[start..map.OffsetAt(text, range.End)];
    }
}
