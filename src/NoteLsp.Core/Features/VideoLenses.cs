using NoteLsp.Core.Index;
using NoteLsp.Core.Model;
using NoteLsp.Core.Text;

namespace NoteLsp.Core.Features;

/// <summary>A code lens: where it sits, what it says, and the position whose references it summarizes.</summary>
public sealed record NoteLens(TextRange Range, string Title, TextPosition ReferencesAt);

/// <summary>The lens on a note's <c>videoId:</c> line (docs/notes-format.md §6.1): "3 notes · 22 moments" of that video in the vault.</summary>
public static class VideoLenses
{
    public static IReadOnlyList<NoteLens> For(VaultSnapshot snapshot, ParsedNote note, CancellationToken cancellationToken = default)
    {
        if (VaultSnapshot.VideoOf(note) is not { } video) return [];
        var notes = snapshot.NotesOfVideo(video);
        var moments = 0;
        foreach (var cited in notes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            moments += VaultSnapshot.MomentsIn(cited).Count();
        }
        var value = note.VideoId!.Range;
        var title = $"{Plural(notes.Count, "note")} · {Plural(moments, "moment")}";
        return [new NoteLens(new TextRange(value.Start with { Character = 0 }, value.End), title, value.Start)];
    }

    private static string Plural(int count, string noun) => $"{count} {noun}{(count == 1 ? "" : "s")}";
}
