using System.Diagnostics;

namespace NoteLsp.Server.State;

/// <summary>
/// How many requests are being computed right now, so that background work (the vault-wide diagnostics pass after
/// indexing, seconds of every core at 100,000 notes) can leave a core to an answer someone is waiting for. Without it a
/// references request made just after indexing shared two cores with two diagnostics workers and took half again as
/// long.
/// </summary>
public sealed class RequestActivity(int cores)
{
    private int _inFlight;

    public RequestActivity() : this(Environment.ProcessorCount) { }

    public int InFlight => Volatile.Read(ref _inFlight);

    public void Begin() => Interlocked.Increment(ref _inFlight);

    public void End() => Interlocked.Decrement(ref _inFlight);

    /// <summary>
    /// Background worker number <paramref name="worker"/> (0-based) waits while the requests in flight need its core:
    /// while workers up to it plus the requests would be more threads than cores. Waits at most what is left of
    /// <paramref name="budget"/> and takes what it waited from it, so a client that asks without pause delays the
    /// background work by a bounded time, never indefinitely.
    /// </summary>
    public void StepAside(int worker, ref TimeSpan budget)
    {
        if (budget <= TimeSpan.Zero || !NeedsCore(worker)) return;
        var started = Stopwatch.GetTimestamp();
        while (NeedsCore(worker) && Stopwatch.GetElapsedTime(started) < budget) Thread.Sleep(2);
        budget -= Stopwatch.GetElapsedTime(started);
    }

    private bool NeedsCore(int worker) => worker + InFlight >= cores;
}
