using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using NoteLsp.Server.Protocol;
using Serilog;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace NoteLsp.Server.Transport;

/// <summary>
/// StreamJsonRpc set up for LSP: Content-Length framing, System.Text.Json with camelCase and nulls omitted,
/// LSP error codes instead of StreamJsonRpc's generic -32000, and no exception ever closes the connection.
/// </summary>
public sealed class LspJsonRpc : JsonRpc
{
    private readonly ILogger _log;
    private readonly LspMessageFormatter? _formatter;

    private LspJsonRpc(IJsonRpcMessageHandler handler, ILogger log) : base(handler)
    {
        _log = log;
        _formatter = handler.Formatter as LspMessageFormatter;
    }

    /// <summary>The serializer options both ends must use: camelCase names, nulls left out.</summary>
    public static void ConfigureSerializer(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DictionaryKeyPolicy = null; // URIs as keys of WorkspaceEdit.changes stay as they are
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.PropertyNameCaseInsensitive = true;
        // Compile-time metadata first (no reflection-built serializers at start-up); reflection for anything it lacks.
        options.TypeInfoResolver = JsonTypeInfoResolver.Combine(LspJsonContext.Default, new DefaultJsonTypeInfoResolver());
    }

    public static SystemTextJsonFormatter CreateFormatter()
    {
        var formatter = new SystemTextJsonFormatter();
        ConfigureSerializer(formatter.JsonSerializerOptions);
        return formatter;
    }

    /// <param name="sendingStream">what the server writes (stdout) — first, as HeaderDelimitedMessageHandler wants it</param>
    /// <param name="receivingStream">what the server reads (stdin)</param>
    /// <param name="maxMessageBytes">a message announced bigger than this ends the connection (see <see cref="FramingGuardStream"/>)</param>
    public static LspJsonRpc Create(Stream sendingStream, Stream receivingStream, ILogger log, long maxMessageBytes = ServerOptions.DefaultMaxMessageBytes)
    {
        // The formatter turns valid JSON that is not valid JSON-RPC into an error answer or a logged drop (LspMessageFormatter).
        var handler = new HeaderDelimitedMessageHandler(sendingStream, new FramingGuardStream(receivingStream, maxMessageBytes), new LspMessageFormatter(log));
        var rpc = new LspJsonRpc(handler, log)
        {
            CancelLocallyInvokedMethodsWhenConnectionIsClosed = true,
        };
        rpc.TraceSource.Switch.Level = SourceLevels.Warning;
        rpc.TraceSource.Listeners.Clear();
        rpc.TraceSource.Listeners.Add(new SerilogTraceListener(log));
        return rpc;
    }

    protected override JsonRpcError.ErrorDetail CreateErrorDetails(JsonRpcRequest request, Exception exception)
    {
        var error = Unwrap(exception);
        switch (error)
        {
            case LocalRpcException local:
                return new JsonRpcError.ErrorDetail { Code = (JsonRpcErrorCode)local.ErrorCode, Message = local.Message, Data = local.ErrorData };
            case OperationCanceledException:
                return new JsonRpcError.ErrorDetail { Code = (JsonRpcErrorCode)ErrorCodes.RequestCancelled, Message = "The request was cancelled." };
            case JsonException or RpcArgumentDeserializationException or ArgumentException or FormatException:
                _log.Warning("Invalid params for {Method}: {Message}", request.Method, error.Message);
                return new JsonRpcError.ErrorDetail { Code = (JsonRpcErrorCode)ErrorCodes.InvalidParams, Message = $"Invalid params: {error.Message}" };
            default:
                _log.Error(error, "Request {Method} failed", request.Method);
                return new JsonRpcError.ErrorDetail { Code = (JsonRpcErrorCode)ErrorCodes.InternalError, Message = $"Internal error in {request.Method}: {error.Message}" };
        }
    }

    protected override bool IsFatalException(Exception ex) => false;

    // ---- every request answered once, before shutdown's answer ----

    private readonly CancellationTokenSource _shuttingDown = new();
    private readonly Dictionary<RequestId, (string Method, TaskCompletionSource Answered)> _unanswered = [];

