using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using NoteLsp.Server.Conversion;
using NoteLsp.Soak;

// The soak: the real `notelsp` process on a generated vault, one open note edited at a steady rate with completion
// and definition requests interleaved and cancelled at random; then proof that no edit was lost.
//   dotnet run -c Release --project tests/NoteLsp.Soak -- [--notes 10000] [--seconds 60] [--rate 1000] [--seed 1]
var notes = 10_000;
var seconds = 60;
var rate = 1000;
var seed = 1;
var pull = false;
for (var i = 0; i < args.Length; i += 2)
{
    if (args[i] == "--pull")
    {
        // A client that pulls diagnostics: the server then pushes none (to tell the cost of pushing apart).
        pull = true;
        i--;
        continue;
    }
    var value = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
    switch (args[i])
    {
        case "--notes": notes = value; break;
        case "--seconds": seconds = value; break;
        case "--rate": rate = value; break;
        case "--seed": seed = value; break;
        default: throw new ArgumentException($"unknown option {args[i]}");
    }
}

var vault = Path.Combine(Path.GetTempPath(), $"notelsp-soak-{notes}-{seed}");
if (!Directory.Exists(vault))
{
    Console.WriteLine($"generating a vault of {notes:N0} notes in {vault} ...");
    NoteLsp.VaultGenerator.VaultGenerator.Generate(new NoteLsp.VaultGenerator.GeneratorOptions { Notes = notes, Seed = seed }, vault);
}
var notePaths = Directory.GetFiles(vault, "*.md", SearchOption.AllDirectories).OrderBy(p => p, StringComparer.Ordinal).ToList();
// The edited note: a mid-sized one (a few KB), as a real note is.
var editedPath = notePaths.First(p => new FileInfo(p).Length is > 3000 and < 8000);
var freshPath = Path.Combine(vault, "zz-soak-fresh-copy.md"); // never on disk: opened with the client's final text
var editedUri = DocumentUri.FromLocalPath(editedPath);
var freshUri = DocumentUri.FromLocalPath(freshPath);
var before = SHA256.HashData(File.ReadAllBytes(editedPath));

using var server = ServerProcess.Start(Path.Combine(AppContext.BaseDirectory, "notelsp.dll"), Path.Combine(Path.GetTempPath(), "notelsp-soak-server.log"));
var client = new SoakClient(server);
var clock = Stopwatch.StartNew();
await client.Rpc.InvokeWithParameterObjectAsync<JsonElement>("initialize", new
{
    processId = Environment.ProcessId,
    clientInfo = new { name = "notelsp soak", version = "1" },
    rootUri = DocumentUri.FromLocalPath(vault),
    workspaceFolders = new[] { new { uri = DocumentUri.FromLocalPath(vault), name = "soak" } },
    capabilities = new
    {
        textDocument = new
        {
            completion = new { contextSupport = true },
            definition = new { linkSupport = true },
            publishDiagnostics = new { relatedInformation = true },
            diagnostic = pull ? new { dynamicRegistration = false } : null,
        },
        window = new { workDoneProgress = true },
    },
});
await client.Rpc.NotifyWithParameterObjectAsync("initialized", new { });
await client.Indexed.Task.WaitAsync(TimeSpan.FromMinutes(5));
var indexSeconds = clock.Elapsed.TotalSeconds;
Console.WriteLine($"server pid {server.Id}: indexed {notePaths.Count:N0} notes in {indexSeconds:0.0} s; editing {Path.GetRelativePath(vault, editedPath)}");

var text = File.ReadAllText(editedPath);
var version = 1;
await client.Rpc.NotifyWithParameterObjectAsync("textDocument/didOpen", new { textDocument = new { uri = editedUri, languageId = "markdown", version, text } });
await Task.Delay(2000);
var rssStart = server.RssMegabytes();

