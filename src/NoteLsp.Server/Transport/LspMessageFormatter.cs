using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using NoteLsp.Server.Protocol;
using Serilog;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace NoteLsp.Server.Transport;

/// <summary>
/// StreamJsonRpc's System.Text.Json formatter with a check in front: a message that is valid JSON but not valid JSON-RPC
/// (a batch array, a non-object, an `id` that is an object or 1.5, a `method` that is not a string, `params` that are not
/// an object or array, a response to no request of ours, a malformed error) would make StreamJsonRpc end the connection.
/// Here it becomes a message StreamJsonRpc handles like any other: an invalid request a call to
/// <see cref="InvalidMessageMethod"/>, which answers the JSON-RPC error (-32600, -32602) for the request's id (or
/// `id: null` when it has none that can be read); an invalid notification or a stray response a call to
/// <see cref="DroppedMessageMethod"/>, logged and dropped. Broken JSON still ends the connection (a frame we cannot read).
/// </summary>
public sealed class LspMessageFormatter : SystemTextJsonFormatter, IJsonRpcMessageFormatter, IJsonRpcMessageTextFormatter
{
    /// <summary>A request that must be answered with an error; its params are { code, message }.</summary>
    public const string InvalidMessageMethod = "$/notelsp/invalidMessage";

    /// <summary>A notification that stands for a message that was logged and dropped.</summary>
    public const string DroppedMessageMethod = "$/notelsp/droppedMessage";

    private static readonly byte[] Dropped = Encoding.UTF8.GetBytes($$"""{"jsonrpc":"2.0","method":"{{DroppedMessageMethod}}"}""");

    private readonly ILogger _log;
    private readonly ConcurrentDictionary<RequestId, byte> _awaitingResponse = new();

    public LspMessageFormatter(ILogger log)
    {
        _log = log;
        LspJsonRpc.ConfigureSerializer(JsonSerializerOptions);
    }

    /// <summary>The server sent a request with this id: a response carrying it is expected (and only then accepted).</summary>
    internal void ExpectResponse(RequestId id) => _awaitingResponse.TryAdd(id, 0);

    /// <summary>The request was never sent: no response will come.</summary>
    internal void ForgetResponse(RequestId id) => _awaitingResponse.TryRemove(id, out _);

    JsonRpcMessage IJsonRpcMessageFormatter.Deserialize(ReadOnlySequence<byte> contentBuffer) => Check(contentBuffer, Encoding);

    /// <summary>
    /// The answers that can run to megabytes (references, a rename's edit, workspace symbols), by their declared type:
    /// written with the context's own options, whose compile-time serializers write straight to the buffer with no
    /// per-property lookups. The formatter's options cannot do that: StreamJsonRpc adds converters to them, which
    /// turns the generated fast path off. These types hold no `object` member and nothing StreamJsonRpc marshals, so
    /// the bytes are the ones the formatter's options would write (SerializationTests checks it).
    /// </summary>
    private static readonly Dictionary<Type, JsonTypeInfo> LargeAnswers = new()
    {
        [typeof(IReadOnlyList<LspLocation>)] = LspJsonContext.Default.IReadOnlyListLspLocation,
        [typeof(WorkspaceEdit)] = LspJsonContext.Default.WorkspaceEdit,
        [typeof(IReadOnlyList<SymbolInformation>)] = LspJsonContext.Default.IReadOnlyListSymbolInformation,
    };

    void IJsonRpcMessageFormatter.Serialize(IBufferWriter<byte> bufferWriter, JsonRpcMessage message)
    {
        if (message is not JsonRpcResult { Version: "2.0", Result: { } result, ResultDeclaredType: { } declared } answer
            || !LargeAnswers.TryGetValue(declared, out var typeInfo))
        {
            Serialize(bufferWriter, message);
            return;
        }
        try
        {
            // The envelope as SystemTextJsonFormatter writes it: jsonrpc, id, result.
            using var writer = new Utf8JsonWriter(bufferWriter);
            writer.WriteStartObject();
            writer.WriteString("jsonrpc", "2.0");
            WriteId(writer, answer.RequestId);
            writer.WritePropertyName("result");
            JsonSerializer.Serialize(writer, result, typeInfo);
            writer.WriteEndObject();
        }
        catch (Exception e) when (e is not JsonException)
        {
            throw new JsonException("Serializing the answer failed.", e);
        }
    }

