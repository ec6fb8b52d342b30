using BenchmarkDotNet.Attributes;
using NoteLsp.Core.Config;
using NoteLsp.Core.Features;
using NoteLsp.Core.Files;
using NoteLsp.Core.Index;
using NoteLsp.Core.Model;

namespace NoteLsp.Benchmarks;

/// <summary>
/// The video index (docs/notes-format.md §6.1) on the generated 10,000-note vault. The generator gives every note its
/// own video, so a second snapshot regroups the same notes 100 to a video (each note keeps its ~15 timestamps) —
/// the case a references, lens or hover request must stay fast in. Setup prints the index's retained memory.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 10)]
public class VideoBenchmarks
{
    private static readonly int Notes = BenchmarkVaults.DefaultNotes;
    private const int NotesPerSharedVideo = 100;

    private VaultSnapshot _ownVideos = VaultSnapshot.Empty;
    private VaultSnapshot _sharedVideos = VaultSnapshot.Empty;
    private ParsedNote _probe = null!;
    private ParsedNote _sharedProbe = null!;
    private Dictionary<string, string> _texts = [];

    [GlobalSetup]
    public void Setup()
    {
        var (root, truth) = BenchmarkVaults.Get(Notes);
        _ownVideos = VaultScanner.Scan(root, NoteLspConfig.Default).Snapshot;
        if (_ownVideos.Count != truth.NoteCount) throw new InvalidOperationException($"scanned {_ownVideos.Count} notes, the ground truth has {truth.NoteCount}");
        var notes = _ownVideos.Notes.ToList();
        var shared = notes.Select((n, i) => n.VideoId is { } v ? n with { VideoId = v with { Value = $"SHARED{i / NotesPerSharedVideo}" } } : n).ToList();
        _sharedVideos = VaultSnapshot.Build(shared);
        _probe = notes.First(n => n.VideoId is not null && n.Timestamps.Length > 0);
        _sharedProbe = _sharedVideos.GetNote(_probe.Path)!;
        _texts = notes.ToDictionary(n => n.Path, n => File.ReadAllText(Path.Combine(root, n.Path)));

        var own = References(_ownVideos, _probe);
        var sharedCount = References(_sharedVideos, _sharedProbe);
        var expectedShared = _sharedVideos.NotesOfVideo(VaultSnapshot.VideoOf(_sharedProbe)!).Sum(n => VaultSnapshot.MomentsIn(n).Count());
        if (own != VaultSnapshot.MomentsIn(_probe).Count() || sharedCount != expectedShared)
        {
            throw new InvalidOperationException($"video references: {own} and {sharedCount}, expected {VaultSnapshot.MomentsIn(_probe).Count()} and {expectedShared}");
        }
        Console.WriteLine($"// video references: {own} moments (own video), {sharedCount} moments (video shared by {NotesPerSharedVideo} notes)");
        Console.WriteLine($"// video index retained: {RetainedIndexBytes(notes):N0} bytes for {notes.Count(n => n.VideoId is not null):N0} notes with a videoId");
    }

    /// <summary>Retained size of the video index: the same notes indexed with and without their videoId, both lists kept alive.</summary>
    private static long RetainedIndexBytes(List<ParsedNote> notes)
    {
        var withoutVideo = notes.Select(n => n with { VideoId = null }).ToList();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var plain = VaultSnapshot.Build(withoutVideo);
        var plainBytes = GC.GetTotalMemory(forceFullCollection: true) - before;
        before = GC.GetTotalMemory(forceFullCollection: true);
        var indexed = VaultSnapshot.Build(notes);
        var indexedBytes = GC.GetTotalMemory(forceFullCollection: true) - before;
        GC.KeepAlive(plain);
        GC.KeepAlive(indexed);
        GC.KeepAlive(withoutVideo);
        return indexedBytes - plainBytes;
    }

    private static int References(VaultSnapshot snapshot, ParsedNote note) =>
        VideoReferences.Find(snapshot, note, note.VideoId!.Range.Start, includeDeclaration: false)!.Count;

    [Benchmark(Description = "video references on a videoId (own video)")]
    public int ReferencesOwnVideo() => References(_ownVideos, _probe);

    [Benchmark(Description = "video references on a videoId shared by 100 notes")]
    public int ReferencesSharedVideo() => References(_sharedVideos, _sharedProbe);

    [Benchmark(Description = "videoId lens, video shared by 100 notes")]
    public int LensSharedVideo() => VideoLenses.Title(_sharedVideos, _sharedProbe)!.Length;

    [Benchmark(Description = "moment hover with context, video shared by 100 notes")]
    public int HoverSharedVideo() =>
        VideoMomentHover.Context(_sharedVideos, _sharedProbe, _sharedProbe.Timestamps[0], NoteLspConfig.Default, path => _texts.GetValueOrDefault(path)).Length;

    [Benchmark(Description = "edit a note's videoId: new snapshot")]
    public VaultSnapshot EditVideoId() => _sharedVideos.WithNote(_sharedProbe with { VideoId = _sharedProbe.VideoId! with { Value = "MOVED" } });
}