// ---- the load ----
var random = new Random(seed);
var editor = new Editor(random);
var latencies = new List<(string Method, double Ms)>();
var outstanding = new List<Task>();
long requests = 0, answered = 0, cancelledByUs = 0, answeredBeforeCancel = 0, errors = 0;
var errorSamples = new List<string>();
var rssSamples = new List<double>();
var sent = 0L;
var load = Stopwatch.StartNew();
var nextSample = 1.0;
while (load.Elapsed.TotalSeconds < seconds)
{
    var due = (long)(load.Elapsed.TotalSeconds * rate);
    if (sent >= due)
    {
        await Task.Delay(1);
        continue;
    }
    var (range, insert) = editor.Next(text);
    var start = Editor.PositionOf(text, range.Start);
    var end = Editor.PositionOf(text, range.End);
    text = string.Concat(text.AsSpan(0, range.Start), insert, text.AsSpan(range.End));
    await client.Rpc.NotifyWithParameterObjectAsync("textDocument/didChange", new
    {
        textDocument = new { uri = editedUri, version = ++version },
        contentChanges = new[] { new { range = new { start, end }, text = insert } },
    });
    sent++;

    // About 40 requests a second: completion or definition at a place of the current text, a third cancelled.
    if (sent % 25 == 0)
    {
        var method = random.NextDouble() < 0.6 ? "textDocument/completion" : "textDocument/definition";
        var position = Editor.PositionOf(text, editor.InterestingOffset(text));
        var cancel = random.NextDouble() < 0.33;
        var cancellation = new CancellationTokenSource();
        if (cancel) cancellation.CancelAfter(random.Next(0, 10));
        Interlocked.Increment(ref requests);
        var watch = Stopwatch.StartNew();
        outstanding.Add(Task.Run(async () =>
        {
            try
            {
                await client.Rpc.InvokeWithParameterObjectAsync<JsonElement>(method, new { textDocument = new { uri = editedUri }, position }, cancellation.Token);
                lock (latencies) latencies.Add((method, watch.Elapsed.TotalMilliseconds));
                Interlocked.Increment(ref answered);
                if (cancel) Interlocked.Increment(ref answeredBeforeCancel);
            }
            catch (OperationCanceledException) when (cancel)
            {
                Interlocked.Increment(ref cancelledByUs);
            }
            catch (Exception e)
            {
                Interlocked.Increment(ref errors);
                lock (errorSamples) if (errorSamples.Count < 10) errorSamples.Add($"{method}: {e.GetType().Name}: {e.Message}");
            }
            finally
            {
                cancellation.Dispose();
            }
        }));
    }
    if (load.Elapsed.TotalSeconds >= nextSample)
    {
        rssSamples.Add(server.RssMegabytes());
        nextSample += 1;
    }
}
var loadSeconds = load.Elapsed.TotalSeconds;
await Task.WhenAll(outstanding).WaitAsync(TimeSpan.FromMinutes(2));
var rssEndOfLoad = server.RssMegabytes();

// ---- proof that no edit was lost ----
// The server's answers about the edited note equal its answers about a note opened fresh with the client's text.
await client.Rpc.NotifyWithParameterObjectAsync("textDocument/didOpen", new { textDocument = new { uri = freshUri, languageId = "markdown", version = 1, text } });
var stems = new[] { Path.GetFileNameWithoutExtension(editedPath), Path.GetFileNameWithoutExtension(freshPath) };
string Normalized(JsonElement answer)
{
    var json = answer.GetRawText().Replace(editedUri, "SELF").Replace(freshUri, "SELF");
    foreach (var stem in stems) json = json.Replace(stem, "SELF");
    return Regex.Replace(json, "\"resultId\":\"[^\"]*\"", "");
}
var comparisons = new List<string>();
var lost = false;
foreach (var method in new[] { "textDocument/documentSymbol", "textDocument/documentLink", "textDocument/diagnostic" })
{
    var edited = Normalized(await client.Rpc.InvokeWithParameterObjectAsync<JsonElement>(method, new { textDocument = new { uri = editedUri } }));
    var fresh = Normalized(await client.Rpc.InvokeWithParameterObjectAsync<JsonElement>(method, new { textDocument = new { uri = freshUri } }));
    var same = edited == fresh;
    lost |= !same;
    comparisons.Add($"{method}: {(same ? "identical" : "DIFFERENT")} ({edited.Length:N0} chars of JSON)");
}
// What the editor shows: the last diagnostics pushed for the edited note equal those pulled for the client's text.
var (pushedVersion, pushed) = await client.SettledDiagnostics(editedUri).WaitAsync(TimeSpan.FromSeconds(30));
var pulled = await client.Rpc.InvokeWithParameterObjectAsync<JsonElement>("textDocument/diagnostic", new { textDocument = new { uri = freshUri } });
var pushedSame = pull || pushed.ValueKind == JsonValueKind.Array && Normalized(pushed) == Normalized(pulled.GetProperty("items"));
lost |= !pushedSame;
if (!pull) comparisons.Add($"last publishDiagnostics (version {pushedVersion:N0} of {version:N0}; only changed sets are re-sent) vs pulled for the client's text: {(pushedSame ? "identical" : "DIFFERENT")}");
var symbols = await client.Rpc.InvokeWithParameterObjectAsync<JsonElement>("textDocument/documentSymbol", new { textDocument = new { uri = editedUri } });

