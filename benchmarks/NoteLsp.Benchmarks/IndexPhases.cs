using System.Diagnostics;
using System.Globalization;
using NoteLsp.Core.Cache;
using NoteLsp.Core.Config;
using NoteLsp.Core.Diagnostics;
using NoteLsp.Core.Features;
using NoteLsp.Core.Files;
using NoteLsp.Core.Index;
using NoteLsp.Core.Model;
using NoteLsp.Core.Parsing;
using NoteLsp.Core.Text;

namespace NoteLsp.Benchmarks;

/// <summary>
/// Where indexing's time goes, phase by phase, in one process (no LSP): enumerate, open the note cache, read and parse
/// (batches of 512 on all cores, as the server's indexer), build the snapshot, write the cache when it changed,
/// diagnose every note on all cores, then references to the most-linked note three times, its rename from a link by
/// file name three times (the Core plan: what the server's rename handler starts with), and references on a rebuilt snapshot.
/// Each phase prints its wall and CPU time, the GC counts and total pause so far, and the heap. Run it twice with the
/// same cache folder for the cold and the warm path; not a BenchmarkDotNet class (one pass is the point).
///   dotnet benchmarks/NoteLsp.Benchmarks/bin/Release/net10.0/NoteLsp.Benchmarks.dll --phases VAULT CACHE-DIR
/// </summary>
public static class IndexPhases
{
    public static void Run(string root, string cacheDirectory)
    {
        var process = Process.GetCurrentProcess();
        double Cpu()
        {
            process.Refresh();
            return process.TotalProcessorTime.TotalMilliseconds;
        }
        var clock = Stopwatch.StartNew();
        var cpu = Cpu();
        var wall = 0L;
        void Phase(string what)
        {
            var now = Cpu();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{what}: {clock.ElapsedMilliseconds - wall} ms wall, {now - cpu:0} ms CPU; GC {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}, paused {GC.GetTotalPauseDuration().TotalMilliseconds:0} ms so far; heap {GC.GetTotalMemory(false) >> 20} MB"));
            cpu = now;
            wall = clock.ElapsedMilliseconds;
        }

        var config = NoteLspConfig.Default;
        var issues = new List<ScanIssue>();
        var (paths, stamps, _) = VaultScanner.EnumerateFilesWithStamps(root, config, issues);
        Phase($"enumerate ({paths.Count} notes)");
        var cache = NoteCache.Open(root, config, cacheDirectory, Console.WriteLine);
        Phase($"open the note cache ({cache?.LoadedCount ?? 0} notes)");
        var rootReal = SafeFile.RealRoot(root);
        var notes = new List<ParsedNote>(paths.Count);
        for (var start = 0; start < paths.Count; start += 512)
        {
            var count = Math.Min(512, paths.Count - start);
            notes.AddRange(VaultScanner.ReadNotes(root, rootReal, paths.Skip(start).Take(count).ToList(), config, issues, cache: cache,
                stamps: stamps.Skip(start).Take(count).ToList()));
        }
        Phase("read and parse");
        var linkSources = Environment.GetEnvironmentVariable("NOSEED") is null ? cache?.LinkSources : null;
        var snapshot = VaultSnapshot.Build(notes, config.Extensions, linkSources);
        Phase(linkSources is null ? "build the snapshot" : "build the snapshot (link sources from the note cache)");
        if (cache is { NeedsSave: true })
        {
            cache.Save();
            Phase("write the note cache");
        }
        NoteCompletion.PrepareIndexes(snapshot);
        Phase("completion indexes (names, bare `[[` ranking, unwritten targets, note paths)");
        {
            // What an editor's first "[[" does after that: open a note (parsed in full, a new snapshot), then complete.
            var opened = snapshot.Notes.First();
            var text = File.ReadAllText(Path.Combine(root, opened.Path)) + "\n[[";
            var withOpen = snapshot.WithNote(NoteParser.Parse(opened.Path, text));
            Phase("open a note (parsed in full, a new snapshot)");
            var lines = text.Split('\n');
            var items = NoteCompletion.Complete(withOpen, withOpen.GetNote(opened.Path), opened.Path, lines[^1], new TextPosition(lines.Length - 1, 2)).Items.Count;
            Phase($"then the first bare `[[` ({items} items)");
            items = NoteCompletion.Complete(withOpen, withOpen.GetNote(opened.Path), opened.Path, lines[^1], new TextPosition(lines.Length - 1, 2)).Items.Count;
            Phase($"the second bare `[[` ({items} items)");
            // The user finishes a link (a new link key in the note), then types "[[" again.
            var linked = text + "Unheard Of Topic]] and [[";
            var withLink = withOpen.WithNote(NoteParser.Parse(opened.Path, linked));
            Phase("add a link to a note not written yet (a new snapshot)");
            var linkedLines = linked.Split('\n');
            items = NoteCompletion.Complete(withLink, withLink.GetNote(opened.Path), opened.Path, linkedLines[^1], new TextPosition(linkedLines.Length - 1, linkedLines[^1].Length)).Items.Count;
            Phase($"then bare `[[` ({items} items)");
            // The user gives the note a title of its own (a name changes), then types "[[" again.
            var titled = "---\ntitle: A Title Of Its Own\n---\n" + linked;
            var withTitle = withLink.WithNote(NoteParser.Parse(opened.Path, titled));
            var titledLines = titled.Split('\n');
            items = NoteCompletion.Complete(withTitle, withTitle.GetNote(opened.Path), opened.Path, titledLines[^1], new TextPosition(titledLines.Length - 1, titledLines[^1].Length)).Items.Count;
            Phase($"retitle the note, then bare `[[` ({items} items)");
            // The user creates a note, then types a Markdown link's path.
            var withNew = withTitle.WithNote(NoteParser.Parse("zz new note.md", "# New\n"));
            Phase("create a note (a new snapshot)");
            var pathLine = titled + "\nsee [text](";
            var pathLines = pathLine.Split('\n');
            items = NoteCompletion.Complete(withNew, withTitle.GetNote(opened.Path), opened.Path, pathLines[^1], new TextPosition(pathLines.Length - 1, pathLines[^1].Length)).Items.Count;
            Phase($"then `[text](` ({items} items)");
            items = NoteCompletion.Complete(withNew, withTitle.GetNote(opened.Path), opened.Path, pathLines[^1], new TextPosition(pathLines.Length - 1, pathLines[^1].Length)).Items.Count;
            Phase($"`[text](` again ({items} items)");
            var withSecond = withNew.WithNote(NoteParser.Parse("zz second note.md", "# Second\n"));
            items = NoteCompletion.Complete(withSecond, withTitle.GetNote(opened.Path), opened.Path, pathLines[^1], new TextPosition(pathLines.Length - 1, pathLines[^1].Length)).Items.Count;
            Phase($"create a second note, then `[text](` ({items} items)");
        }
        var all = snapshot.Notes.ToList();
        var problems = 0;
        Parallel.For(0, all.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i => Interlocked.Add(ref problems, NoteDiagnostics.Compute(snapshot, all[i], config.Diagnostics).Length));
        Phase($"diagnose every note ({problems} problems)");
        var target = all.MaxBy(snapshot.LinkingNoteCount)!;
        // Counting every note's linking notes takes 350-400 ms at 100,000 notes: a phase of its own, not the first references'.
        Phase("find the most-linked note");
        for (var i = 0; i < 3; i++)
        {
            var found = NoteReferences.ToNote(snapshot, target, null, false).Count;
            Phase($"references to {target.Path} ({found})");
        }
        // A rename of that note from a link to it by its file name, as an editor's rename at the link asks for.
        var site = snapshot.Notes.SelectMany(n => n.WikiLinks.Select(w => (Note: n, Link: w)))
            .First(s => snapshot.Resolve(s.Note, s.Link) is { Target: { } t, Rank: MatchRank.Stem } && t == target);
        {
            // A keystroke in a note that links to the hub: its link keys stay, so the hub's set of linking notes must not
            // be rebuilt. Twice: the first edit of a set the build made may change its form.
            var siteText = File.ReadAllText(Path.Combine(root, site.Note.Path));
            var edited = snapshot.WithNote(NoteParser.Parse(site.Note.Path, siteText + "\nA"));
            Phase($"type in {site.Note.Path}, which links to the hub (a new snapshot)");
            edited = edited.WithNote(NoteParser.Parse(site.Note.Path, siteText + "\nAb"));
            Phase("type again");
        }
        for (var i = 0; i < 3; i++)
        {
            var plan = NoteRename.Plan(snapshot, site.Note, site.Link.TargetRange.Start, $"{target.Stem}_renamed_{i}");
            Phase($"rename {target.Path} ({plan.EditCount} edits in {plan.Edits.Count} notes)");
            var guard = new NoteLsp.Core.Edits.EditGuard(root, config, snapshot);
            var refused = guard.CheckTextEdits([.. plan.Edits.Keys]) ?? "none refused";
            Phase($"edit guard over the renamed notes, every core ({refused})");
        }
        snapshot = VaultSnapshot.Build(notes, config.Extensions);
        Phase("build again (same notes, every note's link keys looked up)");
        Phase($"references on the new snapshot ({NoteReferences.ToNote(snapshot, target, null, false).Count})");
    }
}