    JsonRpcMessage IJsonRpcMessageTextFormatter.Deserialize(ReadOnlySequence<byte> contentBuffer, Encoding encoding) => Check(contentBuffer, encoding);

    private JsonRpcMessage Check(ReadOnlySequence<byte> contentBuffer, Encoding encoding)
    {
        var shape = MessageShape.Read(contentBuffer); // broken JSON throws here: the connection ends, as before
        if (shape.IsResponse)
        {
            // Never answered, whatever is wrong with it; a response to no request of ours is dropped.
            if (shape.Id is { } id && _awaitingResponse.TryRemove(id, out _))
            {
                if (shape.ResponseProblem() is not { } responseProblem) return Deserialize(contentBuffer, encoding);
                // Our request must still end: with an error instead of the unreadable answer.
                _log.Warning("The client's response to request {Id} is malformed ({Problem}); taken as an error", id, responseProblem);
                return Synthesize(writer => WriteError(writer, id, $"The client's response was malformed: {responseProblem}"), encoding);
            }
            _log.Warning("Dropped a response to request {Id}, which the server never sent (or was already answered)", shape.Id?.ToString() ?? "(no id)");
            return Synthesize(Dropped, encoding);
        }
        if (shape.Problem() is not { } problem) return Deserialize(contentBuffer, encoding);
        if (!shape.ExpectsAnswer)
        {
            _log.Warning("Dropped an invalid notification {Method}: {Problem}", shape.Method ?? "(no method)", problem.Message);
            return Synthesize(Dropped, encoding);
        }
        _log.Warning("Invalid request {Method} (id {Id}): {Problem}", shape.Method ?? "(no method)", shape.Id?.ToString() ?? "null", problem.Message);
        return Synthesize(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("jsonrpc", "2.0");
            WriteId(writer, shape.Id ?? RequestId.Null);
            writer.WriteString("method", InvalidMessageMethod);
            writer.WriteStartObject("params");
            writer.WriteNumber("code", problem.Code);
            writer.WriteString("message", problem.Message);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }, encoding);
    }

    private JsonRpcMessage Synthesize(byte[] json, Encoding encoding) => Deserialize(new ReadOnlySequence<byte>(json), encoding);

    private JsonRpcMessage Synthesize(Action<Utf8JsonWriter> write, Encoding encoding)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer)) write(writer);
        return Synthesize(buffer.WrittenSpan.ToArray(), encoding);
    }

    private static void WriteError(Utf8JsonWriter writer, RequestId id, string message)
    {
        writer.WriteStartObject();
        writer.WriteString("jsonrpc", "2.0");
        WriteId(writer, id);
        writer.WriteStartObject("error");
        writer.WriteNumber("code", ErrorCodes.InternalError);
        writer.WriteString("message", message);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteId(Utf8JsonWriter writer, RequestId id)
    {
        if (id.Number is { } number) writer.WriteNumber("id", number);
        else if (id.String is { } text) writer.WriteString("id", text);
        else writer.WriteNull("id");
    }

    /// <summary>What the top level of a message holds, read without building a document.</summary>
    private sealed class MessageShape
    {
        public JsonTokenType Root { get; private set; }
        public bool HasId { get; private set; }
        /// <summary>The id when it is one JSON-RPC allows (an integer or a string), else null.</summary>
        public RequestId? Id { get; private set; }
        public string? IdProblem { get; private set; }
        public bool HasMethod { get; private set; }
        public string? Method { get; private set; }
        public JsonTokenType MethodToken { get; private set; }
        public JsonTokenType? Params { get; private set; }
        public string? Version { get; private set; }
        public bool HasVersion { get; private set; }
        public bool HasResult { get; private set; }
        public bool HasError { get; private set; }
        public bool ErrorIsWellFormed { get; private set; }

        public bool IsResponse => Root == JsonTokenType.StartObject && !HasMethod && (HasResult || HasError);

        /// <summary>A request (it has an id, readable or not) rather than a notification; anything that is not an object is answered too.</summary>
        public bool ExpectsAnswer => Root != JsonTokenType.StartObject || HasId || !HasMethod;

        public (int Code, string Message)? Problem()
        {
            if (Root == JsonTokenType.StartArray) return (ErrorCodes.InvalidRequest, "batches are not supported by LSP: send one message at a time");
            if (Root != JsonTokenType.StartObject) return (ErrorCodes.InvalidRequest, "a message must be a JSON object");
            if (!HasVersion || Version != "2.0") return (ErrorCodes.InvalidRequest, "\"jsonrpc\" must be \"2.0\"");
            if (IdProblem is not null) return (ErrorCodes.InvalidRequest, IdProblem);
            if (!HasMethod) return (ErrorCodes.InvalidRequest, "a request must have a \"method\"");
            if (MethodToken != JsonTokenType.String) return (ErrorCodes.InvalidRequest, "\"method\" must be a string");
            // null is not JSON-RPC either, but clients send it for params-less methods (shutdown, exit): it means none.
            if (Params is { } kind && kind is not (JsonTokenType.StartObject or JsonTokenType.StartArray or JsonTokenType.Null))
            {
                return (ErrorCodes.InvalidParams, "\"params\" must be an object or an array");
            }
            return null;
        }

        public string? ResponseProblem()
        {
            if (Version != "2.0") return "\"jsonrpc\" is not \"2.0\"";
            if (HasResult && HasError) return "it has both a result and an error";
            if (HasError && !ErrorIsWellFormed) return "its error is not { code: integer, message: string }";
            return null;
        }

        public static MessageShape Read(ReadOnlySequence<byte> json)
        {
            var shape = new MessageShape();
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 256 });
            if (!reader.Read()) throw new JsonException("The message is empty.");
            shape.Root = reader.TokenType;
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                ExpectEnd(ref reader);
                return shape;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                switch (name)
                {
                    case "jsonrpc":
                        shape.HasVersion = true;
                        shape.Version = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                        break;
                    case "id":
                        shape.HasId = true;
                        shape.Id = null;
                        shape.IdProblem = null;
                        if (reader.TokenType == JsonTokenType.String) shape.Id = new RequestId(reader.GetString());
                        else if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var number)) shape.Id = new RequestId(number);
                        else if (reader.TokenType != JsonTokenType.Null) shape.IdProblem = "\"id\" must be an integer or a string";
                        else shape.IdProblem = "\"id\" must not be null";
                        break;
                    case "method":
                        shape.HasMethod = true;
                        shape.MethodToken = reader.TokenType;
                        shape.Method = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                        break;
                    case "params":
                        shape.Params = reader.TokenType;
                        break;
                    case "result":
                        shape.HasResult = true;
                        break;
                    case "error":
                        shape.HasError = true;
                        shape.ErrorIsWellFormed = IsWellFormedError(ref reader);
                        break;
                }
                reader.Skip();
            }
            ExpectEnd(ref reader);
            return shape;
        }

        /// <summary>{ code: integer, message: string, … }; the reader is left on the error's last token.</summary>
        private static bool IsWellFormedError(ref Utf8JsonReader reader)
        {
            if (reader.TokenType != JsonTokenType.StartObject) return false;
            bool code = false, message = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                if (name == "code") code = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out _);
                else if (name == "message") message = reader.TokenType == JsonTokenType.String;
                reader.Skip();
            }
            return code && message;
        }

        private static void ExpectEnd(ref Utf8JsonReader reader)
        {
            // Anything after the value is not JSON: let the reader say so (it throws on trailing data).
            while (reader.Read())
            {
            }
        }
    }
}
