using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NoteLsp.Core.Diagnostics;
using NoteLsp.Core.Index;
using NoteLsp.Core.Model;
using NoteLsp.Core.Names;
using NoteLsp.Core.Parsing;

namespace NoteLsp.Core.Tests;

/// <summary>
/// The incremental index must never drift from a fresh one: after any sequence of adds, changes and removals over a
/// small pool of colliding names, WithNote/WithoutNote give the same answers as Build on the final notes — and every
/// note whose answers changed was reported by NotesAffectedBy.
/// </summary>
public class IndexPropertyTests
{
    public enum OpKind { Put, Remove }

    /// <summary>Put note PathIndex with the text of Variant, or remove it.</summary>
    public sealed record Op(OpKind Kind, int PathIndex, int Variant)
    {
        public override string ToString() => Kind == OpKind.Put ? $"put {Paths[PathIndex]} #{Variant}" : $"remove {Paths[PathIndex]}";
    }

    // Paths whose stems, folders and case collide on purpose.
    private static readonly string[] Paths =
        ["a.md", "b.md", "c.md", "C.md", "folder/a.md", "folder/b.md", "x/y/a.md", "beta_note.md", "notes/Alpha.markdown"];

    private static readonly string[] NamePool = ["a", "b", "c", "Alpha", "Beta Note", "beta_note", "Gamma"];

    private static readonly string[] WikiTargets =
    [
        "a", "b", "c", "C", "alpha", "Beta Note", "gamma", "folder/a", "/a", "x/y/a", "y/a", "a.md", "nothing", "folder/b",
        "#Part", "b#Part", "b#part-1", "a#^blk", "c#Missing", "Alpha#^BLK", "", " | label", "#",
    ];

    private static readonly string[] MarkdownTargets =
        ["a.md", "../a.md", "folder/b", "C.md#part", "/folder/a.md#part", "#part", "image.png", "missing.md", "b.md#^blk", "A.MD", "y/a.md"];

    public static class Generators
    {
        public static Arbitrary<Op> Ops() => Arb.From(
            from kind in Gen.Frequency((3, Gen.Constant(OpKind.Put)), (1, Gen.Constant(OpKind.Remove)))
            from path in Gen.Choose(0, Paths.Length - 1)
            from variant in Gen.Choose(0, 9_999)
            select new Op(kind, path, variant));
    }

    /// <summary>A note text built from a seed: names, headings, blocks, links and timestamps drawn from the colliding pools.</summary>
    internal static string NoteText(int variant)
    {
        var random = new Random(variant);
        string Pick(string[] items) => items[random.Next(items.Length)];
        var sb = new StringBuilder();
        if (random.Next(2) == 0)
        {
            sb.Append("---\n");
            if (random.Next(2) == 0) sb.Append($"title: {Pick(NamePool)}\n");
            if (random.Next(2) == 0) sb.Append($"aliases: [{Pick(NamePool)}, {Pick(NamePool)}]\n");
            if (random.Next(3) == 0) sb.Append(random.Next(2) == 0 ? "videoId: qTogNUV3CAI\n" : "videoId: bad\n");
            if (random.Next(3) == 0) sb.Append("duration: 10:00\n");
            sb.Append("---\n");
        }
        if (random.Next(2) == 0) sb.Append($"# {Pick(NamePool)}\n\n");
        for (var i = random.Next(3); i > 0; i--) sb.Append("## Part\n\n");
        if (random.Next(2) == 0) sb.Append("A paragraph. ^blk\n\n");
        for (var i = random.Next(6); i > 0; i--)
        {
            sb.Append(random.Next(3) == 0 ? $"See [text]({Pick(MarkdownTargets)}).\n" : $"See [[{Pick(WikiTargets)}]].\n");
        }
        if (random.Next(3) == 0) sb.Append(random.Next(2) == 0 ? "At [09:59](#09:59).\n" : "At [12:00](#11:00).\n");
        return sb.ToString();
    }

    [Property(Arbitrary = [typeof(Generators)], MaxTest = 150)]
    public void Incremental_updates_equal_a_fresh_build(Op[] ops)
    {
        var texts = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var snapshot = VaultSnapshot.Empty;
        foreach (var op in ops)
        {
            var path = Paths[op.PathIndex];
            var before = snapshot.GetNote(path);
            VaultSnapshot next;
            ParsedNote? after = null;
            if (op.Kind == OpKind.Put)
            {
                texts[path] = NoteText(op.Variant);
                after = NoteParser.Parse(path, texts[path]);
                next = snapshot.WithNote(after);
            }
            else
            {
                texts.Remove(path);
                next = snapshot.WithoutNote(path);
            }

            // Every other note whose answers changed must have been named by NotesAffectedBy.
            var affected = next.NotesAffectedBy(before, after);
            foreach (var note in next.Notes)
            {
                if (note.Path == path || affected.Contains(note.Path)) continue;
                Assert.True(Describe(snapshot, note) == Describe(next, note),
                    $"{note.Path} changed after \"{op}\" but NotesAffectedBy did not list it");
            }
            snapshot = next;
        }

        var fresh = VaultSnapshot.Build(texts.Select(kv => NoteParser.Parse(kv.Key, kv.Value)));
        Assert.Equal(fresh.Notes.Select(n => n.Path), snapshot.Notes.Select(n => n.Path));
        Assert.Equal(texts.Keys, snapshot.Notes.Select(n => n.Path));
        foreach (var note in fresh.Notes)
        {
            Assert.Equal(Describe(fresh, note), Describe(snapshot, snapshot.GetNote(note.Path)!));
            Assert.Equal(Links(fresh.LinksTo(note.Path)), Links(snapshot.LinksTo(note.Path)));
            Assert.Equal(fresh.BacklinkCount(note.Path), snapshot.BacklinkCount(note.Path));
        }
        foreach (var key in NamePool.Select(NoteNames.Key))
        {
            Assert.Equal(fresh.NotesWithKey(key).Select(n => n.Path), snapshot.NotesWithKey(key).Select(n => n.Path));
        }
    }

