using NoteLsp.Server.Protocol;
using StreamJsonRpc;

namespace NoteLsp.Server.State;

/// <summary>initialize → initialized → shutdown → exit, and the process exit code. The one place that knows the phase.</summary>
public sealed class Lifecycle
{
    private enum Phase { Created, Initialized, ShutDown, Exited }

    private volatile Phase _phase = Phase.Created;
    private readonly TaskCompletionSource<int> _exit = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with the exit code: 0 after shutdown, 1 without.</summary>
    public Task<int> Exited => _exit.Task;

    public bool IsInitialized => _phase == Phase.Initialized;

    public bool IsShutDown => _phase >= Phase.ShutDown;

    /// <summary>Throws the LSP error for a request that may not run now.</summary>
    public void EnsureRequestAllowed()
    {
        switch (_phase)
        {
            case Phase.Created:
                throw new LocalRpcException("The server is not initialized: send initialize first.") { ErrorCode = ErrorCodes.ServerNotInitialized };
            case Phase.ShutDown or Phase.Exited:
                throw new LocalRpcException("The server is shutting down.") { ErrorCode = ErrorCodes.InvalidRequest };
        }
    }

    /// <summary>Notifications before initialize or after shutdown are dropped.</summary>
    public bool NotificationAllowed => _phase == Phase.Initialized;

    public void BeginInitialize()
    {
        if (_phase != Phase.Created)
        {
            throw new LocalRpcException(_phase == Phase.Initialized ? "initialize was already received." : "The server is shutting down.")
            {
                ErrorCode = ErrorCodes.InvalidRequest,
            };
        }
        _phase = Phase.Initialized;
    }

    public void Shutdown()
    {
        EnsureRequestAllowed();
        _phase = Phase.ShutDown;
    }

    public void Exit()
    {
        var code = _phase == Phase.ShutDown ? 0 : 1;
        _phase = Phase.Exited;
        _exit.TrySetResult(code);
    }

    /// <summary>The editor's process has died: exit with code 1, as for a lost connection.</summary>
    public void EditorDied()
    {
        _phase = Phase.Exited;
        _exit.TrySetResult(1);
    }

    /// <summary>The client went away: exit as if `exit` had come (code 1 when the stream broke, e.g. a malformed frame).</summary>
    public void Disconnected(bool error)
    {
        if (error)
        {
            _phase = Phase.Exited;
            _exit.TrySetResult(1);
            return;
        }
        Exit();
    }
}