await Task.Delay(10_000);
var rssIdle = server.RssMegabytes();
await client.Rpc.InvokeWithParameterObjectAsync<JsonElement>("shutdown");
await client.Rpc.NotifyAsync("exit");
var exitCode = await server.WaitForExit(TimeSpan.FromSeconds(20));
var after = SHA256.HashData(File.ReadAllBytes(editedPath));

// ---- report ----
double Percentile(IEnumerable<double> values, double p)
{
    var sorted = values.OrderBy(v => v).ToList();
    return sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p / 100 * sorted.Count) - 1)];
}
var all = latencies.Select(l => l.Ms).ToList();
var report = new StringBuilder();
report.AppendLine($"vault: {notePaths.Count:N0} notes, indexed in {indexSeconds:0.0} s; edited note {Path.GetRelativePath(vault, editedPath)} ({new FileInfo(editedPath).Length:N0} bytes)");
report.AppendLine($"didChange: {sent:N0} sent in {loadSeconds:0.0} s ({sent / loadSeconds:0} per second); final text {text.Length:N0} chars, SHA-256 {Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16]}");
report.AppendLine($"requests: {requests:N0} sent, {answered:N0} answered ({answeredBeforeCancel:N0} of them answered before their cancel arrived), {cancelledByUs:N0} cancelled (-32800), {errors:N0} errors");
foreach (var sample in errorSamples) report.AppendLine($"  error: {sample}");
foreach (var method in new[] { "textDocument/completion", "textDocument/definition" })
{
    var values = latencies.Where(l => l.Method == method).Select(l => l.Ms).ToList();
    report.AppendLine($"  {method}: {values.Count:N0} answered, p50 {Percentile(values, 50):0.0} ms, p99 {Percentile(values, 99):0.0} ms, max {Percentile(values, 100):0.0} ms");
}
report.AppendLine($"latency, all answered requests: p50 {Percentile(all, 50):0.0} ms, p95 {Percentile(all, 95):0.0} ms, p99 {Percentile(all, 99):0.0} ms, max {Percentile(all, 100):0.0} ms");
report.AppendLine($"server RSS: {rssStart:0} MB at start (indexed, note open), {rssSamples.DefaultIfEmpty(0).Max():0} MB max during the load, {rssEndOfLoad:0} MB at its end, {rssIdle:0} MB after 10 s idle");
report.AppendLine($"  RSS every 10 s: {string.Join(", ", rssSamples.Where((_, i) => i % 10 == 9).Select(r => r.ToString("0", CultureInfo.InvariantCulture)))} MB");
report.AppendLine($"no edit lost: {(lost ? "NO" : "yes")}; {symbols.GetArrayLength()} top-level symbols in the final text");
foreach (var comparison in comparisons) report.AppendLine($"  {comparison}");
report.AppendLine($"file on disk unchanged by the server: {(before.AsSpan().SequenceEqual(after) ? "yes" : "NO")}; server exit code {exitCode}; server log lines at ERR: {server.ErrorLines()}");
Console.Write(report.ToString());
return lost || errors > 0 || exitCode != 0 ? 1 : 0;
