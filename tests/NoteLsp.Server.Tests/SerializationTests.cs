using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using NoteLsp.Server.Protocol;
using NoteLsp.Server.Transport;
using StreamJsonRpc;

namespace NoteLsp.Server.Tests;

/// <summary>The compile-time JSON metadata (Protocol/LspJsonContext) covers the wire surface and writes what reflection wrote.</summary>
public class SerializationTests
{
    private static JsonSerializerOptions ServerOptions()
    {
        var options = new JsonSerializerOptions();
        LspJsonRpc.ConfigureSerializer(options);
        return options;
    }

    /// <summary>The options as they were before the context: the same settings, reflection only.</summary>
    private static JsonSerializerOptions ReflectionOptions()
    {
        var options = ServerOptions();
        options.TypeInfoResolver = new DefaultJsonTypeInfoResolver();
        return options;
    }

    private static Type Unwrap(Type type)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Task<>)) type = type.GetGenericArguments()[0];
        return Nullable.GetUnderlyingType(type) ?? type;
    }

    public static TheoryData<string> WireTypes()
    {
        var types = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var method in typeof(LspWireSurface).GetMethods(BindingFlags.Public | BindingFlags.Instance))
        {
            if (method.GetCustomAttribute<JsonRpcMethodAttribute>() is null) continue;
            foreach (var parameter in method.GetParameters())
            {
                if (parameter.ParameterType != typeof(CancellationToken)) types.Add(Unwrap(parameter.ParameterType).AssemblyQualifiedName!);
            }
            if (method.ReturnType != typeof(void)) types.Add(Unwrap(method.ReturnType).AssemblyQualifiedName!);
        }
        return [.. types];
    }

    [Theory]
    [MemberData(nameof(WireTypes))]
    public void Every_type_a_wire_method_reads_or_answers_has_compile_time_metadata(string typeName)
    {
        var type = Type.GetType(typeName, throwOnError: true)!;
        Assert.True(LspJsonContext.Default.GetTypeInfo(type) is not null, $"{type} is missing from LspJsonContext");
    }

    public static TheoryData<string, object> Samples()
    {
        var range = new LspRange(new LspPosition(1, 2), new LspPosition(3, 4));
        return new()
        {
            { "references", (IReadOnlyList<LspLocation>)[new("file:///v/a.md", range), new("file:///v/b%20c.md", range)] },
            {
                "rename edit",
                new WorkspaceEdit
                {
                    DocumentChanges =
                    [
                        new TextDocumentEdit(new OptionalVersionedTextDocumentIdentifier("file:///v/a.md", null), [new TextEdit(range, "[[é \"x\"]]")]),
                        new RenameFile("file:///v/a.md", "file:///v/b.md", null),
                        new CreateFile("file:///v/c.md", new CreateFileOptions(false, true)),
                    ],
                }
            },
            { "workspace symbols", (IReadOnlyList<SymbolInformation>)[new SymbolInformation("Alpha", SymbolKind.File, new LspLocation("file:///v/alpha.md", range), "alpha.md")] },
            { "changes edit", new WorkspaceEdit { Changes = new Dictionary<string, IReadOnlyList<TextEdit>> { ["file:///v/A.md"] = [new TextEdit(range, "x")] } } },
            { "definition", OneOf<IReadOnlyList<LocationLink>, IReadOnlyList<LspLocation>>.First([new LocationLink("file:///v/a.md", range, range, null)]) },
            { "progress", new ProgressParams("token-1", new IndexingProgressBegin("Indexing notes", false, "0/3 notes", 0, 0, 3)) },
            { "lens", new CodeLens(range, new LspCommand("2 references", ClientCommands.ShowReferences, ["file:///v/a.md", range.Start, 7]), new CodeLensData("file:///v/a.md", "refs", null)) },
        };
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void The_metadata_writes_the_same_bytes_as_reflection(string name, object value)
    {
        var declared = value switch
        {
            IReadOnlyList<LspLocation> => typeof(IReadOnlyList<LspLocation>),
            IReadOnlyList<SymbolInformation> => typeof(IReadOnlyList<SymbolInformation>),
            _ => value.GetType(),
        };
        var expected = JsonSerializer.Serialize(value, declared, ReflectionOptions());
        var actual = JsonSerializer.Serialize(value, declared, ServerOptions());
        Assert.True(expected == actual, $"{name}:\n{actual}\nreflection wrote:\n{expected}");
    }

    /// <summary>
    /// Each documentChanges entry is written as its own shape, with nothing around it and no discriminator, the way the
    /// LSP spells `TextDocumentEdit | RenameFile | CreateFile` (DocumentChangeConverter), through either set of options.
    /// </summary>
    [Fact]
    public void A_workspace_edit_writes_each_document_change_as_its_own_shape()
    {
        var range = new LspRange(new LspPosition(1, 2), new LspPosition(3, 4));
        var edit = new WorkspaceEdit
        {
            DocumentChanges =
            [
                new TextDocumentEdit(new OptionalVersionedTextDocumentIdentifier("file:///v/a.md", null), [new TextEdit(range, "[[b]]")]),
                new TextDocumentEdit(new OptionalVersionedTextDocumentIdentifier("file:///v/c.md", 3), []),
                new RenameFile("file:///v/a.md", "file:///v/b.md", null),
                new CreateFile("file:///v/d.md", new CreateFileOptions(false, true)),
            ],
        };
        const string Expected = """
            {"documentChanges":[{"textDocument":{"uri":"file:///v/a.md","version":null},"edits":[{"range":{"start":{"line":1,"character":2},"end":{"line":3,"character":4}},"newText":"[[b]]"}]},{"textDocument":{"uri":"file:///v/c.md","version":3},"edits":[]},{"oldUri":"file:///v/a.md","newUri":"file:///v/b.md","kind":"rename"},{"uri":"file:///v/d.md","options":{"overwrite":false,"ignoreIfExists":true},"kind":"create"}]}
            """;
        Assert.Equal(Expected, JsonSerializer.Serialize(edit, LspJsonContext.Default.WorkspaceEdit));
        Assert.Equal(Expected, JsonSerializer.Serialize(edit, ServerOptions()));
    }

    /// <summary>A whole answer message as the server's formatter writes it (large answers take their own path) and as StreamJsonRpc's formatter wrote it before.</summary>
    [Theory]
    [MemberData(nameof(Samples))]
    public void The_formatter_writes_the_same_answer_message_as_before(string name, object value)
    {
        var declared = value switch
        {
            IReadOnlyList<LspLocation> => typeof(IReadOnlyList<LspLocation>),
            IReadOnlyList<SymbolInformation> => typeof(IReadOnlyList<SymbolInformation>),
            _ => value.GetType(),
        };
        var before = new SystemTextJsonFormatter();
        LspJsonRpc.ConfigureSerializer(before.JsonSerializerOptions);
        before.JsonSerializerOptions.TypeInfoResolver = new DefaultJsonTypeInfoResolver();
        foreach (var id in new[] { new RequestId(7), new RequestId("req-\"7\"") })
        {
            var expected = Write(before, value, declared, id);
            var actual = Write(new LspMessageFormatter(Serilog.Core.Logger.None), value, declared, id);
            Assert.True(expected == actual, $"{name}:\n{actual}\nbefore:\n{expected}");
        }
    }

    private static string Write(IJsonRpcMessageFormatter formatter, object value, Type declared, RequestId id)
    {
        var message = ((IJsonRpcMessageFactory)formatter).CreateResultMessage();
        message.RequestId = id;
        message.Result = value;
        message.ResultDeclaredType = declared;
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        formatter.Serialize(buffer, message);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
