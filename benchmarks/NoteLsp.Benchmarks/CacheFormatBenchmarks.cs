using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using MessagePack;
using NoteLsp.Core.Cache;
using NoteLsp.Core.Config;
using NoteLsp.Core.Files;
using NoteLsp.Core.Index;
using NoteLsp.Core.Model;
using NoteLsp.Core.Text;

namespace NoteLsp.Benchmarks;

/// <summary>
/// The note cache's own binary format against MessagePack (2.5, through plain DTOs: it has no formatter for
/// ImmutableArray or the model's packed structs) on the notes of a 10,000-note vault: save (encode) and load (decode to
/// ParsedNote). Sizes are printed by the setup. The winner is what NoteCacheFile writes.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 2, iterationCount: 8)]
public class CacheFormatBenchmarks
{
    private KeyValuePair<string, CachedNote>[] _notes = [];
    private byte[] _binary = [];
    private byte[] _messagePack = [];
    private string _key = "";
    private const string VaultPath = "/vault";
    private static readonly ImmutableArray<string> Extensions = VaultSnapshot.NormalizeExtensions(NoteLspConfig.Default.Extensions);

    [GlobalSetup]
    public void Setup()
    {
        var root = BenchmarkVaults.Get(BenchmarkVaults.DefaultNotes).Root;
        _notes = [.. VaultScanner.Scan(root, NoteLspConfig.Default).Snapshot.Notes
            .Select(n => new KeyValuePair<string, CachedNote>(n.Path, new CachedNote(new FileStamp(1000, 638000000000000000), n)))
            .OrderBy(p => p.Key, StringComparer.Ordinal)];
        _key = NoteCacheFile.SettingsKey(NoteLspConfig.Default);
        _binary = SaveBinary();
        _messagePack = SaveMessagePack();
        Console.WriteLine($"// {_notes.Length} notes: binary {_binary.Length:N0} bytes, MessagePack {_messagePack.Length:N0} bytes");
    }

    [Benchmark(Description = "save: binary")]
    public byte[] SaveBinary() => NoteCacheFile.Encode(_key, VaultPath, DateTime.UtcNow.Ticks, _notes, Extensions, default);

    [Benchmark(Description = "save: MessagePack")]
    public byte[] SaveMessagePack() => MessagePackSerializer.Serialize(_notes.Select(p => NoteDto.From(p.Value)).ToArray());

    [Benchmark(Description = "load: binary")]
    public int LoadBinary() => NoteCacheFile.Decode(_binary, _key, VaultPath, Extensions, out _, default)!.Notes.Count;

    [Benchmark(Description = "load: MessagePack")]
    public int LoadMessagePack()
    {
        var dtos = MessagePackSerializer.Deserialize<NoteDto[]>(_messagePack);
        var notes = new ParsedNote[dtos.Length];
        Parallel.For(0, dtos.Length, i => notes[i] = dtos[i].ToNote());
        return notes.Length;
    }
}

[MessagePackObject]
public struct RangeDto
{
    [Key(0)] public int A;
    [Key(1)] public int B;
    [Key(2)] public int C;
    [Key(3)] public int D;

    public static RangeDto From(TextRange r) => new() { A = r.Start.Line, B = r.Start.Character, C = r.End.Line, D = r.End.Character };
    public static RangeDto? From(TextRange? r) => r is { } x ? From(x) : null;
    public readonly TextRange To() => new(A, B, C, D);
}

[MessagePackObject]
public sealed class ValueDto
{
    [Key(0)] public string V = "";
    [Key(1)] public RangeDto R;

    public static ValueDto From(FrontMatterValue v) => new() { V = v.Value, R = RangeDto.From(v.Range) };
    public FrontMatterValue To() => new(V, R.To());
    public static ValueDto[] All(ImmutableArray<FrontMatterValue> values) => [.. values.Select(From)];
    public static ImmutableArray<FrontMatterValue> To(ValueDto[] values) => [.. values.Select(v => v.To())];
}

