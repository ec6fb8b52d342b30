using System.Collections.Concurrent;
using System.Diagnostics;
using NoteLsp.Core.Model;
using NoteLsp.Core.Vault;
using NoteLsp.Server.Protocol;
using NoteLsp.Server.State;
using NoteLsp.Server.Transport;
using Serilog;

namespace NoteLsp.Server.Handlers;

/// <summary>
/// Scans vaults in the background, batch by batch: each batch is merged into the vault's snapshot at once, so
/// requests during indexing see what is indexed so far. Reports work-done progress when the client supports it.
/// </summary>
public sealed class Indexer(
    Workspace workspace,
    DiagnosticsService diagnostics,
    ClientConnection client,
    Func<ClientFeatures> features,
    ServerOptions options,
    ILogger log)
{
    private int _progressTokens;
    private readonly CancellationTokenSource _stop = new();

    /// <summary>Starts indexing the vaults without waiting for it.</summary>
    public Task Start(IReadOnlyList<string> vaultIds) => Task.Run(() => RunAsync(vaultIds));

    /// <summary>Indexes the vaults until done or until the server shuts down.</summary>
    public Task RunAsync(IReadOnlyList<string> vaultIds) => IndexAsync(vaultIds, _stop.Token);

    public void Stop() => _stop.Cancel();

    public async Task IndexAsync(IReadOnlyList<string> vaultIds, CancellationToken cancellationToken)
    {
        if (vaultIds.Count == 0) return;
        var stopwatch = Stopwatch.StartNew();
        var token = $"notelsp/indexing/{Interlocked.Increment(ref _progressTokens)}";
        var progress = features().WorkDoneProgress
            && await client.RequestAsync("window/workDoneProgress/create", new WorkDoneProgressCreateParams(token), cancellationToken).ConfigureAwait(false);
        try
        {
            var plans = new List<(string VaultId, int Generation, IReadOnlyList<string> Paths)>();
            foreach (var id in vaultIds)
            {
                var generation = workspace.BeginRescan(id);
                var vault = workspace.Current.VaultById(id);
                if (generation < 0 || vault is null) continue;
                var issues = new List<ScanIssue>();
                var paths = VaultScanner.EnumerateNotes(vault.Root, vault.Config, issues);
                foreach (var issue in issues) log.Information("Skipped {Path}: {Message}", issue.Path, issue.Message);
                plans.Add((id, generation, paths));
            }
            var total = plans.Sum(p => p.Paths.Count);
            if (progress) client.Notify("$/progress", new ProgressParams(token, new WorkDoneProgressBegin("Indexing notes", false, $"0/{total} notes", 0)));

            var done = 0;
            var batchNumber = 0;
            var lastReport = Stopwatch.StartNew();
            foreach (var (vaultId, generation, paths) in plans)
            {
                var root = workspace.Current.VaultById(vaultId)?.Root;
                var stale = root is null;
                for (var start = 0; start < paths.Count && !stale; start += options.IndexBatchSize)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var batch = paths.Skip(start).Take(options.IndexBatchSize).ToList();
                    var notes = Read(workspace.Current.VaultById(vaultId), batch, cancellationToken);
                    if (options.BeforeIndexBatch is { } hook) await hook(batchNumber, cancellationToken).ConfigureAwait(false);
                    stale = !workspace.MergeScanned(vaultId, generation, notes, finished: false);
                    batchNumber++;
                    done += batch.Count;
                    if (progress && lastReport.ElapsedMilliseconds >= 100)
                    {
                        lastReport.Restart();
                        client.Notify("$/progress", new ProgressParams(token, new WorkDoneProgressReport($"{done}/{total} notes", total == 0 ? 100 : done * 100 / total)));
                    }
                }
                if (stale) continue;
                workspace.MergeScanned(vaultId, generation, [], finished: true);
                diagnostics.RecheckVault(vaultId);
                log.Information("Indexed {Count} notes of {Root} in {Elapsed} ms", paths.Count, root, stopwatch.ElapsedMilliseconds);
            }
            if (progress) client.Notify("$/progress", new ProgressParams(token, new WorkDoneProgressEnd($"Indexed {done} notes in {stopwatch.Elapsed.TotalSeconds:0.0} s")));
        }
        catch (OperationCanceledException)
        {
            if (progress) client.Notify("$/progress", new ProgressParams(token, new WorkDoneProgressEnd("Indexing stopped")));
        }
        catch (Exception e)
        {
            log.Error(e, "Indexing failed");
            if (progress) client.Notify("$/progress", new ProgressParams(token, new WorkDoneProgressEnd("Indexing failed: " + e.Message)));
            // What was indexed stays; let diagnostics follow for it.
            foreach (var id in vaultIds)
            {
                if (workspace.Current.VaultById(id) is { } vault) workspace.MergeScanned(id, vault.Generation, [], finished: true);
                diagnostics.RecheckVault(id);
            }
        }
    }

    private List<ParsedNote> Read(Vault? vault, IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        if (vault is null) return [];
        var notes = new ConcurrentBag<ParsedNote>();
        var issues = new ConcurrentBag<ScanIssue>();
        Parallel.ForEach(paths, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount }, path =>
        {
            try
            {
                var noteIssues = new List<ScanIssue>();
                if (VaultScanner.ReadNote(vault.Root, path, vault.Config, noteIssues) is { } note) notes.Add(note);
                foreach (var issue in noteIssues) issues.Add(issue);
            }
            catch (Exception e)
            {
                log.Error(e, "Reading {Path} failed", path);
            }
        });
        foreach (var issue in issues) log.Information("Skipped {Path}: {Message}", issue.Path, issue.Message);
        return notes.OrderBy(n => n.Path, StringComparer.Ordinal).ToList();
    }
}
