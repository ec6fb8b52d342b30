using System.Diagnostics;
using System.Text.Json;
using NoteLsp.VaultGenerator;

namespace NoteLsp.EndToEnd;

/// <summary>How many requests of each kind one run sends (the issue's numbers by default).</summary>
public sealed record RequestCounts
{
    public int Completion { get; init; } = 200;
    public int Definition { get; init; } = 100;
    public int References { get; init; } = 20;
    public int Rename { get; init; } = 5;
    public int DidChange { get; init; } = 100;

    /// <summary>
    /// Wall time one series may take: past it (and after at least <see cref="MinimumSamples"/>) the series stops and
    /// reports the samples taken, so a slow server on 100,000 notes still finishes in reasonable time.
    /// </summary>
    public TimeSpan SeriesBudget { get; init; } = TimeSpan.FromSeconds(120);

    public int MinimumSamples { get; init; } = 10;

    /// <summary>Poll references every 100 ms while indexing (the issue's definition of "indexed"); false: ask once indexing progress has ended.</summary>
    public bool PollWhileIndexing { get; init; } = true;

    /// <summary>Wait this long before shutdown (to attach a memory or trace tool to the indexed server).</summary>
    public TimeSpan PauseBeforeShutdown { get; init; }

    public bool OverBudget(long seriesStart, int samples) =>
        samples >= MinimumSamples && Stopwatch.GetElapsedTime(seriesStart) > SeriesBudget;
}

