using System.Diagnostics;
using System.Text.Json;
using NoteLsp.VaultGenerator;

namespace NoteLsp.EndToEnd;

/// <summary>
/// Completion series on the ground truth's probe note: `[[` (bare, then a typed prefix of a note's stem) and
/// `[text](` (bare, then a typed prefix of a note's path relative to the probe note), each answer checked.
/// </summary>
public static class CompletionSeries
{
    public static async Task MeasureAsync(ServerProcess lsp, RequestCounts counts, string vaultRoot, GroundTruth truth, NoteText text, RunResult result)
    {
        await MeasureWikiLinks(lsp, counts, vaultRoot, truth, text, result).ConfigureAwait(false);
        await MeasurePaths(lsp, counts, vaultRoot, truth, text, result).ConfigureAwait(false);
    }

    /// <summary>"[[" on the ground truth's probe, bare and then with a typed prefix of the expected note's stem.</summary>
    private static async Task MeasureWikiLinks(ServerProcess lsp, RequestCounts counts, string vaultRoot, GroundTruth truth, NoteText text, RunResult result)
    {
        var probe = truth.Completion;
        var uri = Scenario.Uri(vaultRoot, probe.Path);
        await Scenario.Open(lsp, uri, text.Text).ConfigureAwait(false);
        var line = text.Line(probe.Line);
        if (!line[..probe.Character].EndsWith("[[", StringComparison.Ordinal))
        {
            result.Failures.Add($"completion: the probe {probe.Path}:{probe.Line + 1}:{probe.Character + 1} is not right after `[[`");
            return;
        }

        // Bare "[[": everything matches; the list is capped and incomplete.
        var bare = new List<double>();
        var series = Stopwatch.GetTimestamp();
        for (var i = 0; i < counts.Completion && !counts.OverBudget(series, i); i++)
        {
            var (ms, list) = await Scenario.Timed(lsp, "textDocument/completion", CompletionParams(uri, probe.Line, probe.Character)).ConfigureAwait(false);
            bare.Add(ms);
            if (Items(list).GetArrayLength() == 0) result.Failures.Add("completion on a bare `[[`: no item");
        }
        result.CompletionBare = Percentiles.Of(bare);

        // "[[" + the first half of the expected note's stem, typed at the end of the line.
        var typed = probe.ExpectedStem[..Math.Min(probe.ExpectedStem.Length, Math.Max(3, probe.ExpectedStem.Length / 2))];
        result.CompletionTypedText = typed;
        await lsp.Notify("textDocument/didChange", new
        {
            textDocument = new { uri, version = 2 },
            contentChanges = new[] { new { range = Scenario.Range(probe.Line, probe.Character, probe.Line, probe.Character), text = typed } },
        }).ConfigureAwait(false);
        var times = new List<double>();
        var misses = 0;
        series = Stopwatch.GetTimestamp();
        for (var i = 0; i < counts.Completion && !counts.OverBudget(series, i); i++)
        {
            var (ms, list) = await Scenario.Timed(lsp, "textDocument/completion", CompletionParams(uri, probe.Line, probe.Character + typed.Length)).ConfigureAwait(false);
            times.Add(ms);
            if (!Offers(list, probe)) misses++;
        }
        if (misses > 0) result.Failures.Add($"completion of `[[{typed}`: {probe.ExpectedPath} not offered in {misses} of {times.Count} answers");
        result.CompletionTyped = Percentiles.Of(times);
    }

    private static object CompletionParams(string uri, int line, int character) => new
    {
        textDocument = new { uri },
        position = new { line, character },
        context = new { triggerKind = 1 },
    };

    private static JsonElement Items(JsonElement list) =>
        list.ValueKind == JsonValueKind.Array ? list : list.ValueKind == JsonValueKind.Object ? list.GetProperty("items") : JsonDocument.Parse("[]").RootElement;

    private static bool Offers(JsonElement list, CompletionProbe probe)
    {
        foreach (var item in Items(list).EnumerateArray())
        {
            if (item.TryGetProperty("detail", out var detail) && detail.GetString() == probe.ExpectedPath) return true;
            if (item.TryGetProperty("textEdit", out var edit) && edit.GetProperty("newText").GetString() is { } newText
                && (newText == probe.ExpectedStem || newText == probe.ExpectedStem + "]]")) return true;
        }
        return false;
    }

