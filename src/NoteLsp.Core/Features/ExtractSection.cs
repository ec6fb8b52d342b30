using NoteLsp.Core.Index;
using NoteLsp.Core.Model;
using NoteLsp.Core.Names;
using NoteLsp.Core.Paths;
using NoteLsp.Core.Text;

namespace NoteLsp.Core.Features;

/// <summary>
/// A refactoring across notes: an optional new note (created first), then text edits by note path. A refactoring
/// that cannot apply carries the reason instead of edits, for clients that show disabled actions.
/// </summary>
public sealed record NoteRefactoring(string Title, string Kind, NewNote? CreateNote, IReadOnlyList<NoteTextEdits> Edits, string? DisabledReason = null);

/// <summary>The replacements of one note, by vault-relative path.</summary>
public sealed record NoteTextEdits(string Path, IReadOnlyList<TextReplacement> Edits);

/// <summary>
/// "Extract section into a new note" (docs/notes-format.md §14): the section under a heading moves to a new note next
/// to the source, named by the heading's slug, carrying the source's video and From: line; the heading stays with a
/// link to the new note, and links from the vault to that heading follow it.
/// </summary>
public static class ExtractSection
{
    public const string Kind = "refactor.extract";

    /// <summary>The action for the heading on the line, or null when the line holds no heading with a section body.</summary>
    public static NoteRefactoring? For(VaultSnapshot snapshot, ParsedNote note, string text, LineMap map, int line, CancellationToken cancellationToken = default)
    {
        var index = 0;
        while (index < note.Headings.Length && note.Headings[index].Range.Start.Line != line) index++;
        if (index == note.Headings.Length) return null;
        var heading = note.Headings[index];
        var slug = NoteNames.Slug(heading.Text);
        if (slug.Length == 0) return null;
        var (bodyStart, bodyEnd) = SectionBody(note, text, map, index);
        var body = text[bodyStart..bodyEnd].Trim('\r', '\n');
        if (body.Trim().Length == 0) return null;

        var newPath = NewPathNextTo(note.Path, slug);
        var title = $"Extract section into a new note '{slug}'";
        if (snapshot.GetNote(newPath) is not null) return new NoteRefactoring(title, Kind, null, [], $"A note {newPath} already exists.");

        var newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var target = LinkTargets.WikiTargetForNewNote(snapshot, newPath);
        var label = LabelOf(heading.Text);
        var sourceEdits = new List<TextReplacement>
        {
            // The link sits where the body was, a blank line either side as the seeds write sections.
            new(map.RangeAt(bodyStart, bodyEnd), $"{newline}[[{target} | {label}]]{newline}{(bodyEnd < text.Length ? newline : "")}"),
        };
        var edits = new Dictionary<string, List<TextReplacement>>(StringComparer.Ordinal) { [note.Path] = sourceEdits };
        var moved = map.RangeAt(bodyStart, bodyEnd);
        foreach (var (reference, _) in NoteReferences.Matching(snapshot, note, heading))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Redirect(reference, note, newPath, target) is not { } redirect) continue;
            // A link inside the moved text moves with it; rewriting it in place would overlap the body's replacement.
            if (reference.Source.Path == note.Path && redirect.Range.Start >= moved.Start && redirect.Range.End <= moved.End) continue;
            if (!edits.TryGetValue(reference.Source.Path, out var list)) edits[reference.Source.Path] = list = [];
            list.Add(redirect);
        }
        var content = NewNoteContent(note, heading.Text, FromLine(note, text, map), body.ReplaceLineEndings(newline), newline);
        return new NoteRefactoring(title, Kind, new NewNote(newPath, content), [.. edits.Select(e => new NoteTextEdits(e.Key, e.Value))]);
    }

    /// <summary>The new note's path: the slug with the source's extension, in the source's folder.</summary>
    public static string NewPathNextTo(string sourcePath, string slug)
    {
        var name = VaultPaths.FileNameOf(sourcePath);
        var dot = name.LastIndexOf('.');
        var extension = dot > 0 ? name[dot..] : ".md";
        var folder = VaultPaths.DirectoryOf(sourcePath);
        return folder.Length == 0 ? slug + extension : folder + "/" + slug + extension;
    }

    /// <summary>Offsets of the section's body: from the line after the heading to the next heading of the same or a higher level (or the end).</summary>
    private static (int Start, int End) SectionBody(ParsedNote note, string text, LineMap map, int index)
    {
        var heading = note.Headings[index];
        var headingLine = heading.Range.End.Line;
        var start = headingLine + 1 < map.LineCount ? map.LineStart(headingLine + 1) : text.Length;
        var end = text.Length;
        for (var i = index + 1; i < note.Headings.Length; i++)
        {
            if (note.Headings[i].Level > heading.Level) continue;
            end = map.LineStart(note.Headings[i].Range.Start.Line);
            break;
        }
        return (start, Math.Max(start, end));
    }

    /// <summary>The source's first "From:" line after its front matter, as written; null when it has none.</summary>
    internal static string? FromLine(ParsedNote note, string text, LineMap map)
    {
        var first = note.FrontMatter is { } frontMatter ? frontMatter.Range.End.Line + 1 : 0;
        for (var line = first; line < map.LineCount; line++)
        {
            var start = map.LineStart(line);
            var content = text.AsSpan(start, map.LineContentEnd(text, line) - start);
            if (content.TrimStart().StartsWith("From:", StringComparison.Ordinal)) return content.TrimEnd().ToString();
            if (content.TrimStart().StartsWith("#", StringComparison.Ordinal)) return null; // the From: line opens a note, before its sections
        }
        return null;
    }

    private static string NewNoteContent(ParsedNote source, string title, string? fromLine, string body, string newline)
    {
        var content = new System.Text.StringBuilder();
        content.Append("---").Append(newline).Append("title: ").Append(NoteRename.YamlScalar(title)).Append(newline);
        if (source.VideoId is { } video) content.Append("videoId: ").Append(NoteRename.YamlScalar(video.Value)).Append(newline);
        if (source.Duration is { } duration) content.Append("duration: ").Append(NoteRename.YamlScalar(duration.Value)).Append(newline);
        content.Append("---").Append(newline).Append(newline);
        if (fromLine is not null) content.Append(fromLine).Append(newline);
        return content.Append(body).Append(newline).ToString();
    }

    /// <summary>A link to the heading rewritten to name the new note, keeping its label; null for a link it cannot rewrite.</summary>
    private static TextReplacement? Redirect(LinkReference reference, ParsedNote source, string newPath, string wikiTarget)
    {
        if (reference.WikiLink is { HeadingRange: { } headingRange } wiki)
        {
            return new TextReplacement(new TextRange(wiki.TargetRange.Start, headingRange.End), wikiTarget);
        }
        if (reference.MarkdownLink is { FragmentRange: { } fragmentRange } markdown)
        {
            return new TextReplacement(new TextRange(markdown.PathRange.Start, fragmentRange.End), LinkTargets.RelativeLinkPath(reference.Source.Path, newPath));
        }
        return null;
    }

    /// <summary>The heading's text as a wikilink label: the characters that would end or split the link are left out.</summary>
    private static string LabelOf(string headingText) =>
        string.Concat(headingText.Where(c => c is not ('|' or '[' or ']'))).Trim();
}
