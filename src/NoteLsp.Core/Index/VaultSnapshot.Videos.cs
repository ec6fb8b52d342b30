using NoteLsp.Core.Model;
using NoteLsp.Core.Parsing;

namespace NoteLsp.Core.Index;

/// <summary>One cited moment of a video: a valid timestamp of a note whose <c>videoId</c> names the video.</summary>
public readonly record struct VideoMoment(ParsedNote Note, int Seconds, Timestamp Timestamp);

/// <summary>
/// The video index (docs/notes-format.md §6.1): videoId → the notes whose front matter names it. A note's moments are
/// its own parsed timestamps, so the index holds only paths and a request for one video costs O(its moments · log).
/// Kept incrementally by the snapshot's editor like the link index.
/// </summary>
public sealed partial class VaultSnapshot
{
    // Not a static of this class as its default: Empty may be built before this partial's statics are set.
    private PathMap VideoNotes { get; init; } = PathMap.Empty(StringComparer.Ordinal);

    /// <summary>How many notes have this videoId, without a walk.</summary>
    public int VideoNoteCount(string videoId) => PathSets.Get(VideoNotes, videoId.Trim()).Count;

    /// <summary>The video a note cites: its trimmed <c>videoId</c> value, null when it has none (or an empty one).</summary>
    public static string? VideoOf(ParsedNote note) =>
        note.VideoId?.Value.Trim() is { Length: > 0 } id ? id : null;

    /// <summary>Every video some note names, in ordinal order.</summary>
    public IReadOnlyList<string> VideoIds => [.. VideoNotes.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The notes whose <c>videoId</c> is this video, in path order.</summary>
    public IReadOnlyList<ParsedNote> NotesOfVideo(string videoId) =>
        [.. PathSets.Get(VideoNotes, videoId).Order(StringComparer.Ordinal).Select(path => _notes[path])];

    /// <summary>Every valid timestamp citing the video, ordered by moment, then note path, then position in the note.</summary>
    public IReadOnlyList<VideoMoment> MomentsOf(string videoId, CancellationToken cancellationToken = default)
    {
        var result = new List<VideoMoment>();
        foreach (var note in NotesOfVideo(videoId))
        {
            cancellationToken.ThrowIfCancellationRequested();
            result.AddRange(MomentsIn(note));
        }
        // Notes come in path order and a note's moments in position order: a stable sort by moment keeps both.
        return [.. result.OrderBy(m => m.Seconds)];
    }

    /// <summary>A note's valid timestamps, in position order (a timestamp whose target is not a time cites no moment).</summary>
    public static IEnumerable<VideoMoment> MomentsIn(ParsedNote note)
    {
        foreach (var timestamp in note.Timestamps)
        {
            if (TimeText.TryParse(timestamp.TargetText, out var seconds)) yield return new VideoMoment(note, seconds, timestamp);
        }
    }

    private static void RemoveVideo(PathMap.Builder map, ParsedNote note)
    {
        if (VideoOf(note) is { } id) PathSets.Remove(map, id, note.Path);
    }
}