/// <summary>
/// One run: start the server on the vault as an editor would, measure every step of the issue, check every answer
/// against the ground truth, shut down. A wrong answer is recorded as a failure; its time is still kept, marked failed.
/// </summary>
public sealed class Scenario(string server, IReadOnlyDictionary<string, string> environment, RequestCounts counts, TimeSpan indexTimeout, TextWriter log)
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(120);

    /// <param name="cacheDir">the server's private cache dir (already set in its environment), measured before the start</param>
    public async Task<RunResult> RunAsync(string vaultRoot, GroundTruth truth, int runNumber, string workDir, string label, string start, string cacheDir)
    {
        var result = new RunResult
        {
            Label = label,
            Start = start,
            CacheDir = cacheDir,
            CacheBytesAtStart = ServerCache.Bytes(cacheDir),
            Vault = vaultRoot,
            Notes = truth.NoteCount,
            VaultBytes = truth.TotalBytes,
            Run = runNumber,
            Server = server,
            Environment = environment,
            LoadAverageAtStart = Machine.LoadAverage(),
        };
        var stderrPath = Path.Combine(workDir, $"server-{ServerCache.Slug(label)}-{truth.NoteCount}-run{runNumber}-{start}.log");
        await using var lsp = ServerProcess.Start(server, environment, stderrPath);
        try
        {
            await Drive(lsp, vaultRoot, truth, result).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException or StreamJsonRpc.RemoteInvocationException or StreamJsonRpc.ConnectionLostException or InvalidDataException or IOException)
        {
            result.Failures.Add($"aborted: {e.GetType().Name}: {e.Message} (server log: {stderrPath})");
        }
        result.LoadAverageAtEnd = Machine.LoadAverage();
        return result;
    }

    private async Task Drive(ServerProcess lsp, string vaultRoot, GroundTruth truth, RunResult result)
    {
        var target = truth.MostLinkedPath;
        var targetUri = Uri(vaultRoot, target);
        var site = LinkSites.Find(truth, vaultRoot);
        result.LinkSite = $"{site.SourcePath}:{site.Line + 1}:{site.Character + 1} ({site.How})";
        var siteUri = Uri(vaultRoot, site.SourcePath);
        var texts = new Dictionary<string, NoteText>(StringComparer.Ordinal);
        NoteText TextOf(string path) => texts.TryGetValue(path, out var t) ? t : texts[path] = new NoteText(File.ReadAllText(Path.Combine(vaultRoot, path)));

        // ---- initialize: sent at once; the server answers when its runtime is up.
        var sent = Stopwatch.GetTimestamp();
        await lsp.Request("initialize", new
        {
            processId = Environment.ProcessId,
            clientInfo = new { name = "NoteLsp.EndToEnd", version = "1.0" },
            rootUri = FileUri.From(vaultRoot),
            workspaceFolders = new[] { new { uri = FileUri.From(vaultRoot), name = Path.GetFileName(vaultRoot) } },
            capabilities = ClientCapabilities.Editor,
        }).WaitAsync(RequestTimeout).ConfigureAwait(false);
        var answered = Stopwatch.GetTimestamp();
        result.StartToInitializeMs = Ms(lsp.StartedAt, answered);
        result.InitializeMs = Ms(sent, answered);
        log.WriteLine($"  initialize: {result.StartToInitializeMs:0} ms from process start");

        Mark(result, "indexing");
        // ---- indexed: initialized, open the note with the link, poll references until the count is the ground truth's.
        var initializedAt = Stopwatch.GetTimestamp();
        await lsp.Notify("initialized", new { }).ConfigureAwait(false);
        await Open(lsp, siteUri, TextOf(site.SourcePath).Text).ConfigureAwait(false);
        var expectedBacklinks = truth.MostLinkedBacklinks;
        var referenceParams = new { textDocument = new { uri = siteUri }, position = new { line = site.Line, character = site.Character }, context = new { includeDeclaration = false } };
        JsonElement references = default;
        var deadline = Stopwatch.GetTimestamp() + (long)(indexTimeout.TotalSeconds * Stopwatch.Frequency);
        if (!counts.PollWhileIndexing)
        {
            // Polls cost the server CPU that indexing could use (a references answer on 100,000 notes takes seconds):
            // here the first request waits until the server says indexing is over.
            await lsp.IndexingEnded.WaitAsync(indexTimeout).ConfigureAwait(false);
        }
        while (true)
        {
            var pollStart = Stopwatch.GetTimestamp();
            references = await lsp.Request("textDocument/references", referenceParams).WaitAsync(RequestTimeout).ConfigureAwait(false);
            result.IndexedPolls++;
            var backlinks = CountOutside(references, targetUri);
            if (backlinks == expectedBacklinks)
            {
                result.IndexedMs = Ms(initializedAt, Stopwatch.GetTimestamp());
                result.IndexedCpuSeconds = lsp.CpuSeconds();
                break;
            }
            // Wrong for good only when the poll was sent well after the server said indexing ended (a poll sent
            // before that may answer from a partial index, however late it returns).
            var indexingOver = lsp.IndexingEnded.IsCompletedSuccessfully && Ms(lsp.IndexingEnded.Result, pollStart) > 5000;
            if (backlinks > expectedBacklinks || indexingOver || Stopwatch.GetTimestamp() > deadline)
            {
                result.Failures.Add($"indexed: references on {result.LinkSite} returned {backlinks} links from other notes, the ground truth has {expectedBacklinks}" +
                    (indexingOver ? " (indexing had ended)" : ""));
                break;
            }
            var wait = 100 - Ms(pollStart, Stopwatch.GetTimestamp());
            if (wait > 0) await Task.Delay(TimeSpan.FromMilliseconds(wait)).ConfigureAwait(false);
        }
        if (lsp.IndexingEnded.IsCompletedSuccessfully || await Task.WhenAny(lsp.IndexingEnded, Task.Delay(indexTimeout)).ConfigureAwait(false) == lsp.IndexingEnded)
        {
            result.IndexingProgressEndMs = Ms(initializedAt, lsp.IndexingEnded.Result);
        }
        log.WriteLine($"  indexed: {result.IndexedMs:0} ms ({result.IndexedPolls} polls; progress end at {result.IndexingProgressEndMs:0} ms)");

        Mark(result, "vault diagnostics");
        // ---- the vault's diagnostics, pushed after indexing, must be the ground truth's problems exactly.
        await CheckVaultDiagnostics(lsp, vaultRoot, truth, initializedAt, result).ConfigureAwait(false);
        log.WriteLine($"  diagnosed: {result.DiagnosedMs:0} ms ({result.DiagnosticsChecked} problems)");

        Mark(result, "definition");
        // ---- definition on the ground truth's samples.
        var definitionTimes = new List<double>();
        var series = Stopwatch.GetTimestamp();
        for (var i = 0; i < counts.Definition && truth.Definitions.Count > 0 && !counts.OverBudget(series, i); i++)
        {
            var sample = truth.Definitions[i % truth.Definitions.Count];
            var (ms, answer) = await Timed(lsp, "textDocument/definition", new
            {
                textDocument = new { uri = Uri(vaultRoot, sample.SourcePath) },
                position = new { line = sample.Line, character = sample.Character },
            }).ConfigureAwait(false);
            definitionTimes.Add(ms);
            if (!DefinitionMatches(answer, vaultRoot, sample))
            {
                result.Failures.Add($"definition at {sample.SourcePath}:{sample.Line + 1}:{sample.Character + 1} ({sample.Kind} `{sample.LinkText}`): expected {sample.TargetPath}" +
                    (sample.TargetLine is { } l ? $" line {l + 1}" : "") + $", got {Shorten(answer)}");
            }
        }
        result.Definition = Percentiles.Of(definitionTimes);
        log.WriteLine($"  definition: p50 {result.Definition.P50:0.0} ms");

        Mark(result, "references");
        // ---- references on the most-linked note.
        var referenceTimes = new List<double>();
        var referenceLastBytes = new List<double>();
        series = Stopwatch.GetTimestamp();
        for (var i = 0; i < counts.References && !counts.OverBudget(series, i); i++)
        {
            var (ms, toLastByte, answer) = await TimedToLastByte(lsp, "textDocument/references", referenceParams).ConfigureAwait(false);
            referenceTimes.Add(ms);
            referenceLastBytes.Add(toLastByte);
            references = answer;
            var backlinks = CountOutside(answer, targetUri);
            result.ReferencesCount = backlinks;
            if (backlinks != expectedBacklinks) result.Failures.Add($"references: {backlinks} links from other notes, the ground truth has {expectedBacklinks}");
        }
        result.References = Percentiles.Of(referenceTimes);
        result.ReferencesLastByte = Percentiles.Of(referenceLastBytes);
        log.WriteLine($"  references: p50 {result.References.P50:0.0} ms, to the last byte {result.ReferencesLastByte.P50:0.0} ms ({result.ReferencesCount} links)");

        Mark(result, "rename");
        // ---- rename of the most-linked note (prepareRename + rename; never applied).
        var expectedEdits = ExpectedFileRenameEdits(references, vaultRoot, LinkSites.StemOf(target), TextOf);
        var prepareTimes = new List<double>();
        var renameTimes = new List<double>();
        var renameLastBytes = new List<double>();
        var position = new { line = site.Line, character = site.Character };
        series = Stopwatch.GetTimestamp();
        for (var i = 0; i < counts.Rename && !counts.OverBudget(series, i); i++)
        {
            var (prepareMs, prepared) = await Timed(lsp, "textDocument/prepareRename", new { textDocument = new { uri = siteUri }, position }).ConfigureAwait(false);
            prepareTimes.Add(prepareMs);
            if (prepared.ValueKind != JsonValueKind.Object || !prepared.TryGetProperty("range", out _))
            {
                result.Failures.Add($"prepareRename: expected a range and a placeholder, got {Shorten(prepared)}");
            }
            var newName = $"{LinkSites.StemOf(target)}_renamed_{i}";
            var (renameMs, renameLastByte, edit) = await TimedToLastByte(lsp, "textDocument/rename", new { textDocument = new { uri = siteUri }, position, newName }).ConfigureAwait(false);
            renameTimes.Add(renameMs);
            renameLastBytes.Add(renameLastByte);
            var (textEdits, fileRenames) = CountEdits(edit, targetUri, Uri(vaultRoot, PathWithStem(target, newName)));
            result.RenameTextEdits = textEdits;
            if (textEdits != expectedEdits || fileRenames != 1)
            {
                result.Failures.Add($"rename: {textEdits} text edits and {fileRenames} matching file renames; expected {expectedEdits} edits " +
                    $"(the {expectedBacklinks} backlinks less those by title or alias, which keep working) and 1 file rename");
            }
        }
        result.PrepareRename = Percentiles.Of(prepareTimes);
        result.Rename = Percentiles.Of(renameTimes);
        result.RenameLastByte = Percentiles.Of(renameLastBytes);
        log.WriteLine($"  rename: p50 {result.Rename.P50:0.0} ms, to the last byte {result.RenameLastByte.P50:0.0} ms ({result.RenameTextEdits} edits)");

        Mark(result, "completion");
        // ---- completion: "[[" on the ground truth's probe, bare and then with a typed prefix of the expected note.
        await CompletionSeries.MeasureAsync(lsp, counts, vaultRoot, truth, TextOf(truth.Completion.Path), result).ConfigureAwait(false);
        log.WriteLine($"  completion: `[[{result.CompletionTypedText}` p99 {result.CompletionTyped?.P99:0.0} ms, bare `[[` p99 {result.CompletionBare?.P99:0.0} ms; " +
            $"`[text]({result.PathCompletionTypedText}` p50 {result.PathCompletionTyped?.P50:0.0} ms, bare `[text](` p50 {result.PathCompletionBare?.P50:0.0} ms");

        Mark(result, "didChange");
        // ---- didChange → diagnostics on the open note: add a broken link, remove it, and so on.
        await MeasureDidChange(lsp, siteUri, TextOf(site.SourcePath), result).ConfigureAwait(false);
        log.WriteLine($"  didChange → diagnostics: p50 {result.DidChangeDiagnostics?.P50:0.0} ms, p95 {result.DidChangeDiagnostics?.P95:0.0} ms");

        Mark(result, "shutdown");
        // ---- memory, then shutdown → exit.
        if (counts.PauseBeforeShutdown > TimeSpan.Zero)
        {
            // Time to attach a tool (dotnet-gcdump collect -p PID, dotnet-trace collect -p PID) to the indexed server.
            log.WriteLine($"  pausing {counts.PauseBeforeShutdown.TotalSeconds:0} s before shutdown: server PID {lsp.ProcessId}");
            await Task.Delay(counts.PauseBeforeShutdown).ConfigureAwait(false);
        }
        var (peak, current) = lsp.Memory();
        result.PeakRssKiB = peak;
        result.RssBeforeShutdownKiB = current;
        result.ServerCpuSeconds = lsp.CpuSeconds();
        var shutdownSent = Stopwatch.GetTimestamp();
        await lsp.Rpc.InvokeWithParameterObjectAsync<JsonElement?>("shutdown", null).WaitAsync(RequestTimeout).ConfigureAwait(false);
        result.ShutdownRequestMs = Ms(shutdownSent, Stopwatch.GetTimestamp());
        await lsp.Notify("exit", new { }).ConfigureAwait(false);
        if (await lsp.WaitForExit(TimeSpan.FromSeconds(30)).ConfigureAwait(false))
        {
            result.ShutdownToExitMs = Ms(shutdownSent, Stopwatch.GetTimestamp());
            result.ExitCode = lsp.ExitCode;
            if (result.ExitCode != 0) result.Failures.Add($"exit code {result.ExitCode} after shutdown + exit (expected 0)");
        }
        else
        {
            result.Failures.Add("the server did not exit within 30 s of shutdown + exit");
        }
        log.WriteLine($"  peak RSS {peak / 1024.0:0} MiB; shutdown → exit {result.ShutdownToExitMs:0} ms");
        Mark(result, null);
    }

    /// <summary>Ends the step under way (if any) and starts the named one (null: none).</summary>
    private static void Mark(RunResult result, string? name)
    {
        var now = DateTime.UtcNow;
        if (result.Phases.Count > 0 && result.Phases[^1].EndUtc == DateTime.MinValue) result.Phases[^1] = result.Phases[^1] with { EndUtc = now };
        if (name is not null) result.Phases.Add(new PhaseMark(name, now, DateTime.MinValue));
    }

    private async Task CheckVaultDiagnostics(ServerProcess lsp, string vaultRoot, GroundTruth truth, long initializedAt, RunResult result)
    {
        var expected = truth.Problems.Select(p => (p.Path, p.Code, p.Line, p.Character)).ToHashSet();
        result.DiagnosticsChecked = expected.Count;
        var deadline = Stopwatch.GetTimestamp() + (long)(indexTimeout.TotalSeconds * Stopwatch.Frequency);
        HashSet<(string Path, string Code, int Line, int Character)> published = [];
        var lastCount = -1L;
        var quietSince = Stopwatch.GetTimestamp();
        while (true)
        {
            published = PublishedProblems(lsp, vaultRoot);
            if (published.SetEquals(expected))
            {
                result.DiagnosedMs = Ms(initializedAt, lsp.LatestDiagnostics().Max(d => d.ArrivedAt));
                return;
            }
            var count = lsp.PublishCount;
            if (count != lastCount)
            {
                lastCount = count;
                quietSince = Stopwatch.GetTimestamp();
            }
            // Publishing has stopped for a while (or time is up) and the sets still differ: a failure.
            if (Ms(quietSince, Stopwatch.GetTimestamp()) > 10_000 && count > 0 || Stopwatch.GetTimestamp() > deadline) break;
            await Task.Delay(100).ConfigureAwait(false);
        }
        var missing = expected.Except(published).Order().Take(5).Select(p => $"{p.Path}:{p.Line + 1}:{p.Character + 1} {p.Code}");
        var unexpected = published.Except(expected).Order().Take(5).Select(p => $"{p.Path}:{p.Line + 1}:{p.Character + 1} {p.Code}");
        result.Failures.Add($"vault diagnostics: {expected.Except(published).Count()} of {expected.Count} planted problems not published " +
            $"(e.g. {string.Join(", ", missing)}), {published.Except(expected).Count()} unexpected (e.g. {string.Join(", ", unexpected)})");
    }

    private static HashSet<(string Path, string Code, int Line, int Character)> PublishedProblems(ServerProcess lsp, string vaultRoot)
    {
        var set = new HashSet<(string, string, int, int)>();
        foreach (var published in lsp.LatestDiagnostics())
        {
            var path = FileUri.RelativePath(published.Uri, vaultRoot) ?? published.Uri;
            foreach (var d in published.Diagnostics.EnumerateArray())
            {
                // The ground truth lists what must show at warning or error level (1 error, 2 warning).
                if (!d.TryGetProperty("severity", out var severity) || severity.GetInt32() > 2) continue;
                var start = d.GetProperty("range").GetProperty("start");
                set.Add((path, d.TryGetProperty("code", out var code) ? code.ToString() : "", start.GetProperty("line").GetInt32(), start.GetProperty("character").GetInt32()));
            }
        }
        return set;
    }

    private async Task MeasureDidChange(ServerProcess lsp, string uri, NoteText text, RunResult result)
    {
        var (endLine, endCharacter) = text.End;
        var times = new List<double>();
        var version = 100;
        var series = Stopwatch.GetTimestamp();
        // An even number of edits, so the note ends as it began.
        for (var i = 0; i < counts.DidChange && !(i % 2 == 0 && counts.OverBudget(series, i)); i++)
        {
            version++;
            var adding = i % 2 == 0;
            var missing = $"benchmark_missing_note_{i / 2}";
            var inserted = "\n[[" + missing + "]]";
            var change = adding
                ? new { range = Range(endLine, endCharacter, endLine, endCharacter), text = inserted }
                : new { range = Range(endLine, endCharacter, endLine + 1, 2 + missing.Length + 2), text = "" };
            var expectedVersion = version;
            var published = lsp.WaitForDiagnostics(p => p.Uri == uri && p.Version == expectedVersion);
            var sent = Stopwatch.GetTimestamp();
            await lsp.Notify("textDocument/didChange", new { textDocument = new { uri, version }, contentChanges = new[] { change } }).ConfigureAwait(false);
            PublishedDiagnostics diagnostics;
            try
            {
                diagnostics = await published.WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                result.Failures.Add($"didChange {i + 1} (version {version}): no diagnostics for that version within 30 s");
                break;
            }
            times.Add(Ms(sent, diagnostics.ArrivedAt));
            var broken = diagnostics.Diagnostics.EnumerateArray().Any(d =>
                d.TryGetProperty("code", out var code) && code.GetString() == "link-broken"
                && d.GetProperty("range").GetProperty("start").GetProperty("line").GetInt32() == endLine + 1);
            if (broken != adding)
            {
                result.Failures.Add($"didChange {i + 1}: {(adding ? "the added broken link is not reported" : "the removed broken link is still reported")}");
            }
        }
        result.DidChangeDiagnostics = Percentiles.Of(times);
    }

    /// <summary>The links a file rename must rewrite: every reference (self-links too) except wikilinks by title or alias.</summary>
    private static int ExpectedFileRenameEdits(JsonElement references, string vaultRoot, string stem, Func<string, NoteText> textOf)
    {
        var count = 0;
        foreach (var location in references.EnumerateArray())
        {
            var path = FileUri.RelativePath(location.GetProperty("uri").GetString()!, vaultRoot)!;
            var range = location.GetProperty("range");
            var start = range.GetProperty("start");
            var end = range.GetProperty("end");
            var line = textOf(path).Line(start.GetProperty("line").GetInt32());
            var endCharacter = end.GetProperty("line").GetInt32() == start.GetProperty("line").GetInt32() ? end.GetProperty("character").GetInt32() : line.Length;
            if (LinkSites.FileRenameRewrites(line[start.GetProperty("character").GetInt32()..endCharacter], stem)) count++;
        }
        return count;
    }

    /// <summary>Text edits in the WorkspaceEdit, and RenameFile operations from oldUri to newUri.</summary>
    private static (int TextEdits, int FileRenames) CountEdits(JsonElement edit, string oldUri, string newUri)
    {
        if (edit.ValueKind != JsonValueKind.Object) return (0, 0);
        var textEdits = 0;
        var renames = 0;
        if (edit.TryGetProperty("documentChanges", out var changes))
        {
            foreach (var change in changes.EnumerateArray())
            {
                if (change.TryGetProperty("kind", out var kind))
                {
                    if (kind.GetString() == "rename" && change.GetProperty("oldUri").GetString() == oldUri && change.GetProperty("newUri").GetString() == newUri) renames++;
                }
                else
                {
                    textEdits += change.GetProperty("edits").GetArrayLength();
                }
            }
        }
        if (edit.TryGetProperty("changes", out var byUri))
        {
            foreach (var file in byUri.EnumerateObject()) textEdits += file.Value.GetArrayLength();
        }
        return (textEdits, renames);
    }

    private static bool DefinitionMatches(JsonElement answer, string vaultRoot, DefinitionSample sample)
    {
        if (answer.ValueKind != JsonValueKind.Array || answer.GetArrayLength() != 1) return false;
        var target = answer[0];
        var uri = target.TryGetProperty("targetUri", out var u) ? u.GetString()! : target.GetProperty("uri").GetString()!;
        if (FileUri.RelativePath(uri, vaultRoot) != sample.TargetPath) return false;
        if (sample.TargetLine is not { } line) return true;
        var lines = new[] { "targetSelectionRange", "targetRange", "range" }
            .Where(name => target.TryGetProperty(name, out _))
            .Select(name => target.GetProperty(name).GetProperty("start").GetProperty("line").GetInt32());
        return lines.Contains(line);
    }

    private static int CountOutside(JsonElement locations, string uri) =>
        locations.ValueKind != JsonValueKind.Array ? 0 : locations.EnumerateArray().Count(l => l.GetProperty("uri").GetString() != uri);

    internal static async Task<(double Ms, JsonElement Answer)> Timed(ServerProcess lsp, string method, object parameters)
    {
        var (ms, _, answer) = await TimedToLastByte(lsp, method, parameters).ConfigureAwait(false);
        return (ms, answer);
    }

    /// <summary>The time to the parsed answer, and to its last byte read from the server (see <see cref="ServerProcess.LastReadAt"/>).</summary>
    internal static async Task<(double Ms, double ToLastByteMs, JsonElement Answer)> TimedToLastByte(ServerProcess lsp, string method, object parameters)
    {
        var sent = Stopwatch.GetTimestamp();
        var answer = await lsp.Request(method, parameters).WaitAsync(RequestTimeout).ConfigureAwait(false);
        var answered = Stopwatch.GetTimestamp();
        return (Ms(sent, answered), Ms(sent, Math.Max(sent, lsp.LastReadAt)), answer);
    }

    internal static Task Open(ServerProcess lsp, string uri, string text) =>
        lsp.Notify("textDocument/didOpen", new { textDocument = new { uri, languageId = "markdown", version = 1, text } });

    internal static object Range(int startLine, int startCharacter, int endLine, int endCharacter) =>
        new { start = new { line = startLine, character = startCharacter }, end = new { line = endLine, character = endCharacter } };

    internal static string Uri(string vaultRoot, string relativePath) => FileUri.From(Path.Combine(vaultRoot, relativePath));

    private static string PathWithStem(string path, string stem)
    {
        var folder = path.Contains('/') ? path[..(path.LastIndexOf('/') + 1)] : "";
        return folder + stem + Path.GetExtension(path);
    }

    internal static double Ms(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;

    private static string Shorten(JsonElement json)
    {
        var text = json.ValueKind == JsonValueKind.Undefined ? "nothing" : json.GetRawText();
        return text.Length > 300 ? text[..300] + "…" : text;
    }
}
