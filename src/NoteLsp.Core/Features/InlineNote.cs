using NoteLsp.Core.Index;
using NoteLsp.Core.Model;
using NoteLsp.Core.Names;
using NoteLsp.Core.Paths;
using NoteLsp.Core.Text;

namespace NoteLsp.Core.Features;

/// <summary>
/// "Inline note" (docs/notes-format.md §15): the line holding a wikilink to a note becomes that note's body, without
/// its front matter, its title heading or a From: line the host already has. The inlined note itself stays; deleting it
/// is the user's call. Notes about different videos are not merged: their timestamps would jump into the wrong video.
/// </summary>
public static class InlineNote
{
    public const string Kind = "refactor.inline";

    /// <summary>
    /// The action for the wikilink at the position, or null when there is none to a single other note whose text can be
    /// read; refused (a <see cref="NoteRefactoring.DisabledReason"/>) when the two notes cite different videos.
    /// </summary>
    public static NoteRefactoring? For(VaultSnapshot snapshot, ParsedNote note, string text, LineMap map, TextPosition position, Func<ParsedNote, string?> textOf)
    {
        var link = note.WikiLinks.FirstOrNull(l => l.Range.Start <= position && position <= l.Range.End);
        // A link to a heading or block names a part of the note, not the note to inline.
        if (link is not { IsSelfReference: false, Heading: null, BlockId: null } wiki || wiki.Target.Length == 0) return null;
        var resolution = snapshot.Resolve(note, wiki);
        if (resolution is not { Status: TargetStatus.Resolved, Candidates: [var target] } || target.Path == note.Path) return null;
        var title = $"Inline note '{target.Title}'";
        if (note.VideoId is { } hostVideo && target.VideoId is { } targetVideo && hostVideo.Value != targetVideo.Value)
        {
            return new NoteRefactoring(title, Kind, null, [], $"The two notes cite different videos ({hostVideo.Value} and {targetVideo.Value}): the inlined timestamps would point into the wrong video.");
        }
        if (textOf(target) is not { } targetText) return null;
        var newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var body = BodyOf(note, target, targetText, ExtractSection.FromLine(note, text, map), newline);
        if (body.Length == 0) return null;
        var line = wiki.Range.Start.Line;
        var lineRange = new TextRange(line, 0, line, map.LineContentEnd(text, line) - map.LineStart(line));
        return new NoteRefactoring(title, Kind, null, [new NoteTextEdits(note.Path, [new TextReplacement(lineRange, body)])]);
    }

    /// <summary>The note's lines after its front matter, without its title heading or the host's From: line, blank lines trimmed at both ends.</summary>
    private static string BodyOf(ParsedNote host, ParsedNote target, string text, string? hostFromLine, string newline)
    {
        var map = LineMap.Build(text);
        var pathEdits = RelativePathsFor(host, target);
        var first = target.FrontMatter is { } frontMatter ? frontMatter.Range.End.Line + 1 : 0;
        var titleKey = NoteNames.Key(target.Title);
        var titleLine = target.Headings.FirstOrDefault(h => h.Level == 1) is { } h1 && h1.Key == titleKey ? h1.Range.Start.Line : -1;
        var fromLine = ExtractSection.FromLine(target, text, map);
        var dropFrom = fromLine is not null && hostFromLine is not null && fromLine.Trim() == hostFromLine.Trim();
        var lines = new List<string>();
        for (var line = first; line < map.LineCount; line++)
        {
            var start = map.LineStart(line);
            var content = text[start..map.LineContentEnd(text, line)];
            if (line == titleLine) continue;
            if (pathEdits.TryGetValue(line, out var edits)) content = ApplyOnLine(content, edits);
            if (dropFrom && content.TrimEnd() == fromLine) { dropFrom = false; continue; }
            lines.Add(content);
        }
        var from = 0;
        while (from < lines.Count && string.IsNullOrWhiteSpace(lines[from])) from++;
        var to = lines.Count;
        while (to > from && string.IsNullOrWhiteSpace(lines[to - 1])) to--;
        return string.Join(newline, lines.Skip(from).Take(to - from));
    }

    /// <summary>
    /// Relative Markdown link paths of the inlined note rewritten for the host's folder, by line (a link destination
    /// never spans lines); none when the two notes share a folder.
    /// </summary>
    private static Dictionary<int, List<TextReplacement>> RelativePathsFor(ParsedNote host, ParsedNote target)
    {
        var result = new Dictionary<int, List<TextReplacement>>();
        var folder = VaultPaths.DirectoryOf(target.Path);
        if (folder == VaultPaths.DirectoryOf(host.Path)) return result;
        foreach (var link in target.MarkdownLinks)
        {
            if (link.Path.Length == 0 || link.Path[0] == '/' || link.PathRange.Start.Line != link.PathRange.End.Line) continue;
            if (VaultPaths.Resolve(folder, link.Path) is not { } resolved) continue;
            if (!result.TryGetValue(link.PathRange.Start.Line, out var list)) result[link.PathRange.Start.Line] = list = [];
            list.Add(new TextReplacement(link.PathRange, LinkTargets.RelativeLinkPath(host.Path, resolved)));
        }
        return result;
    }

    private static string ApplyOnLine(string content, List<TextReplacement> edits)
    {
        var result = new System.Text.StringBuilder(content.Length);
        var at = 0;
        foreach (var edit in edits.OrderBy(e => e.Range.Start))
        {
            var from = Math.Min(edit.Range.Start.Character, content.Length);
            if (from < at) continue;
            result.Append(content, at, from - at).Append(edit.NewText);
            at = Math.Min(edit.Range.End.Character, content.Length);
        }
        return result.Append(content, at, content.Length - at).ToString();
    }
}