    /// <summary>
    /// "[text](" on a line added at the end of the probe note, bare and then with a typed prefix of the expected
    /// note's path relative to the probe note's folder (the way the server writes a Markdown link's path). The note's
    /// text is sent whole (full-document didChange) and restored afterwards.
    /// </summary>
    private static async Task MeasurePaths(ServerProcess lsp, RequestCounts counts, string vaultRoot, GroundTruth truth, NoteText text, RunResult result)
    {
        var probe = truth.Completion;
        var uri = Scenario.Uri(vaultRoot, probe.Path);
        var relative = RelativePath(FolderOf(probe.Path), probe.ExpectedPath);
        var typed = PathPrefix(vaultRoot, probe.Path, relative);
        result.PathCompletionTypedText = typed;
        var version = 10;

        async Task<(int Line, int Character)> Write(string linkStart)
        {
            var written = text.Text + (text.Text.EndsWith('\n') ? "" : "\n") + "\n" + linkStart;
            await lsp.Notify("textDocument/didChange", new { textDocument = new { uri, version = ++version }, contentChanges = new[] { new { text = written } } }).ConfigureAwait(false);
            return new NoteText(written).End;
        }

        var bareAt = await Write("[text](").ConfigureAwait(false);
        var bare = new List<double>();
        var empty = 0;
        var series = Stopwatch.GetTimestamp();
        for (var i = 0; i < counts.Completion && !counts.OverBudget(series, i); i++)
        {
            var (ms, list) = await Scenario.Timed(lsp, "textDocument/completion", CompletionParams(uri, bareAt.Line, bareAt.Character)).ConfigureAwait(false);
            bare.Add(ms);
            if (Items(list).GetArrayLength() == 0) empty++;
        }
        if (empty > 0) result.Failures.Add($"completion on a bare `[text](`: no item in {empty} of {bare.Count} answers");
        result.PathCompletionBare = Percentiles.Of(bare);

        var typedAt = await Write("[text](" + typed).ConfigureAwait(false);
        var times = new List<double>();
        var misses = 0;
        series = Stopwatch.GetTimestamp();
        for (var i = 0; i < counts.Completion && !counts.OverBudget(series, i); i++)
        {
            var (ms, list) = await Scenario.Timed(lsp, "textDocument/completion", CompletionParams(uri, typedAt.Line, typedAt.Character)).ConfigureAwait(false);
            times.Add(ms);
            if (!OffersPath(list, relative)) misses++;
        }
        if (misses > 0) result.Failures.Add($"completion of `[text]({typed}`: {relative} not offered in {misses} of {times.Count} answers");
        result.PathCompletionTyped = Percentiles.Of(times);

        await lsp.Notify("textDocument/didChange", new { textDocument = new { uri, version = ++version }, contentChanges = new[] { new { text = text.Text } } }).ConfigureAwait(false);
    }

    /// <summary>
    /// The expected path's folder part and the first half of its file name, lengthened until at most 40 of the vault's
    /// notes match it (by prefix, as written or as a name key), so the expected note fits in the server's capped list.
    /// </summary>
    private static string PathPrefix(string vaultRoot, string notePath, string relative)
    {
        var folder = FolderOf(notePath);
        var keys = Directory.EnumerateFiles(vaultRoot, "*.md", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(vaultRoot, f).Replace('\\', '/'))
            .Where(p => p != notePath && !p.Split('/').Any(s => s.StartsWith('.')))
            .Select(p => RelativePath(folder, p))
            .Select(r => (Relative: r, Key: LinkSites.Key(r)))
            .ToList();
        var nameStart = relative.LastIndexOf('/') + 1;
        var length = nameStart + Math.Max(3, (relative.Length - nameStart - ".md".Length) / 2);
        while (length < relative.Length)
        {
            var typed = relative[..length];
            var key = LinkSites.Key(typed);
            if (keys.Count(k => k.Relative.StartsWith(typed, StringComparison.OrdinalIgnoreCase) || k.Key.StartsWith(key, StringComparison.Ordinal)) <= 40) break;
            length++;
        }
        return relative[..Math.Min(length, relative.Length)];
    }

    /// <summary>toPath written relative to the folder fromFolder ("" for the vault's root), with ".." to go up.</summary>
    private static string RelativePath(string fromFolder, string toPath)
    {
        var from = fromFolder.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var to = toPath.Split('/');
        var common = 0;
        while (common < from.Length && common < to.Length - 1 && from[common] == to[common]) common++;
        return string.Join('/', Enumerable.Repeat("..", from.Length - common).Concat(to.Skip(common)));
    }

    private static string FolderOf(string path) => path.Contains('/') ? path[..path.LastIndexOf('/')] : "";

    private static bool OffersPath(JsonElement list, string relative)
    {
        foreach (var item in Items(list).EnumerateArray())
        {
            var inserted = item.TryGetProperty("textEdit", out var edit) ? edit.GetProperty("newText").GetString()
                : item.TryGetProperty("insertText", out var insert) ? insert.GetString()
                : item.GetProperty("label").GetString();
            if (inserted is not null && Uri.UnescapeDataString(inserted) == relative) return true;
        }
        return false;
    }
}
