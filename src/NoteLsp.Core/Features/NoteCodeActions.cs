using NoteLsp.Core.Diagnostics;
using NoteLsp.Core.Index;
using NoteLsp.Core.Model;
using NoteLsp.Core.Names;
using NoteLsp.Core.Parsing;
using NoteLsp.Core.Text;

namespace NoteLsp.Core.Features;

/// <summary>A note to create: vault-relative path and its whole content.</summary>
public sealed record NewNote(string Path, string Content);

/// <summary>A quick fix: edits in the note itself and/or a note to create, for one diagnostic.</summary>
public sealed record NoteCodeAction(string Title, NoteDiagnostic Diagnostic, IReadOnlyList<TextReplacement> Edits, NewNote? CreateNote, bool IsPreferred);

/// <summary>
/// The quick fixes of NOTES-FORMAT §7: create a missing note, replace a broken name or heading with the closest
/// existing ones, rewrite an ambiguous link to each path-qualified target, set a mismatched timestamp's text.
/// </summary>
public static class NoteCodeActions
{
    public const int MaxSuggestions = 3;

    /// <summary>Fixes for the note's diagnostics that touch the range.</summary>
    public static IReadOnlyList<NoteCodeAction> For(VaultSnapshot snapshot, ParsedNote note, TextRange range, DiagnosticOptions options)
    {
        var actions = new List<NoteCodeAction>();
        foreach (var diagnostic in NoteDiagnostics.Compute(snapshot, note, options))
        {
            if (diagnostic.Range.End < range.Start || diagnostic.Range.Start > range.End) continue;
            switch (diagnostic.Code)
            {
                case DiagnosticCode.LinkBroken:
                    actions.AddRange(ForBrokenLink(snapshot, note, diagnostic));
                    break;
                case DiagnosticCode.LinkAmbiguous:
                    actions.AddRange(ForAmbiguousLink(snapshot, note, diagnostic));
                    break;
                case DiagnosticCode.HeadingBroken:
                    actions.AddRange(Suggestions(diagnostic, ClosestHeadings(snapshot, note, diagnostic)).Select((s, i) =>
                        new NoteCodeAction($"Change to heading \"{s}\"", diagnostic, [new TextReplacement(diagnostic.Range, s)], null, i == 0)));
                    break;
                case DiagnosticCode.TimestampMismatch:
                    if (ForMismatchedTimestamp(note, diagnostic) is { } fix) actions.Add(fix);
                    break;
            }
        }
        return actions;
    }

    private static IEnumerable<NoteCodeAction> ForBrokenLink(VaultSnapshot snapshot, ParsedNote note, NoteDiagnostic diagnostic)
    {
        var found = LinkAt(note, diagnostic);
        var markdown = found is null ? note.MarkdownLinks.FirstOrDefault(l => l.Range.Contains(diagnostic.Range.Start)) : null;
        var directory = NoteFileMoves.DirectoryOf(note.Path);
        if (found is { Target.Length: > 0 } wiki)
        {
            var segments = wiki.Target.Split('/');
            var name = segments[^1].Trim();
            var slug = NoteNames.Slug(name);
            if (slug.Length > 0)
            {
                var folder = segments.Length > 1 ? string.Join('/', segments[..^1].Select(s => s.Trim())) : directory;
                var path = (folder.Length > 0 ? folder + "/" : "") + slug + ".md";
                if (snapshot.GetNote(path) is null)
                {
                    yield return new NoteCodeAction($"Create note {path}", diagnostic, [], new NewNote(path, NewNoteContent(name)), true);
                }
            }
            foreach (var suggestion in Suggestions(diagnostic, NameSuggestions.Closest(snapshot, wiki.Target, MaxSuggestions)))
            {
                yield return new NoteCodeAction($"Change link to \"{suggestion}\"", diagnostic, [new TextReplacement(wiki.TargetRange, suggestion)], null, false);
            }
        }
        else if (markdown is { Path.Length: > 0 })
        {
            var resolved = NoteFileMoves.Normalize(markdown.Path.StartsWith('/') ? markdown.Path[1..] : (directory.Length > 0 ? directory + "/" : "") + markdown.Path);
            if (resolved is not null && snapshot.NoteExtensions.Any(e => resolved.EndsWith(e, StringComparison.OrdinalIgnoreCase)) && snapshot.GetNote(resolved) is null)
            {
                var stem = resolved[(resolved.LastIndexOf('/') + 1)..];
                stem = stem[..stem.LastIndexOf('.')];
                yield return new NoteCodeAction($"Create note {resolved}", diagnostic, [], new NewNote(resolved, NewNoteContent(stem)), true);
            }
        }
    }

