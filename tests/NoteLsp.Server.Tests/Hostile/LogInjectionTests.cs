namespace NoteLsp.Server.Tests.Hostile;

/// <summary>
/// The server's log is read by people and by tools: text the client sends (URIs, method names) must never start a log
/// line of its own, whatever control characters it carries.
/// </summary>
public class LogInjectionTests
{
    private const string Forged = "[00:00:00 ERR] FORGED";

    [Fact]
    public async Task Client_text_with_newlines_stays_on_its_own_log_line()
    {
        using var server = ServerProcess.Start();
        await server.Initialize();
        foreach (var separator in new[] { "\n", "\r", "\r\n", "\u2028", "\u0085" })
        {
            // A change to a document that is not open is logged with its URI; an unknown notification with its method.
            await server.Send(ServerProcess.Notification("textDocument/didChange", new
            {
                textDocument = new { uri = "file:///notes/evil.md?" + separator + Forged, version = 2 },
                contentChanges = new[] { new { text = "x" } },
            }));
            await server.Send(ServerProcess.Notification("notelsp/unknown" + separator + Forged, new { }));
        }
        await server.Send(ServerProcess.Request(2, "shutdown", null));
        await server.WaitForResponse(2);
        await server.Send(ServerProcess.Notification("exit", null));
        Assert.Equal(0, await server.WaitForExit());

        var lines = server.Stderr.Split(['\n', '\r', '\u2028', '\u0085']);
        Assert.Contains(lines, l => l.Contains("FORGED", StringComparison.Ordinal) && l.Contains("evil.md", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith(Forged, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("\\n" + Forged, StringComparison.Ordinal));
    }
}
