using System.Text.Json;
using NoteLsp.Server.Protocol;

namespace NoteLsp.Server.Tests.Fixture;

/// <summary>One server → client message as it arrived: method and raw params.</summary>
public sealed record InboxMessage(long Sequence, string Method, JsonElement Params);

/// <summary>
/// Every notification and request the server sent, in arrival order. WaitFor takes the first matching message not
/// taken yet; EnsureNoMessage checks that none arrives within a quiet period.
/// </summary>
public sealed class Inbox
{
    private readonly object _gate = new();
    private readonly List<InboxMessage> _messages = [];
    private readonly HashSet<long> _taken = [];
    private long _sequence;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    public void Add(string method, JsonElement parameters)
    {
        lock (_gate)
        {
            _messages.Add(new InboxMessage(_sequence++, method, parameters.Clone()));
            _changed.TrySetResult();
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public IReadOnlyList<InboxMessage> All(string method)
    {
        lock (_gate) return _messages.Where(m => m.Method == method).ToList();
    }

    public async Task<InboxMessage> WaitFor(string method, Func<JsonElement, bool>? predicate = null, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                foreach (var message in _messages)
                {
                    if (_taken.Contains(message.Sequence) || message.Method != method) continue;
                    if (predicate is not null && !predicate(message.Params)) continue;
                    _taken.Add(message.Sequence);
                    return message;
                }
                changed = _changed.Task;
            }
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || await Task.WhenAny(changed, Task.Delay(left)) != changed)
            {
                lock (_gate)
                {
                    var seen = string.Join("\n", _messages.Where(m => m.Method == method).Select(m => m.Params.GetRawText()));
                    throw new TimeoutException($"No {method} matching within {timeout ?? DefaultTimeout}. Received:\n{seen}");
                }
            }
        }
    }

    /// <summary>Diagnostics for one URI (the next set not taken yet).</summary>
    public Task<InboxMessage> WaitForDiagnostics(string uri, Func<JsonElement, bool>? predicate = null, TimeSpan? timeout = null) =>
        WaitFor(LspMethods.PublishDiagnostics, p => p.GetProperty("uri").GetString() == uri && (predicate is null || predicate(p.GetProperty("diagnostics"))), timeout);

    /// <summary>Fails when a message of the method (matching the predicate) not taken yet is there or arrives within the quiet period.</summary>
    public async Task EnsureNoMessage(string method, Func<JsonElement, bool>? predicate = null, TimeSpan? quiet = null)
    {
        await Task.Delay(quiet ?? TimeSpan.FromMilliseconds(600));
        lock (_gate)
        {
            var unexpected = _messages.Where(m => !_taken.Contains(m.Sequence) && m.Method == method && (predicate is null || predicate(m.Params))).ToList();
            if (unexpected.Count > 0)
            {
                throw new Xunit.Sdk.XunitException($"Unexpected {method}: {string.Join("\n", unexpected.Select(m => m.Params.GetRawText()))}");
            }
        }
    }
}
