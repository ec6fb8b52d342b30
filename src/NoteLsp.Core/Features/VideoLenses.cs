using NoteLsp.Core.Index;
using NoteLsp.Core.Model;
using NoteLsp.Core.Text;

namespace NoteLsp.Core.Features;

/// <summary>
/// The lens on a note's <c>videoId:</c> line (docs/notes-format.md §6.1): "3 notes · 22 moments" of that video in the
/// vault. Listed by <see cref="NoteLenses.List"/> with data only; counted when resolved.
/// </summary>
public static class VideoLenses
{
    /// <summary>The lens kind (NoteLens.Kind) the server resolves with <see cref="Title"/> and <see cref="Moments"/>.</summary>
    public const string Video = "video";

    public static void Add(ParsedNote note, List<NoteLens> lenses)
    {
        if (VaultSnapshot.VideoOf(note) is null) return;
        var value = note.VideoId!.Range;
        lenses.Add(new NoteLens(Video, new TextRange(value.Start with { Character = 0 }, value.End), null));
    }

    /// <summary>What the lens says: how many notes cite the note's video and how many moments they cite.</summary>
    public static string? Title(VaultSnapshot snapshot, ParsedNote note, CancellationToken cancellationToken = default)
    {
        if (VaultSnapshot.VideoOf(note) is not { } video) return null;
        var notes = snapshot.NotesOfVideo(video);
        var moments = 0;
        foreach (var cited in notes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            moments += VaultSnapshot.MomentsIn(cited).Count();
        }
        return $"{Plural(notes.Count, "note")} · {Plural(moments, "moment")}";
    }

    /// <summary>The moments the lens shows when clicked: every timestamp citing the video, by moment then note.</summary>
    public static IReadOnlyList<ReferenceLocation> Moments(VaultSnapshot snapshot, ParsedNote note, CancellationToken cancellationToken = default) =>
        note.VideoId is { } id ? VideoReferences.Find(snapshot, note, id.Range.Start, includeDeclaration: false, cancellationToken) ?? [] : [];

    private static string Plural(int count, string noun) => $"{count} {noun}{(count == 1 ? "" : "s")}";
}
