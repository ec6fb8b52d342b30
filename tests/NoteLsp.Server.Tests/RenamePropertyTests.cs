using System.Diagnostics;
using System.Text.Json;
using NoteLsp.Core.Diagnostics;
using NoteLsp.Core.Index;
using NoteLsp.Server.Conversion;
using NoteLsp.Server.Tests.Fixture;
using NoteLsp.VaultGenerator;
using StreamJsonRpc;
using Xunit.Abstractions;

namespace NoteLsp.Server.Tests;

/// <summary>
/// Random note, heading and block renames and file moves on a generated vault, through the real protocol; each edit is
/// applied to the files (and the file renamed or moved), then the vault is checked afresh: a rename or move must add no
/// problem of any code, and every link that resolved before must resolve to the same note, heading and block after.
/// The operations run one after the other on the same vault, so later ones meet what earlier ones wrote.
/// NOTELSP_RENAME_PROPERTY_ITERATIONS sets how many (default 20, for CI); NOTELSP_RENAME_PROPERTY_SEED the seed.
/// </summary>
public class RenamePropertyTests(ITestOutputHelper output)
{
    private enum Operation { Note, Heading, Block, Move }

    private static int EnvInt(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out var value) && value > 0 ? value : fallback;

    [Fact]
    public async Task Renames_and_moves_applied_add_no_problem_and_send_no_link_elsewhere()
    {
        var iterations = EnvInt("NOTELSP_RENAME_PROPERTY_ITERATIONS", 20);
        var seed = EnvInt("NOTELSP_RENAME_PROPERTY_SEED", 1204);
        var random = new Random(seed);
        using var vault = new TempVault();
        VaultGenerator.VaultGenerator.Generate(new GeneratorOptions { Notes = 60, NoteBytes = 1800, Seed = seed, GroundTruthFileName = null }, vault.Root);
        var done = new Dictionary<Operation, int>();
        var refused = new List<string>();
        var clock = Stopwatch.StartNew();

        for (var i = 0; i < iterations; i++)
        {
            var operation = (Operation)(i % 4);
            var before = VaultCheck.Scan(vault.Root);
            await using var session = await LspSession.StartAsync(vault);
            var (edit, moves, what) = await Perform(session, vault, before, operation, random, i);
            if (edit is null)
            {
                refused.Add(what);
                continue;
            }
            if (edit.Value.ValueKind != JsonValueKind.Null) EditApplier.Apply(edit.Value);
            foreach (var (from, to) in moves)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(vault.PathOf(to))!);
                File.Move(vault.PathOf(from), vault.PathOf(to));
            }
            if (edit.Value.ValueKind == JsonValueKind.Object && edit.Value.TryGetProperty("documentChanges", out var changes))
            {
                foreach (var change in changes.EnumerateArray().Where(c => c.TryGetProperty("kind", out var k) && k.GetString() == "rename"))
                {
                    moves.Add((Relative(vault, change.GetProperty("oldUri")), Relative(vault, change.GetProperty("newUri"))));
                }
            }
            var after = VaultCheck.Scan(vault.Root);
            AssertNothingBroken(before, after, moves.ToDictionary(m => m.From, m => m.To, StringComparer.Ordinal), what);
            done[operation] = done.GetValueOrDefault(operation) + 1;
        }

        output.WriteLine($"seed {seed}: {iterations} operations in {clock.Elapsed.TotalSeconds:0.0} s; applied {string.Join(", ", done.Select(kv => $"{kv.Value} {kv.Key}"))}; refused {refused.Count}");
        foreach (var r in refused) output.WriteLine("  refused: " + r);
        // The property is only shown by renames that happened: most must go through.
        Assert.True(done.Values.Sum() >= iterations * 2 / 3, $"only {done.Values.Sum()} of {iterations} operations were applied");
    }

    private static string Relative(TempVault vault, JsonElement uri) =>
        Path.GetRelativePath(vault.Root, DocumentUri.ToLocalPath(uri.GetString())!).Replace('\\', '/');

    private static async Task<(JsonElement? Edit, List<(string From, string To)> Moves, string What)> Perform(
        LspSession session, TempVault vault, VaultSnapshot snapshot, Operation operation, Random random, int i)
    {
        var notes = snapshot.Notes.ToList();
        var moves = new List<(string, string)>();
        string what;
        try
        {
            switch (operation)
            {
                case Operation.Note:
                    {
                        var links = notes.SelectMany(n => n.WikiLinks.Where(l => l.Target.Length > 1 && IsValid(snapshot.Resolve(n, l))).Select(l => (Note: n, Link: l))).ToList();
                        // Half the time a link inside a heading: renaming its note changes the heading, whose links must follow.
                        var inHeadings = links.Where(x => x.Note.Headings.Any(h => h.TextRange.Contains(x.Link.Range.Start))).ToList();
                        var pool = inHeadings.Count > 0 && random.Next(2) == 0 ? inHeadings : links;
                        var (note, link) = pool[random.Next(pool.Count)];
                        var newName = $"renamed {i} {Words()}";
                        what = $"note via [[{link.Target}]] in {note.Path} -> {newName}";
                        var position = link.TargetRange.End with { Character = link.TargetRange.End.Character - 1 };
                        return (await Rename(session, vault, note.Path, position, newName), moves, what);
                    }
                case Operation.Heading:
                    {
                        var headings = notes.SelectMany(n => n.Headings.Select(h => (Note: n, Heading: h))).ToList();
                        var (note, heading) = headings[random.Next(headings.Count)];
                        var prepare = await session.Request("textDocument/prepareRename", LspSession.At(vault.Uri(note.Path), heading.TextRange.Start.Line, heading.TextRange.Start.Character));
                        // The placeholder is the heading's source: a user who adds to it keeps its markup and links.
                        var newName = prepare.GetProperty("placeholder").GetString() + $" {Words()} {i}";
                        what = $"heading \"{heading.RawText}\" in {note.Path} -> {newName}";
                        return (await Rename(session, vault, note.Path, heading.TextRange.Start, newName), moves, what);
                    }
                case Operation.Block:
                    {
                        var markers = notes.SelectMany(n => n.BlockIds.Select(b => (Note: n, Position: b.Range.Start with { Character = b.Range.Start.Character + 1 }))).ToList();
                        var links = notes.SelectMany(n => n.WikiLinks.Where(l => l.BlockIdRange is not null && IsValid(snapshot.Resolve(n, l)))
                            .Select(l => (Note: n, Position: l.BlockIdRange!.Value.Start))).ToList();
                        var pool = links.Count > 0 && random.Next(2) == 0 ? links : markers;
                        var (note, position) = pool[random.Next(pool.Count)];
                        var newName = $"blk-{i}-{random.Next(1000)}";
                        what = $"block at {note.Path}:{position} -> {newName}";
                        return (await Rename(session, vault, note.Path, position, newName), moves, what);
                    }
                default:
                    {
                        var note = notes[random.Next(notes.Count)];
                        var folder = note.Path.Contains('/') ? note.Path[..note.Path.LastIndexOf('/')] : "";
                        var newPath = random.Next(4) switch
                        {
                            // Same folder, a new name.
                            0 => Join(folder, $"moved {i} {Words()}.md"),
                            // Another folder, the same name.
                            1 => Join(folder.Length == 0 ? "moved" : "", note.Path[(note.Path.LastIndexOf('/') + 1)..]),
                            // A deeper folder and a new name.
                            2 => $"deep/er {i}/{Words()}.md",
                            // The stem of another note: links by that stem must be qualified to keep their target.
                            _ => Join($"clash{i}", notes[random.Next(notes.Count)].Stem + ".md"),
                        };
                        if (snapshot.GetNote(newPath) is not null || newPath == note.Path) newPath = Join("spare", $"n{i}.md");
                        what = $"move {note.Path} -> {newPath}";
                        moves.Add((note.Path, newPath));
                        var edit = await session.Request("workspace/willRenameFiles", new { files = new[] { new { oldUri = vault.Uri(note.Path), newUri = vault.Uri(newPath) } } });
                        return (edit, moves, what);
                    }
            }
        }
        catch (RemoteInvocationException e)
        {
            // A refused rename changes nothing; the report lists them.
            return (null, moves, $"{operation}: {e.Message}");
        }
    }

    private static string Join(string folder, string name) => folder.Length == 0 ? name : folder + "/" + name;

    private static readonly string[] Pool = ["alpha", "river", "quiet", "notes", "garden", "signal", "ember", "atlas"];

    private static int _word;

    private static string Words() => Pool[_word++ % Pool.Length];

    private static async Task<JsonElement> Rename(LspSession session, TempVault vault, string path, Core.Text.TextPosition position, string newName) =>
        await session.Request("textDocument/rename", new
        {
            textDocument = new { uri = vault.Uri(path) },
            position = new { line = position.Line, character = position.Character },
            newName,
        });

    private static bool IsValid(LinkResolution resolution) =>
        resolution.Status == TargetStatus.Resolved && resolution.Fragment != FragmentStatus.Missing;

    private static void AssertNothingBroken(VaultSnapshot before, VaultSnapshot after, Dictionary<string, string> moved, string what)
    {
        string Map(string path) => moved.TryGetValue(path, out var to) ? to : path;

        var problemsBefore = Problems(before).GroupBy(p => (Map(p.Path), p.Code)).ToDictionary(g => g.Key, g => g.Count());
        foreach (var group in Problems(after).GroupBy(p => (p.Path, p.Code)))
        {
            var had = problemsBefore.GetValueOrDefault(group.Key);
            Assert.True(group.Count() <= had, $"after {what}: {group.Key.Path} has {group.Count()} {group.Key.Code} (had {had}): {string.Join("; ", group.Select(p => p.Message))}");
        }

        foreach (var note in before.Notes)
        {
            var now = after.GetNote(Map(note.Path));
            Assert.True(now is not null, $"after {what}: {note.Path} is gone");
            Assert.True(note.WikiLinks.Length == now.WikiLinks.Length && note.MarkdownLinks.Length == now.MarkdownLinks.Length, $"after {what}: {note.Path} does not have the same links");
            for (var j = 0; j < note.WikiLinks.Length; j++)
            {
                AssertSameTarget(before.Resolve(note, note.WikiLinks[j]), after.Resolve(now, now.WikiLinks[j]), Map, $"after {what}: [[{note.WikiLinks[j].Target}…]] at {note.Path}:{note.WikiLinks[j].Range.Start}");
            }
            for (var j = 0; j < note.MarkdownLinks.Length; j++)
            {
                AssertSameTarget(before.Resolve(note, note.MarkdownLinks[j]), after.Resolve(now, now.MarkdownLinks[j]), Map, $"after {what}: ({note.MarkdownLinks[j].Path}) at {note.Path}:{note.MarkdownLinks[j].Range.Start}");
            }
        }
    }

    private static void AssertSameTarget(LinkResolution before, LinkResolution after, Func<string, string> map, string where)
    {
        if (!IsValid(before)) return;
        Assert.True(after.Status == TargetStatus.Resolved, $"{where} no longer resolves ({after.Status})");
        var target = before.Target!;
        Assert.True(map(target.Path) == after.Target!.Path, $"{where} went from {target.Path} to {after.Target.Path}");
        Assert.True(before.Fragment == after.Fragment, $"{where}: its heading or block is {after.Fragment}");
        if (before.Heading is { } heading) Assert.True(target.Headings.IndexOf(heading) == after.Target.Headings.IndexOf(after.Heading!), $"{where} now names another heading");
        if (before.Block is { } block) Assert.True(target.BlockIds.IndexOf(block) == after.Target.BlockIds.IndexOf(after.Block!), $"{where} now names another block");
    }

    private static IEnumerable<(string Path, string Code, string Message)> Problems(VaultSnapshot snapshot) =>
        snapshot.Notes.SelectMany(n => NoteDiagnostics.Compute(snapshot, n, DiagnosticOptions.Default).Select(d => (n.Path, d.Id, d.Message)));
}
