using System.Globalization;

namespace NoteLsp.Cli;

/// <summary>
/// `notelsp: 4,096/100,000 files scanned`, redrawn in place on a terminal's stderr while a check runs, once it has run
/// for a second (a quick check prints nothing). Disposing erases it, so the summary line starts clean.
/// </summary>
public sealed class ProgressLine : IDisposable
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    private readonly TextWriter _terminal;
    private readonly Timer _timer;
    private readonly Lock _gate = new();
    private int _done;
    private int _total = -1;
    private bool _drawn;
    private bool _disposed;

    public ProgressLine(TextWriter terminal)
    {
        _terminal = terminal;
        _timer = new Timer(_ => Draw(), null, Delay, Interval);
    }

    public IProgress<int> Scanned => new Reporter(this);

    public void SetTotal(int total) => Volatile.Write(ref _total, total);

    private void Draw()
    {
        lock (_gate)
        {
            if (_disposed) return;
            var total = Volatile.Read(ref _total);
            var done = Volatile.Read(ref _done);
            var text = total < 0
                ? "notelsp: listing files…"
                : string.Create(CultureInfo.InvariantCulture, $"notelsp: {done:N0}/{total:N0} files scanned");
            _terminal.Write("\r\u001b[K" + text);
            _terminal.Flush();
            _drawn = true;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            _timer.Dispose();
            if (_drawn)
            {
                _terminal.Write("\r\u001b[K");
                _terminal.Flush();
            }
        }
    }

    /// <summary>Reports arrive from the scan's worker threads; only the highest count matters.</summary>
    private sealed class Reporter(ProgressLine line) : IProgress<int>
    {
        public void Report(int value)
        {
            int seen;
            do
            {
                seen = Volatile.Read(ref line._done);
            } while (value > seen && Interlocked.CompareExchange(ref line._done, value, seen) != seen);
        }
    }
}
