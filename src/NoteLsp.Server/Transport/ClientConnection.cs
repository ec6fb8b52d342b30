using NoteLsp.Server.Protocol;
using Serilog;
using StreamJsonRpc;

namespace NoteLsp.Server.Transport;

/// <summary>
/// Server → client messages. Notifications are fire-and-forget with failures logged; requests return null when the
/// client refuses or the connection is gone. Never call these while holding a lock.
/// </summary>
public sealed class ClientConnection(JsonRpc rpc, ILogger log)
{
    public void Notify(string method, object parameters)
    {
        try
        {
            rpc.NotifyWithParameterObjectAsync(method, parameters).ContinueWith(
                t => log.Warning(t.Exception?.GetBaseException(), "Sending {Method} failed", method),
                CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
        catch (Exception e) when (e is ObjectDisposedException or ConnectionLostException)
        {
            log.Debug("Not sending {Method}: the connection is closed", method);
        }
    }

    /// <summary>
    /// A notification that completes once it is written, so what is sent after it (a request's answer) follows it on
    /// the wire; false when the connection is gone.
    /// </summary>
    public async Task<bool> NotifyAsync(string method, object parameters)
    {
        try
        {
            await rpc.NotifyWithParameterObjectAsync(method, parameters).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is ObjectDisposedException or ConnectionLostException)
        {
            log.Debug("Not sending {Method}: the connection is closed", method);
            return false;
        }
    }

    public async Task<T?> RequestAsync<T>(string method, object parameters, CancellationToken cancellationToken)
    {
        try
        {
            return await rpc.InvokeWithParameterObjectAsync<T>(method, parameters, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RemoteInvocationException or ConnectionLostException or ObjectDisposedException or OperationCanceledException or RemoteMethodNotFoundException)
        {
            log.Warning("Client request {Method} failed: {Message}", method, e.Message);
            return default;
        }
    }

    /// <summary>A request whose answer does not matter; true when the client answered without error.</summary>
    public async Task<bool> RequestAsync(string method, object parameters, CancellationToken cancellationToken)
    {
        try
        {
            await rpc.InvokeWithParameterObjectAsync(method, parameters, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is RemoteInvocationException or ConnectionLostException or ObjectDisposedException or OperationCanceledException or RemoteMethodNotFoundException)
        {
            log.Warning("Client request {Method} failed: {Message}", method, e.Message);
            return false;
        }
    }

    public void ShowMessage(int type, string message) => Notify(LspMethods.ShowMessage, new ShowMessageParams(type, message));
}