    /// <summary>Notes each request until its answer is on the wire, and lets shutdown cancel it.</summary>
    protected override async ValueTask<JsonRpcMessage> DispatchRequestAsync(JsonRpcRequest request, TargetMethod targetMethod, CancellationToken cancellationToken)
    {
        if (!request.IsResponseExpected) return await base.DispatchRequestAsync(request, targetMethod, cancellationToken).ConfigureAwait(false);
        lock (_unanswered)
        {
            _unanswered.TryAdd(request.RequestId, (request.Method ?? "", new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)));
        }
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _shuttingDown.Token);
        return await base.DispatchRequestAsync(request, targetMethod, linked.Token).ConfigureAwait(false);
    }

    protected override void OnResponseSent(JsonRpcMessage response)
    {
        if (response is IJsonRpcMessageWithId { RequestId: var id })
        {
            TaskCompletionSource? answered = null;
            lock (_unanswered)
            {
                if (_unanswered.Remove(id, out var entry)) answered = entry.Answered;
            }
            answered?.TrySetResult();
        }
        base.OnResponseSent(response);
    }

    /// <summary>
    /// For shutdown: cancels every request still in flight (each then answers its result or -32800) and completes when
    /// every one of them has been answered on the wire, so shutdown's own answer comes after all of them.
    /// </summary>
    public Task CancelAndDrainRequestsAsync()
    {
        List<Task> pending;
        lock (_unanswered)
        {
            pending = _unanswered.Values.Where(e => e.Method != "shutdown").Select(e => e.Answered.Task).ToList();
        }
        if (pending.Count > 0) _log.Information("shutdown: cancelling {Count} request(s) still in flight", pending.Count);
        _shuttingDown.Cancel();
        // A connection that breaks meanwhile answers nothing more: do not wait for it.
        return Task.WhenAny(Task.WhenAll(pending), Completion);
    }

    /// <summary>Our requests to the client are noted before they leave, so the formatter accepts only responses to them.</summary>
    protected override ValueTask SendAsync(JsonRpcMessage message, CancellationToken cancellationToken)
    {
        if (message is JsonRpcRequest { IsResponseExpected: true } request) _formatter?.ExpectResponse(request.RequestId);
        return base.SendAsync(message, cancellationToken);
    }

    protected override void OnRequestTransmissionAborted(JsonRpcRequest request)
    {
        _formatter?.ForgetResponse(request.RequestId);
        base.OnRequestTransmissionAborted(request);
    }

    private static Exception Unwrap(Exception exception)
    {
        while (true)
        {
            switch (exception)
            {
                case TargetInvocationException { InnerException: { } inner }:
                    exception = inner;
                    continue;
                case AggregateException { InnerExceptions.Count: 1 } aggregate:
                    exception = aggregate.InnerExceptions[0];
                    continue;
                default:
                    return exception;
            }
        }
    }
}

/// <summary>Forwards StreamJsonRpc's trace warnings ("no method matches", dropped notifications) to the log.</summary>
internal sealed class SerilogTraceListener(ILogger log) : TraceListener
{
    public override void Write(string? message)
    {
        if (!string.IsNullOrWhiteSpace(message)) log.Debug("JsonRpc: {Message}", message);
    }

    public override void WriteLine(string? message) => Write(message);

    public override void TraceEvent(TraceEventCache? eventCache, string source, TraceEventType eventType, int id, string? message)
    {
        // A request's exception is already logged by CreateErrorDetails at the level it deserves (a refused rename is
        // no error); StreamJsonRpc's own trace of it, with a stack trace, would put an ERR line in the editor's log.
        if (id == (int)JsonRpc.TraceEvents.LocalInvocationError) log.Debug("JsonRpc: {Message}", message);
        else if (eventType <= TraceEventType.Error) log.Error("JsonRpc: {Message}", message);
        else if (eventType == TraceEventType.Warning) log.Warning("JsonRpc: {Message}", message);
        else log.Debug("JsonRpc: {Message}", message);
    }

    public override void TraceEvent(TraceEventCache? eventCache, string source, TraceEventType eventType, int id, string? format, params object?[]? args) =>
        TraceEvent(eventCache, source, eventType, id, args is { Length: > 0 } && format is not null ? string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args) : format);
}
