using System.Diagnostics;
using Serilog;

namespace NoteLsp.Server.State;

/// <summary>
/// The editor's process (`processId` of initialize), looked at every few seconds: when it has died without closing
/// our stdin (killed, crashed), the server exits with code 1 instead of living on as an orphan (LSP 3.17, initialize).
/// </summary>
public sealed class EditorProcessWatch : IDisposable
{
    private readonly CancellationTokenSource _stop = new();

    private EditorProcessWatch(int processId, TimeSpan interval, Lifecycle lifecycle, ILogger log)
    {
        _ = Task.Run(() => WatchAsync(processId, interval, lifecycle, log, _stop.Token));
    }

    /// <summary>Starts watching; null for no process id, our own (an in-process client) or one that is not a process id.</summary>
    public static EditorProcessWatch? Start(int? processId, TimeSpan interval, Lifecycle lifecycle, ILogger log)
    {
        if (processId is not { } id || id <= 0 || id == Environment.ProcessId) return null;
        return new EditorProcessWatch(id, interval, lifecycle, log);
    }

    public static bool IsAlive(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false; // no process with that id (any more)
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or NotSupportedException or UnauthorizedAccessException)
        {
            return true; // it exists but may not be inspected: not a reason to quit
        }
    }

    private static async Task WatchAsync(int processId, TimeSpan interval, Lifecycle lifecycle, ILogger log, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                if (lifecycle.Exited.IsCompleted) return;
                if (IsAlive(processId)) continue;
                log.Warning("The editor's process {ProcessId} has ended; exiting", processId);
                lifecycle.EditorDied();
                return;
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}
