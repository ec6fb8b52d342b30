using System.Text.RegularExpressions;
using NoteLsp.Core.Config;
using NoteLsp.Core.Index;
using NoteLsp.Core.Model;
using NoteLsp.Core.Parsing;
using NoteLsp.Core.Text;

namespace NoteLsp.Core.Features;

/// <summary>A clickable range: either an external URL (a video moment) or a note (with the line to open at).</summary>
public sealed record NoteDocumentLink(TextRange Range, string? Url, string? TargetPath, int? TargetLine, string Tooltip);

public static partial class NoteDocumentLinks
{
    [GeneratedRegex("^[A-Za-z0-9_-]{11}$")]
    private static partial Regex VideoIdPattern();

    /// <summary>Each valid timestamp → its video moment; each wikilink and Markdown link that resolves → the target note.</summary>
    public static IReadOnlyList<NoteDocumentLink> Find(VaultSnapshot snapshot, ParsedNote note, NoteLspConfig config)
    {
        var links = new List<NoteDocumentLink>();
        var videoId = note.VideoId?.Value;
        if (videoId is not null && VideoIdPattern().IsMatch(videoId))
        {
            foreach (var timestamp in note.Timestamps)
            {
                if (!TimeText.TryParse(timestamp.TargetText, out var seconds)) continue;
                links.Add(new NoteDocumentLink(timestamp.Range, config.TimestampUrl(videoId, seconds), null, null, $"Open the video at {timestamp.TargetText}"));
            }
        }
        foreach (var wiki in note.WikiLinks)
        {
            var resolution = snapshot.Resolve(note, wiki);
            if (resolution.Target is not { } target) continue;
            var range = wiki.Target.Length > 0 ? wiki.TargetRange : wiki.HeadingRange ?? wiki.BlockIdRange ?? wiki.Range;
            links.Add(ToNote(range, target, resolution));
        }
        foreach (var markdown in note.MarkdownLinks)
        {
            if (markdown.Path.Length == 0 && markdown.Fragment is null) continue;
            var resolution = snapshot.Resolve(note, markdown);
            if (resolution.Target is not { } target) continue;
            var range = markdown.Path.Length > 0 ? markdown.PathRange : markdown.FragmentRange ?? markdown.Range;
            links.Add(ToNote(range, target, resolution));
        }
        return links.OrderBy(l => l.Range.Start).ToList();
    }

    private static NoteDocumentLink ToNote(TextRange range, ParsedNote target, LinkResolution resolution)
    {
        int? line = resolution.Heading?.Range.Start.Line ?? resolution.Block?.BlockRange.Start.Line;
        return new NoteDocumentLink(range, null, target.Path, line, $"Open {target.Title}");
    }
}
