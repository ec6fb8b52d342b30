using System.Text.Json;
using NoteLsp.Server.Protocol;
using NoteLsp.Server.Transport;

namespace NoteLsp.Server.Handlers;

/// <summary>
/// LSP 3.17 "Partial Result Progress": when a request carries a `partialResultToken`, its list answer is sent as
/// `$/progress` notifications with that token, <see cref="ChunkSize"/> items each and in the answer's order, and the
/// request itself answers an empty list. The editor can show the first thousand references of a note linked 100,000
/// times while the rest is still on the way, and no single message holds megabytes. Without a token nothing changes.
/// </summary>
internal static class PartialResults
{
    public const int ChunkSize = 1000;

    public static async Task<IReadOnlyList<T>?> Send<T>(ClientConnection client, JsonElement? token, Task<IReadOnlyList<T>?> answer, CancellationToken cancellationToken)
    {
        var result = await answer.ConfigureAwait(false);
        if (token is not { ValueKind: JsonValueKind.String or JsonValueKind.Number } progressToken || result is not { Count: > 0 }) return result;
        for (var start = 0; start < result.Count; start += ChunkSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var chunk = new T[Math.Min(ChunkSize, result.Count - start)];
            for (var i = 0; i < chunk.Length; i++) chunk[i] = result[start + i];
            // Awaited: every chunk is on the wire before the (empty) answer that tells the client the list is complete.
            if (!await client.NotifyAsync(LspMethods.Progress, new ProgressParams(progressToken, chunk)).ConfigureAwait(false)) break;
        }
        return [];
    }
}
