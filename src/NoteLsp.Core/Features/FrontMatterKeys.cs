using NoteLsp.Core.Config;
using NoteLsp.Core.Index;
using NoteLsp.Core.Model;
using NoteLsp.Core.Parsing;
using NoteLsp.Core.Text;

namespace NoteLsp.Core.Features;

/// <summary>
/// The front matter keys NoteLsp reads (docs/notes-format.md §2): completion of the keys with their documentation at
/// the start of a front matter line, of tags inside the <c>tags</c> value, and hover on a key or on the videoId.
/// </summary>
public static class FrontMatterKeys
{
    /// <summary>Each key NoteLsp reads with what it means, in the order a note usually writes them.</summary>
    public static readonly IReadOnlyList<(string Key, string Documentation)> Known =
    [
        ("title", "The note's **title**: links may name the note by it. Without it, the first level-1 heading is the title, else the file name."),
        ("aliases", "Other **names** of the note, a text or a list: links may use any of them."),
        ("videoId", "The YouTube **video** the note is cut from: eleven characters of `A–Z a–z 0–9 _ -`. Timestamps in the note link into it."),
        ("duration", "The video's **length**: `H:MM:SS`, `MM:SS` or whole seconds (`1:02:03`, `62:03` and `3723` are the same). A timestamp past it is `timestamp-out-of-range`."),
        ("tags", "The note's **tags**: a text (several separated by commas or blanks) or a list, each with or without `#` (quote a value that starts with `#`: YAML reads `#` as a comment). The same tags as `#tag` in the text."),
    ];

    /// <summary>Whether the position is on a line between the front matter's fences.</summary>
    public static bool IsInside(ParsedNote? note, TextPosition position) =>
        note?.FrontMatter is { } fm && position.Line > fm.Range.Start.Line && position.Line < fm.Range.End.Line;

    /// <param name="lineAt">the text of a line of the note as the editor has it</param>
    /// <returns>null when the position is not in the front matter (other completions apply)</returns>
    public static NoteCompletionResult? Complete(VaultSnapshot snapshot, ParsedNote? note, Func<int, string> lineAt, TextPosition position, int maxItems)
    {
        if (!IsInside(note, position)) return null;
        var line = lineAt(position.Line);
        var cursor = Math.Clamp(position.Character, 0, line.Length);
        var before = line.AsSpan(0, cursor);

        // A key being typed: only key characters from the line's start, and no ':' yet.
        if (!line.Contains(':') && IsKeyText(before))
        {
            var typed = before.ToString();
            var range = new TextRange(position with { Character = 0 }, position with { Character = cursor });
            var items = Known
                .Where(k => k.Key.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                .Select(k => new NoteCompletionItem(CompletionItemKind.FrontMatterKey, k.Key, k.Key + ": ", "front matter", k.Key, range, k.Documentation))
                .ToList();
            return new NoteCompletionResult(items, false);
        }
        if (InTagsValue(note!, lineAt, position.Line, before))
        {
            var start = cursor;
            while (start > 0 && line[start - 1] is not (' ' or ',' or '[' or '"' or '\'' or '#' or '\t')) start--;
            var range = new TextRange(position with { Character = start }, position with { Character = cursor });
            return NoteTags.Items(snapshot, note, line[start..cursor], range, maxItems);
        }
        return NoteCompletionResult.None;
    }

    private static bool IsKeyText(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-')) return false;
        }
        return true;
    }

    /// <summary>In the value of <c>tags:</c> on its line, or in an item of the block list under it.</summary>
    private static bool InTagsValue(ParsedNote note, Func<int, string> lineAt, int lineNumber, ReadOnlySpan<char> before)
    {
        if (before.StartsWith("tags:", StringComparison.Ordinal)) return true;
        var trimmed = before.TrimStart(' ');
        if (!trimmed.StartsWith("- ", StringComparison.Ordinal) && !trimmed.SequenceEqual("-")) return false;
        if (trimmed.Length < 2) return false; // "-" alone: the blank after the marker is not typed yet
        // The key a block list belongs to: the nearest line above that is not an item, a comment or blank.
        for (var line = lineNumber - 1; line > note.FrontMatter!.Range.Start.Line; line--)
        {
            var text = lineAt(line).TrimStart(' ');
            if (text.Length == 0 || text[0] is '-' or '#') continue;
            return text.StartsWith("tags:", StringComparison.Ordinal);
        }
        return false;
    }

    /// <summary>Hover on a known key of the front matter (its documentation), or on the videoId's value.</summary>
    public static NoteHoverResult? Hover(VaultSnapshot snapshot, ParsedNote note, Func<int, string> lineAt, TextPosition position, NoteLspConfig config)
    {
        if (!IsInside(note, position)) return null;
        if (note.VideoId is { } video && video.Range.Contains(position)) return ForVideo(snapshot, video, video.Range, config);
        var line = lineAt(position.Line);
        foreach (var (key, documentation) in Known)
        {
            if (!line.StartsWith(key + ":", StringComparison.Ordinal) || position.Character > key.Length) continue;
            var range = new TextRange(position with { Character = 0 }, position with { Character = key.Length });
            if (key == "videoId" && note.VideoId is { } id) return ForVideo(snapshot, id, range, config);
            var text = $"`{key}` — {documentation}";
            if (key == "duration" && note.Duration is { } duration)
            {
                text += TimeText.TryParseDuration(duration.Value, out var seconds)
                    ? $"\n\nHere: **{TimeText.Format(seconds, withHours: seconds >= 3600)}** ({seconds} s)."
                    : $"\n\nHere: `{duration.Value}` is not a duration NoteLsp reads.";
            }
            return new NoteHoverResult(text, range);
        }
        return null;
    }

    private static NoteHoverResult ForVideo(VaultSnapshot snapshot, FrontMatterValue video, TextRange range, NoteLspConfig config)
    {
        var url = config.TimestampUrl(video.Value, 0);
        var count = snapshot.VideoNoteCount(video.Value);
        return new NoteHoverResult(
            $"Video `{video.Value}`  \n[{url}]({url})  \nCited by {count} {(count == 1 ? "note" : "notes")} (their `videoId`).", range);
    }
}
