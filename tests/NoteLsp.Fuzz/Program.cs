using System.Diagnostics;
using CsCheck;
using NoteLsp.Fuzz;

// notelsp fuzzing: seeded random Markdown-ish notes and edit sequences, with CsCheck shrinking any failure to a
// small example. Runs each property for a share of the time given; exit code 1 when any property failed.
//   dotnet run -c Release --project tests/NoteLsp.Fuzz -- --seconds 120 [--seed SEED]
var seconds = 60;
string? seed = null;
string? only = null; // --only PREFIX: run the properties whose name starts with it, with all the time
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--seconds" && i + 1 < args.Length) seconds = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
    else if (args[i] == "--seed" && i + 1 < args.Length) seed = args[++i];
    else if (args[i] == "--only" && i + 1 < args.Length) only = args[++i];
}

// --vault DIR: compare the lean scanner with Markdig on every note of a folder and say how many it reads.
var vaultIndex = Array.IndexOf(args, "--vault");
if (vaultIndex >= 0 && vaultIndex + 1 < args.Length) return LeanProperties.CompareFolder(args[vaultIndex + 1]);

var failures = 0;

// Escaped, so a lone surrogate or a NUL in a failing example can be copied back exactly.
static string Json(string text) => System.Text.Json.JsonSerializer.Serialize(text);
var total = Stopwatch.StartNew();

void Report(string name, long tried, Stopwatch watch, Exception? failure)
{
    Console.WriteLine($"{name}: {tried:N0} inputs in {watch.Elapsed.TotalSeconds:0} s{(failure is null ? ", no failure" : ", FAILED")}");
    if (failure is null) return;
    failures++;
    Console.WriteLine(failure.Message);
    for (var inner = failure.InnerException; inner is not null; inner = inner.InnerException)
    {
        Console.WriteLine($"  {inner.GetType().Name}: {inner.Message}");
        Console.WriteLine(string.Join("\n", (inner.StackTrace ?? "").Split('\n').Take(8)));
    }
}

void Run(string name, int share, Func<long> count, Action<int> property)
{
    if (only is not null && !name.StartsWith(only, StringComparison.Ordinal)) return;
    if (only is not null) share = 100;
    var watch = Stopwatch.StartNew();
    try
    {
        property(Math.Max(1, seconds * share / 100));
        Report(name, count(), watch, null);
    }
    catch (Exception e)
    {
        Report(name, count(), watch, e);
    }
}

long parsed = 0, probed = 0, edited = 0, compared = 0, lean = 0;
Run("parser: ranges inside, links read back alike", 30, () => parsed, time =>
{
    MarkdownishGen.NoteWithShapes(300).Sample(text =>
    {
        Interlocked.Increment(ref parsed);
        ParserProperties.ParseIsSound(text);
    }, seed: seed, time: time, iter: long.MaxValue, print: Json);
});
Run("diagnostics and features at random positions", 25, () => probed, time =>
{
    Gen.Select(MarkdownishGen.NoteWithShapes(200), Gen.Int).Sample((text, probe) =>
    {
        Interlocked.Increment(ref probed);
        ParserProperties.FeaturesAreSound(text, probe);
    }, seed: seed, time: time, iter: long.MaxValue, print: t => $"{Json(t.Item1)} at {t.Item2}");
});
Run("didChange sequences: server text = client text (UTF-16 and UTF-8 clients)", 25, () => edited, time =>
{
    var sessions = new[] { EditSession.StartAsync(utf8: false).GetAwaiter().GetResult(), EditSession.StartAsync(utf8: true).GetAwaiter().GetResult() };
    try
    {
        var edit = Gen.Select(Gen.Double[0, 1], Gen.Double[0, 1], MarkdownishGen.WireSafe(MarkdownishGen.Insert), (s, l, t) => new Edit(s, l, t));
        Gen.Select(Gen.Bool, MarkdownishGen.WireSafe(MarkdownishGen.Note(60)), edit.Array[1, 30]).SampleAsync(async (utf8, initial, edits) =>
        {
            Interlocked.Increment(ref edited);
            await sessions[utf8 ? 1 : 0].Check(initial, edits);
        }, seed: seed, time: time, iter: long.MaxValue, threads: 1, print: t => $"utf8={t.Item1} {Json(t.Item2)} then {string.Join(", ", t.Item3.Select(e => $"({e.Start}, {e.Length}, {Json(e.Text)})"))}").GetAwaiter().GetResult();
    }
    finally
    {
        foreach (var session in sessions) session.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
});
Run("lean scanner = Markdig (every element and range, whenever the scanner reads a note)", 20, () => compared, time =>
{
    LeanProperties.Notes.Sample(text =>
    {
        Interlocked.Increment(ref compared);
        if (LeanProperties.LeanEqualsMarkdig(text)) Interlocked.Increment(ref lean);
    }, seed: seed, time: time, iter: long.MaxValue, print: Json);
    Console.WriteLine($"  the lean scanner read {lean:N0} of {compared:N0} inputs (the rest fell back to Markdig)");
});

Console.WriteLine($"total: {parsed + probed + edited + compared:N0} inputs in {total.Elapsed.TotalSeconds:0} s, {failures} propert{(failures == 1 ? "y" : "ies")} failed");
return failures == 0 ? 0 : 1;
