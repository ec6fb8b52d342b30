using System.Text;
using NoteLsp.Core.Config;
using NoteLsp.Core.Index;
using NoteLsp.Core.Model;
using NoteLsp.Core.Parsing;
using NoteLsp.Core.Text;

namespace NoteLsp.Core.Features;

/// <summary>Markdown to show and the range it is about.</summary>
public sealed record NoteHoverResult(string Markdown, TextRange Range);

/// <summary>
/// Hover on a link: the target's title, path, backlink count and its first lines (or the heading's section);
/// on a timestamp: the moment and the video link. Nothing elsewhere.
/// </summary>
public static class NoteHover
{
    public const int ExcerptLines = 8;
    public const int ExcerptChars = 600;

    /// <param name="readText">a note's current text by vault-relative path (open text or disk); null when unreadable</param>
    public static NoteHoverResult? Find(VaultSnapshot snapshot, ParsedNote note, TextPosition position, NoteLspConfig config, Func<string, string?> readText)
    {
        if (NoteTags.At(note, position) is { } tag) return NoteTags.Hover(snapshot, tag);
        var element = NoteElementAt.Find(note, position);
        if (element is null) return null;
        if (element.Timestamp is { } timestamp) return ForTimestamp(note, timestamp, config) is { } moment
            ? moment with { Markdown = moment.Markdown + VideoMomentHover.Context(snapshot, note, timestamp, config, readText) } : null;
        LinkResolution resolution;
        TextRange range;
        string shown;
        if (element.WikiLink is { } wiki)
        {
            resolution = snapshot.Resolve(note, wiki);
            range = wiki.Range;
            shown = wiki.Target.Length > 0 ? wiki.Target : "#" + (wiki.Heading ?? "^" + wiki.BlockId);
        }
        else if (element.MarkdownLink is { } markdown)
        {
            resolution = snapshot.Resolve(note, markdown);
            range = markdown.Range;
            shown = markdown.Path.Length > 0 ? markdown.Path : "#" + markdown.Fragment;
        }
        else
        {
            return null;
        }

        switch (resolution.Status)
        {
            case TargetStatus.Broken:
                return new NoteHoverResult($"No note matches `{shown}`.", range);
            case TargetStatus.Ambiguous:
                var candidates = string.Join("\n", resolution.Candidates.Select(c => $"- **{c.Title}** — `{c.Path}`"));
                return new NoteHoverResult($"`{shown}` is ambiguous; it matches {resolution.Candidates.Length} notes:\n\n{candidates}", range);
            case TargetStatus.Empty or TargetStatus.NotANote:
                return null;
        }
        if (resolution.Target is not { } target) return null;

        var markdownText = new StringBuilder();
        var heading = resolution.Heading;
        markdownText.Append("**").Append(target.Title).Append("**");
        if (heading is not null) markdownText.Append(" › ").Append(heading.Text);
        markdownText.Append("  \n`").Append(target.Path).Append('`');
        var backlinks = snapshot.BacklinkCount(target.Path);
        markdownText.Append(" · ").Append(backlinks).Append(backlinks == 1 ? " backlink" : " backlinks");
        if (resolution.Fragment == FragmentStatus.Missing)
        {
            markdownText.Append("\n\nThe note has no such ").Append(resolution.Block is null && (element.WikiLink?.BlockId is not null) ? "block." : "heading.");
        }
        var excerpt = readText(target.Path) is { } text ? Excerpt(target, text, heading, resolution.Block) : null;
        if (!string.IsNullOrWhiteSpace(excerpt)) markdownText.Append("\n\n---\n\n").Append(excerpt);
        return new NoteHoverResult(markdownText.ToString(), range);
    }

    private static NoteHoverResult ForTimestamp(ParsedNote note, Timestamp timestamp, NoteLspConfig config)
    {
        if (!TimeText.TryParse(timestamp.TargetText, out var seconds))
        {
            return new NoteHoverResult($"`{timestamp.TargetText}` is not a valid time (F:SS or F:MM:SS).", timestamp.Range);
        }
        var moment = TimeText.Format(seconds, withHours: seconds >= 3600);
        if (note.VideoId is not { } video)
        {
            return new NoteHoverResult($"Moment **{moment}** ({seconds} s) — this note has no `videoId`.", timestamp.Range);
        }
        var url = config.TimestampUrl(video.Value, seconds);
        return new NoteHoverResult($"Moment **{moment}** ({seconds} s) in video `{video.Value}`  \n[{url}]({url})", timestamp.Range);
    }

    /// <summary>The first lines of the note after its front matter, or of the heading's section, or the block.</summary>
    internal static string? Excerpt(ParsedNote target, string text, Heading? heading, BlockId? block)
    {
        var map = LineMap.Build(text);
        int firstLine, endLine;
        if (block is not null)
        {
            firstLine = block.BlockRange.Start.Line;
            endLine = block.BlockRange.End.Line + 1;
        }
        else if (heading is not null)
        {
            firstLine = heading.Range.Start.Line + 1;
            endLine = NoteSymbols.SectionEnd(target, heading).Line;
            if (NoteSymbols.SectionEnd(target, heading) == target.End) endLine = map.LineCount;
        }
        else
        {
            firstLine = target.FrontMatter is { } frontMatter ? frontMatter.Range.End.Line + 1 : 0;
            endLine = map.LineCount;
        }
        var lines = new List<string>();
        var chars = 0;
        for (var line = firstLine; line < endLine && line < map.LineCount && lines.Count < ExcerptLines && chars < ExcerptChars; line++)
        {
            var start = map.LineStart(line);
            var content = text[start..map.LineContentEnd(text, line)];
            if (lines.Count == 0 && content.Trim().Length == 0) continue;
            if (content.Trim() == "---" && line == firstLine) continue;
            lines.Add(content);
            chars += content.Length;
        }
        while (lines.Count > 0 && lines[^1].Trim().Length == 0) lines.RemoveAt(lines.Count - 1);
        var excerpt = string.Join("\n", lines);
        return excerpt.Length > ExcerptChars ? excerpt[..ExcerptChars] + "…" : excerpt;
    }
}
