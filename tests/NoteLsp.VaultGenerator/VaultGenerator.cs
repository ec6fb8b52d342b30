namespace NoteLsp.VaultGenerator;

/// <summary>Writes a deterministic vault of transcript-like notes with planted problems, and says exactly what a checker must find.</summary>
public static class VaultGenerator
{
    /// <summary>Order in which definition samples are drawn, so every kind of link is represented.</summary>
    private static readonly string[] SampleKinds =
        ["stem", "heading", "block", "title", "title-as-stem", "alias", "path", "markdown", "markdown-heading", "folded", "table", "embed"];

    /// <summary>
    /// Generates the vault into outputDir (created; must be empty or absent) and returns the ground truth,
    /// also written as <see cref="GeneratorOptions.GroundTruthFileName"/> at the vault root (a hidden file scanning skips).
    /// </summary>
    public static GroundTruth Generate(GeneratorOptions options, string outputDir)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (Directory.Exists(outputDir) && Directory.EnumerateFileSystemEntries(outputDir).Any())
        {
            throw new IOException($"The output folder is not empty: {outputDir}");
        }
        Directory.CreateDirectory(outputDir);

        var plan = VaultPlan.Create(options);
        foreach (var folder in plan.Notes.Select(n => n.Folder).Where(f => f.Length > 0).Distinct(StringComparer.Ordinal))
        {
            Directory.CreateDirectory(Path.Combine(outputDir, folder));
        }

        var results = new NoteResult[plan.Notes.Length];
        // Creating a file mostly waits on the file system, so more writers than cores keep the disk busy.
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism ?? Math.Max(8, 4 * Environment.ProcessorCount) };
        Parallel.For(0, plan.Notes.Length, parallel, i => results[i] = NoteComposer.Compose(plan, plan.Notes[i], outputDir));

        var truth = Summarize(plan, results);
        if (options.GroundTruthFileName is { } name)
        {
            File.WriteAllText(Path.Combine(outputDir, name), truth.ToJson());
        }
        return truth;
    }

    private static GroundTruth Summarize(VaultPlan plan, NoteResult[] results)
    {
        var notes = plan.Notes;
        var ranked = Enumerable.Range(0, notes.Length)
            .OrderByDescending(i => plan.Backlinks[i])
            .ThenBy(i => notes[i].Path, StringComparer.Ordinal)
            .Take(5)
            .Select(i => new BacklinkTally(notes[i].Path, plan.Backlinks[i]))
            .ToArray();
        var mostLinked = notes.First(n => n.Path == ranked[0].Path);

        var problems = results.SelectMany(r => r.Problems)
            .OrderBy(p => p.Path, StringComparer.Ordinal).ThenBy(p => p.Line).ThenBy(p => p.Character).ThenBy(p => p.Code, StringComparer.Ordinal)
            .ToArray();

        var completion = results.Select(r => r.Completion).Single(c => c is not null)!
            with
        { ExpectedPath = mostLinked.Path, ExpectedStem = mostLinked.Stem };

        return new GroundTruth
        {
            Seed = plan.Options.Seed,
            NoteCount = notes.Length,
            TotalBytes = results.Sum(r => r.Bytes),
            LinkCount = results.Sum(r => r.LinkCount),
            TimestampCount = results.Sum(r => r.TimestampCount),
            MostLinkedPath = ranked[0].Path,
            MostLinkedBacklinks = ranked[0].Count,
            TopLinked = ranked,
            Problems = problems,
            Definitions = PickSamples(plan, results),
            Completion = completion,
        };
    }

    /// <summary>Round-robin over the kinds of link, each kind's samples spread evenly over the vault.</summary>
    private static DefinitionSample[] PickSamples(VaultPlan plan, NoteResult[] results)
    {
        var byKind = new Dictionary<string, List<DefinitionSample>>(StringComparer.Ordinal);
        for (var i = 0; i < results.Length; i++)
        {
            foreach (var draft in results[i].Samples)
            {
                var target = plan.Notes[draft.Target];
                int? targetLine = draft.HeadingIndex >= 0 ? results[draft.Target].HeadingLines[draft.HeadingIndex]
                    : draft.BlockIndex >= 0 ? results[draft.Target].BlockLines[draft.BlockIndex]
                    : null;
                var sample = new DefinitionSample(plan.Notes[i].Path, draft.Line, draft.Character, draft.Kind, draft.LinkText, target.Path, targetLine);
                if (!byKind.TryGetValue(draft.Kind, out var list)) byKind[draft.Kind] = list = [];
                list.Add(sample);
            }
        }

        var wanted = plan.Options.DefinitionSamples;
        var queues = SampleKinds.Where(byKind.ContainsKey).Select(k => Spread(byKind[k], wanted)).ToList();
        var picked = new List<DefinitionSample>(wanted);
        for (var round = 0; picked.Count < wanted && queues.Any(q => round < q.Count); round++)
        {
            foreach (var queue in queues)
            {
                if (round < queue.Count && picked.Count < wanted) picked.Add(queue[round]);
            }
        }
        return picked.ToArray();
    }

    private static List<DefinitionSample> Spread(List<DefinitionSample> items, int count)
    {
        if (items.Count <= count) return items;
        var result = new List<DefinitionSample>(count);
        for (var k = 0; k < count; k++) result.Add(items[(int)((long)k * items.Count / count)]);
        return result;
    }

    /// <summary>A few lines for people: what was written, where the problems are.</summary>
    public static string Describe(GroundTruth truth, string outputDir, TimeSpan elapsed)
    {
        var lines = new List<string>
        {
            $"Wrote {truth.NoteCount} notes ({truth.TotalBytes / 1024.0 / 1024.0:0.0} MB) to {outputDir} in {elapsed.TotalSeconds:0.00} s (seed {truth.Seed}).",
            $"{truth.LinkCount} links, {truth.TimestampCount} timestamps; most linked: {truth.MostLinkedPath} ({truth.MostLinkedBacklinks} backlinks).",
            $"{truth.Problems.Count} planted problems:",
        };
        foreach (var (code, count) in truth.ProblemCountsByCode()) lines.Add($"  {code,-24} {count}");
        return string.Join(Environment.NewLine, lines);
    }
}