    private static string NewNoteContent(string title) => $"---\ntitle: {NoteRename.YamlScalar(title)}\n---\n";

    private static IEnumerable<NoteCodeAction> ForAmbiguousLink(VaultSnapshot snapshot, ParsedNote note, NoteDiagnostic diagnostic)
    {
        if (LinkAt(note, diagnostic) is not { } wiki) yield break;
        var resolution = snapshot.Resolve(note, wiki);
        foreach (var candidate in resolution.Candidates)
        {
            var dot = candidate.Path.LastIndexOf('.');
            var qualified = dot > candidate.Path.LastIndexOf('/') ? candidate.Path[..dot] : candidate.Path;
            yield return new NoteCodeAction($"Link to {candidate.Path}", diagnostic, [new TextReplacement(wiki.TargetRange, qualified)], null, false);
        }
    }

    private static NoteCodeAction? ForMismatchedTimestamp(ParsedNote note, NoteDiagnostic diagnostic)
    {
        if (note.Timestamps.FirstOrNull(t => t.Range.Contains(diagnostic.Range.Start)) is not { } timestamp
            || !TimeText.TryParse(timestamp.TargetText, out var seconds)) return null;
        var withHours = timestamp.DisplayText.Count(c => c == ':') == 2 || seconds >= 3600;
        var text = TimeText.Format(seconds, withHours);
        return new NoteCodeAction($"Set the timestamp's text to {text}", diagnostic, [new TextReplacement(timestamp.DisplayRange, text)], null, true);
    }

    /// <summary>The diagnostic's own suggestions when the index gave some, else ours.</summary>
    private static IEnumerable<string> Suggestions(NoteDiagnostic diagnostic, IEnumerable<string> fallback) =>
        (diagnostic.Suggestions.IsDefaultOrEmpty ? fallback : diagnostic.Suggestions).Take(MaxSuggestions);

    /// <summary>The wikilink a diagnostic is about: the one whose target it covers, else the one it sits in.</summary>
    private static WikiLink? LinkAt(ParsedNote note, NoteDiagnostic diagnostic) =>
        note.WikiLinks.FirstOrNull(l => l.TargetRange == diagnostic.Range) ?? note.WikiLinks.FirstOrNull(l => l.Range.Contains(diagnostic.Range.Start));

    private static IEnumerable<string> ClosestHeadings(VaultSnapshot snapshot, ParsedNote note, NoteDiagnostic diagnostic)
    {
        var found = note.WikiLinks.FirstOrNull(l => l.HeadingRange == diagnostic.Range);
        var markdown = found is null ? note.MarkdownLinks.FirstOrDefault(l => l.FragmentRange == diagnostic.Range) : null;
        ParsedNote? target = null;
        string? wanted = null;
        if (found is { } wiki)
        {
            target = snapshot.Resolve(note, wiki).Target;
            wanted = wiki.Heading;
        }
        else if (markdown is not null)
        {
            target = snapshot.Resolve(note, markdown).Target;
            wanted = markdown.Fragment;
        }
        if (target is null || wanted is null) return [];
        var key = NoteNames.Key(wanted);
        return target.Headings
            .Select(h => (h.Text, Distance: KeyDistance.Levenshtein(key, h.Key)))
            .OrderBy(m => m.Distance)
            .Select(m => m.Text)
            .Distinct();
    }
}