    /// <summary>The index's path sets switch from a sorted array to a tree past a size: both must behave like a sorted set.</summary>
    [Property(MaxTest = 200)]
    public void Path_sets_behave_like_sorted_sets(int[] operations)
    {
        var model = new SortedSet<string>(StringComparer.Ordinal);
        var set = PathSet.Empty;
        foreach (var operation in operations)
        {
            // Few distinct paths, so sets grow past the array limit and shrink back through removals.
            var path = $"p{Math.Abs(operation % 80)}.md";
            if (operation % 3 == 0)
            {
                model.Remove(path);
                set = set.Remove(path);
            }
            else
            {
                model.Add(path);
                set = set.Add(path);
            }
            Assert.Equal(model.Count, set.Count);
            Assert.Equal(model.Contains(path), set.Contains(path));
        }
        Assert.Equal(model, set);
        Assert.Equal(model, PathSet.Create(operations.Select(o => $"p{Math.Abs(o % 80)}.md").Where(p => model.Contains(p)).ToArray()));
    }

    [Fact]
    public void A_hub_note_linked_from_many_notes_keeps_exact_backlinks_through_updates()
    {
        var notes = Enumerable.Range(0, 120).Select(i => NoteParser.Parse($"n{i:000}.md", i % 2 == 0 ? "[[hub]]" : "[[hub]] [[other]]")).ToList();
        var snapshot = VaultSnapshot.Build(notes.Append(NoteParser.Parse("hub.md", "")));
        Assert.Equal(120, snapshot.BacklinkCount("hub.md"));

        for (var i = 0; i < 120; i += 3) snapshot = snapshot.WithNote(NoteParser.Parse($"n{i:000}.md", "no link"));
        for (var i = 1; i < 120; i += 3) snapshot = snapshot.WithoutNote($"n{i:000}.md");

        var expected = Enumerable.Range(0, 120).Where(i => i % 3 == 2).Select(i => $"n{i:000}.md").ToList();
        Assert.Equal(expected, snapshot.LinksTo("hub.md").Select(l => l.Source.Path));
        Assert.Equal(expected, snapshot.NotesAffectedBy(null, snapshot.GetNote("hub.md")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_generator_produces_every_kind_of_link_problem()
    {
        // Guards the property above against a generator that never makes the interesting cases.
        var texts = Enumerable.Range(0, 200).Select(v => (Path: Paths[v % Paths.Length], Text: NoteText(v))).ToList();
        var codes = new HashSet<DiagnosticCode>();
        var statuses = new HashSet<TargetStatus>();
        for (var start = 0; start + Paths.Length <= texts.Count; start += Paths.Length)
        {
            var snapshot = VaultSnapshot.Build(texts.Skip(start).Take(Paths.Length).Select(t => NoteParser.Parse(t.Path, t.Text)));
            foreach (var note in snapshot.Notes)
            {
                codes.UnionWith(NoteDiagnostics.Compute(snapshot, note, DiagnosticOptions.Default).Select(d => d.Code));
                statuses.UnionWith(note.WikiLinks.Select(l => snapshot.Resolve(note, l).Status));
                statuses.UnionWith(note.MarkdownLinks.Select(l => snapshot.Resolve(note, l).Status));
            }
        }
        Assert.Superset(new HashSet<DiagnosticCode>
        {
            DiagnosticCode.LinkBroken, DiagnosticCode.LinkAmbiguous, DiagnosticCode.HeadingBroken, DiagnosticCode.BlockBroken,
            DiagnosticCode.LinkEmpty, DiagnosticCode.TimestampMismatch, DiagnosticCode.TimestampOutOfRange,
        }, codes);
        Assert.Equal(Enum.GetValues<TargetStatus>().ToHashSet(), statuses);
    }

    /// <summary>Everything the index answers about one note's links, as text (records holding arrays compare by reference).</summary>
    private static string Describe(VaultSnapshot snapshot, ParsedNote note)
    {
        var sb = new StringBuilder();
        foreach (var link in note.WikiLinks) sb.Append(Describe(snapshot.Resolve(note, link))).Append('\n');
        foreach (var link in note.MarkdownLinks) sb.Append(Describe(snapshot.Resolve(note, link))).Append('\n');
        foreach (var d in NoteDiagnostics.Compute(snapshot, note, DiagnosticOptions.Default))
        {
            sb.Append($"{d.Id} {d.Severity} {d.Range} {d.Message} [{string.Join(",", d.Related.Select(r => r.Path))}] [{string.Join(",", d.Suggestions)}]\n");
        }
        return sb.ToString();
    }

    private static string Describe(LinkResolution r) =>
        $"{r.Status} {r.Rank} [{string.Join(",", r.Candidates.Select(c => c.Path))}] {r.Fragment} {r.Heading?.Range} {r.Block?.Range}";

    private static string[] Links(IEnumerable<LinkReference> links) =>
        links.Select(l => $"{l.Source.Path} {l.WikiLink?.Range ?? l.MarkdownLink!.Range}").ToArray();
}
