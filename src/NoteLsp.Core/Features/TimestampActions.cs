using NoteLsp.Core.Index;
using NoteLsp.Core.Model;
using NoteLsp.Core.Parsing;
using NoteLsp.Core.Text;

namespace NoteLsp.Core.Features;

/// <summary>A code action that is not a diagnostic's fix: a title, a kind ("quickfix", "source.…") and edits in the note.</summary>
public sealed record NoteEditAction(string Title, string Kind, IReadOnlyList<TextReplacement> Edits, bool IsPreferred);

/// <summary>
/// Timestamps from pasted links (docs/notes-format.md §6.2): a YouTube link to the note's own video at a moment becomes
/// a timestamp in the note's form; a source action rewrites every timestamp of the note to its majority form.
/// </summary>
public static class TimestampActions
{
    public const string QuickFixKind = "quickfix";
    public const string OneFormKind = "source.notelsp.timestamps";

    /// <summary>Actions for the range: a quick fix per link to the note's video touching it, and the one-form source action.</summary>
    public static IReadOnlyList<NoteEditAction> For(ParsedNote note, string text, LineMap map, TextRange range, CancellationToken cancellationToken = default)
    {
        var result = new List<NoteEditAction>();
        if (VaultSnapshot.VideoOf(note) is { } video)
        {
            var form = MajorityForm(note);
            var lastLine = Math.Min(range.End.Line, map.LineCount - 1);
            var inFence = FenceStateBefore(text, map, range.Start.Line);
            for (var line = range.Start.Line; line <= lastLine; line++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var start = map.LineStart(line);
                var content = text.AsSpan(start, map.LineContentEnd(text, line) - start);
                if (IsFence(content)) { inFence = !inFence; continue; }
                if (inFence) continue;
                foreach (var link in VideoLinks.In(content))
                {
                    if (link.VideoId != video) continue;
                    var linkRange = new TextRange(line, link.Start, line, link.End);
                    if (linkRange.End < range.Start || linkRange.Start > range.End) continue;
                    var timestamp = Write(form, note, link.Seconds);
                    var replacement = link.Label is { Length: > 0 } label ? label + " " + timestamp : timestamp;
                    result.Add(new NoteEditAction($"Turn the video link into timestamp {Target(link.Seconds)}", QuickFixKind,
                        [new TextReplacement(linkRange, replacement)], IsPreferred: true));
                }
            }
        }
        if (OneForm(note) is { } oneForm) result.Add(oneForm);
        return result;
    }

    /// <summary>"Use one timestamp form in this note": every timestamp not in the majority form is rewritten; null when there is one form already.</summary>
    public static NoteEditAction? OneForm(ParsedNote note)
    {
        var form = MajorityForm(note);
        var edits = note.Timestamps
            .Where(t => t.Form != form)
            .Select(t => new TextReplacement(t.Range, Write(form, t.TargetText, t.DisplayText)))
            .ToList();
        return edits.Count == 0 ? null : new NoteEditAction("Use one timestamp form in this note", OneFormKind, edits, IsPreferred: false);
    }

    /// <summary>The form most of the note's timestamps use; the Markdown form on a tie or when there are none (§6.2).</summary>
    public static TimestampForm MajorityForm(ParsedNote note)
    {
        var anchors = note.Timestamps.Count(t => t.Form == TimestampForm.HtmlAnchor);
        return anchors * 2 > note.Timestamps.Length ? TimestampForm.HtmlAnchor : TimestampForm.MarkdownLink;
    }

    private static string Target(int seconds) => TimeText.Format(seconds, withHours: seconds >= 3600);

    /// <summary>A new timestamp at the moment, its shown text padded to hours when the note's timestamps of that form are.</summary>
    private static string Write(TimestampForm form, ParsedNote note, int seconds)
    {
        var sample = note.Timestamps.FirstOrNull(t => t.Form == form && TimeText.TryParse(t.TargetText, out _));
        var padded = sample is { } s && s.DisplayText.Count(c => c == ':') == 2;
        return Write(form, Target(seconds), TimeText.Format(seconds, withHours: padded || seconds >= 3600));
    }

    private static string Write(TimestampForm form, string target, string display) => form == TimestampForm.HtmlAnchor
        ? $"<a class=\"yt-timestamp\" data-t=\"{target}\">[{display}]</a>"
        : $"[{display}](#{target})";

    private static bool IsFence(ReadOnlySpan<char> line)
    {
        var trimmed = line.TrimStart(' ');
        return line.Length - trimmed.Length < 4 && (trimmed.StartsWith("```") || trimmed.StartsWith("~~~"));
    }

    /// <summary>Whether the line is inside a fenced code block: a link there is code, not prose. One pass over the lines before it.</summary>
    private static bool FenceStateBefore(string text, LineMap map, int line)
    {
        var inFence = false;
        for (var i = 0; i < line && i < map.LineCount; i++)
        {
            var start = map.LineStart(i);
            if (IsFence(text.AsSpan(start, map.LineContentEnd(text, i) - start))) inFence = !inFence;
        }
        return inFence;
    }
}
