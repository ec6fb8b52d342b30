using StreamJsonRpc;

namespace NoteLsp.Server.Tests.Fixture;

public static class Errors
{
    /// <summary>The JSON-RPC error code the server answered with (fails when it answered without error).</summary>
    public static async Task<(int Code, string Message)> CodeOf(Func<Task> request)
    {
        try
        {
            await request();
        }
        catch (RemoteInvocationException e)
        {
            return (e.ErrorCode, e.Message);
        }
        catch (RemoteMethodNotFoundException e)
        {
            return ((int)e.ErrorCode, e.Message);
        }
        throw new Xunit.Sdk.XunitException("The request succeeded; an error was expected.");
    }
}
