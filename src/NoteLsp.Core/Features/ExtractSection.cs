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
/// "Extract section into a new note" (docs/notes-format.md §15): the section under a heading moves to a new note next
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
        var moved = map.RangeAt(bodyStart, bodyEnd);
        var plan = new LinkPlan(note.Path, moved);
        // The link sits where the body was, a blank line either side as the seeds write sections.
        plan.Add(note.Path, new TextReplacement(moved, $"{newline}[[{target} | {label}]]{newline}{(bodyEnd < text.Length ? newline : "")}"));
        // One pass over the note's backlinks: links to the heading name the new note; links to the headings and blocks
        // that move along keep their fragment and name it too, except self links among the moved text, which stay
        // links within one note.
        foreach (var (reference, resolution) in snapshot.ResolvedLinksTo(note.Path))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (resolution.Heading is { } to && to.Range == heading.Range)
            {
                if (ToNewNote(reference, newPath, target) is { } redirect) plan.Add(reference.Source.Path, redirect);
            }
            else if ((resolution.Heading is { } sub && Inside(sub.Range, moved)) || (resolution.Block is { } block && Inside(block.Range, moved)))
            {
                if (reference.Source.Path == note.Path && IsSelfLink(reference) && Inside(RangeOf(reference), moved)) continue;
                if (Retarget(reference, newPath, target) is { } retarget) plan.Add(reference.Source.Path, retarget);
            }
        }
        NameTheSourceInMovedSelfLinks(snapshot, note, heading, moved, newPath, plan);
        var movedText = Apply(text, map, bodyStart, bodyEnd, plan.InMovedText);
        var content = NewNoteContent(note, heading.Text, FromLine(note, text, map), movedText.Trim('\r', '\n').ReplaceLineEndings(newline), newline);
        return new NoteRefactoring(title, Kind, new NewNote(newPath, content), [.. plan.Edits.Select(e => new NoteTextEdits(e.Key, e.Value))]);
    }

    /// <summary>Edits by note, except those inside the moved text, which are applied to the new note's content instead.</summary>
    private sealed class LinkPlan(string sourcePath, TextRange moved)
    {
        public Dictionary<string, List<TextReplacement>> Edits { get; } = new(StringComparer.Ordinal);

        public List<TextReplacement> InMovedText { get; } = [];

        public void Add(string path, TextReplacement edit)
        {
            if (path == sourcePath && edit.Range != moved && Inside(edit.Range, moved)) { InMovedText.Add(edit); return; }
            if (!Edits.TryGetValue(path, out var list)) Edits[path] = list = [];
            list.Add(edit);
        }
    }

    /// <summary>
    /// Self links in the moved text (<c>[[#Other]]</c>, <c>[x](#other)</c>) to what stays in the source get the source's
    /// name, since in the new note they would look for the fragment there.
    /// </summary>
    private static void NameTheSourceInMovedSelfLinks(VaultSnapshot snapshot, ParsedNote note, Heading heading, TextRange moved, string newPath, LinkPlan plan)
    {
        bool Stays(LinkResolution resolution) =>
            (resolution.Heading is { } h && h != heading && !Inside(h.Range, moved)) || (resolution.Block is { } b && !Inside(b.Range, moved));
        string? sourceTarget = null;
        foreach (var link in note.WikiLinks)
        {
            if (!link.IsSelfReference || !Inside(link.Range, moved) || !Stays(snapshot.Resolve(note, link))) continue;
            plan.Add(note.Path, new TextReplacement(link.TargetRange, sourceTarget ??= LinkTargets.WikiTarget(snapshot, note)));
        }
        foreach (var link in note.MarkdownLinks)
        {
            if (link.Path.Length != 0 || link.Fragment is null || !Inside(link.Range, moved) || !Stays(snapshot.Resolve(note, link))) continue;
            plan.Add(note.Path, new TextReplacement(link.PathRange, LinkTargets.RelativeLinkPath(newPath, note.Path)));
        }
    }

    /// <summary>The text between the offsets with the edits (ranges inside it, not overlapping) applied, in one pass.</summary>
    private static string Apply(string text, LineMap map, int start, int end, List<TextReplacement> edits)
    {
        var result = new System.Text.StringBuilder(end - start);
        var at = start;
        foreach (var edit in edits.OrderBy(e => e.Range.Start))
        {
            var from = map.OffsetAt(text, edit.Range.Start);
            if (from < at) continue;
            result.Append(text, at, from - at).Append(edit.NewText);
            at = map.OffsetAt(text, edit.Range.End);
        }
        return result.Append(text, at, end - at).ToString();
    }

    private static bool Inside(TextRange range, TextRange outer) => range.Start >= outer.Start && range.End <= outer.End;

    private static bool IsSelfLink(LinkReference reference) => reference.WikiLink is { } wiki ? wiki.Target.Length == 0 : reference.MarkdownLink!.Path.Length == 0;

    private static TextRange RangeOf(LinkReference reference) => reference.WikiLink?.Range ?? reference.MarkdownLink!.Range;

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
    private static TextReplacement? ToNewNote(LinkReference reference, string newPath, string wikiTarget)
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

    /// <summary>A link to a heading or block that moves along, with only its note part rewritten to name the new note.</summary>
    private static TextReplacement? Retarget(LinkReference reference, string newPath, string wikiTarget)
    {
        if (reference.WikiLink is { } wiki) return new TextReplacement(wiki.TargetRange, wikiTarget);
        if (reference.MarkdownLink is { } markdown) return new TextReplacement(markdown.PathRange, LinkTargets.RelativeLinkPath(reference.Source.Path, newPath));
        return null;
    }

    /// <summary>The heading's text as a wikilink label: the characters that would end or split the link are left out.</summary>
    private static string LabelOf(string headingText) =>
        string.Concat(headingText.Where(c => c is not ('|' or '[' or ']'))).Trim();
}
