using NoteLsp.Server.Transport;
using StreamJsonRpc;

namespace NoteLsp.Server;

/// <summary>The composition root: the one place a server is assembled, for `notelsp server` and for the tests alike.</summary>
public static class LanguageServerFactory
{
    /// <param name="input">what the client sends (stdin)</param>
    /// <param name="output">what the server sends (stdout)</param>
    public static LanguageServer Create(Stream input, Stream output, ServerOptions options)
    {
        var rpc = LspJsonRpc.Create(output, input, options.Log, options.MaxMessageBytes);
        var server = new LanguageServer(rpc, options);
        rpc.AddLocalRpcTarget(new LspWireSurface(server), new JsonRpcTargetOptions { UseSingleObjectParameterDeserialization = true });
        rpc.Disconnected += (_, e) =>
        {
            if (e.Reason is DisconnectedReason.LocallyDisposed) return;
            if (e.Reason is DisconnectedReason.RemotePartyTerminated) options.Log.Information("The client closed the connection");
            else options.Log.Error(e.Exception, "Connection lost ({Reason}): {Description}", e.Reason, e.Description);
            server.Lifecycle.Disconnected(error: e.Reason is not DisconnectedReason.RemotePartyTerminated);
        };
        rpc.StartListening();
        return server;
    }
}