[MessagePackObject]
public sealed class NoteDto
{
    [Key(0)] public long Length;
    [Key(1)] public long Ticks;
    [Key(2)] public string Path = "";
    [Key(3)] public string Stem = "";
    [Key(4)] public string Title = "";
    [Key(5)] public byte TitleSource;
    [Key(6)] public RangeDto? TitleRange;
    [Key(7)] public ValueDto[] Aliases = [];
    [Key(8)] public ValueDto[] Tags = [];
    [Key(9)] public (string Name, RangeDto Range, byte Form)[] TagOccurrences = [];
    [Key(10)] public ValueDto? VideoId;
    [Key(11)] public ValueDto? Duration;
    [Key(12)] public RangeDto? FrontMatterRange;
    [Key(13)] public ValueDto[]? FrontMatterAliases;
    [Key(14)] public ValueDto[]? FrontMatterTags;
    [Key(15)] public string? FrontMatterError;
    [Key(16)] public RangeDto FrontMatterErrorRange;
    [Key(17)] public (string Text, int Level, string Anchor, RangeDto Range, RangeDto TextRange, string? Source)[] Headings = [];
    [Key(18)] public (string Id, RangeDto Range, RangeDto BlockRange)[] BlockIds = [];
    [Key(19)] public (RangeDto Range, bool Embed, string Target, RangeDto TargetRange, string? Heading, RangeDto? HeadingRange, string? BlockId, RangeDto? BlockIdRange, RangeDto? LabelRange)[] WikiLinks = [];
    [Key(20)] public (RangeDto Range, string Text, string Path, RangeDto PathRange, string? Fragment, RangeDto? FragmentRange)[] MarkdownLinks = [];
    [Key(21)] public (byte Form, RangeDto Range, string Target, RangeDto TargetRange, string Display, RangeDto DisplayRange)[] Timestamps = [];
    [Key(22)] public (string Label, RangeDto Range, RangeDto LabelRange, bool Definition)[] Footnotes = [];
    [Key(23)] public (string Type, RangeDto TypeRange, char Fold, RangeDto Range)[] Callouts = [];
    [Key(24)] public RangeDto[] Comments = [];
    [Key(25)] public bool InvalidEncoding;
    [Key(26)] public RangeDto? InvalidEncodingRange;
    [Key(27)] public int EndLine;
    [Key(28)] public int EndCharacter;

    public static NoteDto From(CachedNote cached)
    {
        var n = cached.Note;
        return new NoteDto
        {
            Length = cached.Stamp.Length,
            Ticks = cached.Stamp.LastWriteTicks,
            Path = n.Path,
            Stem = n.Stem,
            Title = n.Title,
            TitleSource = (byte)n.TitleSource,
            TitleRange = RangeDto.From(n.TitleRange),
            Aliases = ValueDto.All(n.Aliases),
            Tags = ValueDto.All(n.Tags),
            TagOccurrences = [.. n.TagOccurrences.Select(t => (t.Name, RangeDto.From(t.NameRange), (byte)t.Form))],
            VideoId = n.VideoId is { } v ? ValueDto.From(v) : null,
            Duration = n.Duration is { } d ? ValueDto.From(d) : null,
            FrontMatterRange = RangeDto.From(n.FrontMatter?.Range),
            FrontMatterAliases = n.FrontMatter is { } fa ? ValueDto.All(fa.Aliases) : null,
            FrontMatterTags = n.FrontMatter is { } ft ? ValueDto.All(ft.Tags) : null,
            FrontMatterError = n.FrontMatter?.Error?.Message,
            FrontMatterErrorRange = n.FrontMatter?.Error is { } e ? RangeDto.From(e.Range) : default,
            Headings = [.. n.Headings.Select(h => (h.Text, h.Level, h.Anchor, RangeDto.From(h.Range), RangeDto.From(h.TextRange), h.Source))],
            BlockIds = [.. n.BlockIds.Select(b => (b.Id, RangeDto.From(b.Range), RangeDto.From(b.BlockRange)))],
            WikiLinks = [.. n.WikiLinks.Select(l => (RangeDto.From(l.Range), l.IsEmbed, l.Target, RangeDto.From(l.TargetRange), l.Heading, RangeDto.From(l.HeadingRange), l.BlockId, RangeDto.From(l.BlockIdRange), RangeDto.From(l.LabelRange)))],
            MarkdownLinks = [.. n.MarkdownLinks.Select(l => (RangeDto.From(l.Range), l.Text, l.Path, RangeDto.From(l.PathRange), l.Fragment, RangeDto.From(l.FragmentRange)))],
            Timestamps = [.. n.Timestamps.Select(t => ((byte)t.Form, RangeDto.From(t.Range), t.TargetText, RangeDto.From(t.TargetRange), t.DisplayText, RangeDto.From(t.DisplayRange)))],
            Footnotes = [.. n.Footnotes.Select(f => (f.Label, RangeDto.From(f.Range), RangeDto.From(f.LabelRange), f.IsDefinition))],
            Callouts = [.. n.Callouts.Select(c => (c.Type, RangeDto.From(c.TypeRange), c.Fold ?? '\0', RangeDto.From(c.Range)))],
            Comments = [.. n.Comments.Select(RangeDto.From)],
            InvalidEncoding = n.HasInvalidEncoding,
            InvalidEncodingRange = RangeDto.From(n.InvalidEncodingRange),
            EndLine = n.End.Line,
            EndCharacter = n.End.Character,
        };
    }

