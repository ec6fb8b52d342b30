using System.Text;
using NoteLsp.Core.Config;
using NoteLsp.Core.Index;
using NoteLsp.Core.Model;
using NoteLsp.Core.Parsing;
using NoteLsp.Core.Text;

namespace NoteLsp.Core.Features;

/// <summary>
/// What the vault already says about a moment (docs/notes-format.md §6.1): the other timestamps citing the same video
/// within <see cref="WindowSeconds"/> of it, closest first, at most <see cref="MaxPlaces"/>, each with the sentence around it.
/// </summary>
public static class VideoMomentHover
{
    public const int WindowSeconds = 30;
    public const int MaxPlaces = 5;
    public const int MaxSentenceChars = 200;

    /// <summary>Markdown to append to the timestamp hover; "" when the moment is cited nowhere else (or is not a moment).</summary>
    /// <param name="readText">a note's current text by vault-relative path; read for at most <see cref="MaxPlaces"/> notes</param>
    public static string Context(VaultSnapshot snapshot, ParsedNote note, Timestamp timestamp, NoteLspConfig config, Func<string, string?> readText)
    {
        if (VaultSnapshot.VideoOf(note) is not { } video || !TimeText.TryParse(timestamp.TargetText, out var seconds)) return "";
        var near = new List<VideoMoment>();
        foreach (var cited in snapshot.NotesOfVideo(video))
        {
            foreach (var moment in VaultSnapshot.MomentsIn(cited))
            {
                if (Math.Abs(moment.Seconds - seconds) > WindowSeconds) continue;
                if (cited.Path == note.Path && moment.Timestamp.Range == timestamp.Range) continue;
                near.Add(moment);
            }
        }
        if (near.Count == 0) return "";
        var places = near
            .OrderBy(m => Math.Abs(m.Seconds - seconds))
            .ThenBy(m => m.Seconds)
            .ThenBy(m => m.Note.Path, StringComparer.Ordinal)
            .Take(MaxPlaces)
            .OrderBy(m => m.Seconds)
            .ThenBy(m => m.Note.Path, StringComparer.Ordinal)
            .ToList();

        var texts = new Dictionary<string, (string Text, LineMap Map)?>(StringComparer.Ordinal);
        var result = new StringBuilder("\n\n---\n\nCited within ").Append(WindowSeconds).Append(" s:");
        foreach (var place in places)
        {
            if (!texts.TryGetValue(place.Note.Path, out var source))
            {
                source = readText(place.Note.Path) is { } text ? (text, LineMap.Build(text)) : null;
                texts[place.Note.Path] = source;
            }
            var moment = TimeText.Format(place.Seconds, withHours: place.Seconds >= 3600);
            result.Append("\n- **").Append(place.Note.Title).Append("** · [").Append(moment).Append("](")
                .Append(config.TimestampUrl(video, place.Seconds)).Append(')');
            if (source is { } s && SentenceAround(s.Text, s.Map, place.Timestamp.Range) is { Length: > 0 } sentence)
            {
                result.Append(" — ").Append(sentence);
            }
        }
        return result.ToString();
    }

    /// <summary>
    /// The sentence of the line that holds the range: from the end of the previous sentence (". ", "! ", "? ") to the
    /// end of the one the range sits in, with list and quote markers dropped; cut at <see cref="MaxSentenceChars"/>.
    /// </summary>
    internal static string? SentenceAround(string text, LineMap map, TextRange range)
    {
        if (range.Start.Line >= map.LineCount) return null;
        var lineStart = map.LineStart(range.Start.Line);
        var lineEnd = map.LineContentEnd(text, range.Start.Line);
        var start = lineStart + range.Start.Character;
        if (start > lineEnd) return null;
        var end = range.End.Line == range.Start.Line ? Math.Min(lineStart + range.End.Character, lineEnd) : lineEnd;

        var from = start;
        while (from > lineStart && !(from - lineStart >= 2 && char.IsWhiteSpace(text[from - 1]) && IsSentenceEnd(text[from - 2]))) from--;
        var to = end;
        while (to < lineEnd && !(IsSentenceEnd(text[to]) && (to + 1 == lineEnd || char.IsWhiteSpace(text[to + 1])))) to++;
        if (to < lineEnd) to++;

        var sentence = text[from..to].Trim().TrimStart('>', '-', '*', '+', ' ', '\t').Trim();
        return sentence.Length > MaxSentenceChars ? sentence[..MaxSentenceChars].TrimEnd() + "…" : sentence;
    }

    private static bool IsSentenceEnd(char c) => c is '.' or '!' or '?';
}
