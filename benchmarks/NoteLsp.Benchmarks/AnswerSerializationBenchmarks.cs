using System.Buffers;
using System.Text.Json.Serialization.Metadata;
using BenchmarkDotNet.Attributes;
using NoteLsp.Server.Protocol;
using NoteLsp.Server.Transport;
using Serilog.Core;
using StreamJsonRpc;

namespace NoteLsp.Benchmarks;

/// <summary>
/// Writing a large answer as the server does (its message formatter, envelope included) into a reused buffer:
/// a references answer of 20,000 locations (~3.5 MB, the size of the most-linked note's at 10,000 notes) and a rename's
/// WorkspaceEdit of 20,000 edits in 5,000 notes. "reflection" is StreamJsonRpc's formatter with the server's options on
/// reflection metadata, as the server wrote answers before Protocol/LspJsonContext and LspMessageFormatter's own path
/// for large answers.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class AnswerSerializationBenchmarks
{
    private const int Locations = 20_000;

    private readonly ArrayBufferWriter<byte> _buffer = new(4 << 20);
    private IJsonRpcMessageFormatter _server = null!;
    private IJsonRpcMessageFormatter _reflection = null!;
    private IReadOnlyList<LspLocation> _references = [];
    private WorkspaceEdit _edit = new();

    [GlobalSetup]
    public void Setup()
    {
        _server = new LspMessageFormatter(Logger.None);
        var reflection = new SystemTextJsonFormatter();
        LspJsonRpc.ConfigureSerializer(reflection.JsonSerializerOptions);
        reflection.JsonSerializerOptions.TypeInfoResolver = new DefaultJsonTypeInfoResolver();
        _reflection = reflection;
        _references = [.. Enumerable.Range(0, Locations).Select(i => new LspLocation(
            $"file:///home/user/vault/topic-{i % 97}/note%20{i / 4}.md",
            new LspRange(new LspPosition(i % 300, 4 + i % 60), new LspPosition(i % 300, 20 + i % 60))))];
        _edit = new WorkspaceEdit
        {
            DocumentChanges = [.. _references.GroupBy(l => l.Uri).Select(g => (DocumentChange)new TextDocumentEdit(
                new OptionalVersionedTextDocumentIdentifier(g.Key, null), [.. g.Select(l => new TextEdit(l.Range, "[[new name]]"))]))],
        };
        var bytes = Write(_server, _references, typeof(IReadOnlyList<LspLocation>));
        if (bytes != Write(_reflection, _references, typeof(IReadOnlyList<LspLocation>))) throw new InvalidOperationException("the two formatters disagree");
        Console.WriteLine($"// references answer: {bytes:N0} bytes; rename answer: {Write(_server, _edit, typeof(WorkspaceEdit)):N0} bytes");
    }

    private int Write(IJsonRpcMessageFormatter formatter, object result, Type declared)
    {
        _buffer.ResetWrittenCount();
        var message = ((IJsonRpcMessageFactory)formatter).CreateResultMessage();
        message.RequestId = new RequestId(7);
        message.Result = result;
        message.ResultDeclaredType = declared;
        formatter.Serialize(_buffer, message);
        return _buffer.WrittenCount;
    }

    [Benchmark(Baseline = true, Description = "references, 20k locations: reflection")]
    public int ReferencesReflection() => Write(_reflection, _references, typeof(IReadOnlyList<LspLocation>));

    [Benchmark(Description = "references, 20k locations: server formatter")]
    public int References() => Write(_server, _references, typeof(IReadOnlyList<LspLocation>));

    [Benchmark(Description = "rename edit, 20k edits: reflection")]
    public int RenameReflection() => Write(_reflection, _edit, typeof(WorkspaceEdit));

    [Benchmark(Description = "rename edit, 20k edits: server formatter")]
    public int Rename() => Write(_server, _edit, typeof(WorkspaceEdit));
}