    public ParsedNote ToNote()
    {
        var aliases = ValueDto.To(Aliases);
        var tags = ValueDto.To(Tags);
        return new ParsedNote
        {
            Path = Path,
            Stem = Stem,
            Title = Title,
            TitleSource = (TitleSource)TitleSource,
            TitleRange = TitleRange?.To(),
            Aliases = aliases,
            Tags = tags,
            TagOccurrences = [.. TagOccurrences.Select(t => new Tag(t.Name, t.Range.To(), (TagForm)t.Form))],
            VideoId = VideoId?.To(),
            Duration = Duration?.To(),
            FrontMatter = FrontMatterRange is { } fr
                ? new FrontMatter(fr.To(), ValueDto.To(FrontMatterAliases ?? []), ValueDto.To(FrontMatterTags ?? []),
                    FrontMatterError is null ? null : new FrontMatterError(FrontMatterError, FrontMatterErrorRange.To()))
                : null,
            Headings = [.. Headings.Select(h => new Heading(h.Text, h.Level, h.Anchor, h.Range.To(), h.TextRange.To()) { Source = h.Source })],
            BlockIds = [.. BlockIds.Select(b => new BlockId(b.Id, b.Range.To(), b.BlockRange.To()))],
            WikiLinks = [.. WikiLinks.Select(l => new WikiLink(l.Range.To(), l.Embed, l.Target, l.TargetRange.To(), l.Heading, l.HeadingRange?.To(), l.BlockId, l.BlockIdRange?.To(), l.LabelRange?.To()))],
            MarkdownLinks = [.. MarkdownLinks.Select(l => new MarkdownLink(l.Range.To(), l.Text, l.Path, l.PathRange.To(), l.Fragment, l.FragmentRange?.To()))],
            Timestamps = [.. Timestamps.Select(t => new Timestamp((TimestampForm)t.Form, t.Range.To(), t.Target, t.TargetRange.To(), t.Display, t.DisplayRange.To()))],
            Footnotes = [.. Footnotes.Select(f => new Footnote(f.Label, f.Range.To(), f.LabelRange.To(), f.Definition))],
            Callouts = [.. Callouts.Select(c => new Callout(c.Type, c.TypeRange.To(), c.Fold == '\0' ? null : c.Fold, c.Range.To()))],
            Comments = [.. Comments.Select(c => c.To())],
            HasInvalidEncoding = InvalidEncoding,
            InvalidEncodingRange = InvalidEncodingRange?.To(),
            End = new TextPosition(EndLine, EndCharacter),
        };
    }
}
