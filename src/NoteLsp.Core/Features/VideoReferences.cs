using NoteLsp.Core.Index;
using NoteLsp.Core.Model;
using NoteLsp.Core.Text;

namespace NoteLsp.Core.Features;

/// <summary>
/// The video as a symbol (docs/notes-format.md §6.1): on a note's <c>videoId</c> value or on one of its timestamps,
/// the references are every timestamp in the vault that cites the same video.
/// </summary>
public static class VideoReferences
{
    /// <summary>The video the position is on: a timestamp of a note with a <c>videoId</c>, or that value itself; null elsewhere.</summary>
    public static string? VideoAt(ParsedNote note, TextPosition position)
    {
        if (VaultSnapshot.VideoOf(note) is not { } video) return null;
        if (note.VideoId!.Range.Contains(position) || note.VideoId.Range.End == position) return video;
        foreach (var timestamp in note.Timestamps)
        {
            if (timestamp.Range.Contains(position)) return video;
        }
        return null;
    }

    /// <summary>
    /// Null when the position is on no video (other references apply). Otherwise the timestamps citing the video, by
    /// moment then note path; with the declaration, the <c>videoId</c> values of the notes of that video come first.
    /// </summary>
    public static IReadOnlyList<ReferenceLocation>? Find(
        VaultSnapshot snapshot, ParsedNote note, TextPosition position, bool includeDeclaration, CancellationToken cancellationToken = default)
    {
        if (VideoAt(note, position) is not { } video) return null;
        var result = new List<ReferenceLocation>();
        if (includeDeclaration)
        {
            foreach (var cited in snapshot.NotesOfVideo(video)) result.Add(new ReferenceLocation(cited.Path, cited.VideoId!.Range));
        }
        foreach (var moment in snapshot.MomentsOf(video, cancellationToken))
        {
            result.Add(new ReferenceLocation(moment.Note.Path, moment.Timestamp.Range));
        }
        return result;
    }
}
