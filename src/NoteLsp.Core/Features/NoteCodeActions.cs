using NoteLsp.Core.Diagnostics;
using NoteLsp.Core.Index;
using NoteLsp.Core.Model;
using NoteLsp.Core.Names;
using NoteLsp.Core.Parsing;
using NoteLsp.Core.Paths;
using NoteLsp.Core.Text;

namespace NoteLsp.Core.Features;

/// <summary>A note to create: vault-relative path and its whole content.</summary>
public sealed record NewNote(string Path, string Content);

/// <summary>A quick fix: edits in the note itself and/or a note to create, for one diagnostic.</summary>
public sealed record NoteCodeAction(string Title, NoteDiagnostic Diagnostic, IReadOnlyList<TextReplacement> Edits, NewNote? CreateNote, bool IsPreferred);

/// <summary>
/// The quick fixes of docs/notes-format.md §7: create a missing note, replace a broken name or heading with the closest
/// existing ones, rewrite an ambiguous link to each path-qualified target, set a mismatched timestamp's text.
/// </summary>
public static class NoteCodeActions
{
    public const int MaxSuggestions = 3;

    /// <summary>Fixes for the note's diagnostics that touch the range.</summary>
    public static IReadOnlyList<NoteCodeAction> For(VaultSnapshot snapshot, ParsedNote note, TextRange range, DiagnosticOptions options,
        CancellationToken cancellationToken = default)
    {
        var actions = new List<NoteCodeAction>();
        foreach (var diagnostic in NoteDiagnostics.Compute(snapshot, note, options))
        {
            cancellationToken.ThrowIfCancellationRequested();
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
                    actions.AddRange(ForBrokenHeading(snapshot, note, diagnostic));
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
        var markdown = found is null ? ElementsOf(note).MarkdownAt(diagnostic.Range.Start) : null;
        if (found is { Target.Length: > 0 } wiki)
        {
            if (NewNoteForWikiLink(snapshot, note, wiki.Target) is { } create)
            {
                yield return new NoteCodeAction(UnwrittenNotes.CreateNoteTitle(snapshot, wiki, create.Path), diagnostic, [], create, true);
            }
            foreach (var suggestion in Suggestions(diagnostic, NameSuggestions.Closest(snapshot, wiki.Target, MaxSuggestions)))
            {
                yield return new NoteCodeAction($"Change link to \"{suggestion}\"", diagnostic, [new TextReplacement(wiki.TargetRange, suggestion)], null, false);
            }
        }
        else if (markdown is { Path.Length: > 0 })
        {
            var resolved = VaultPaths.Resolve(VaultPaths.DirectoryOf(note.Path), markdown.Path);
            if (resolved is not null && VaultPaths.NewPathProblem(resolved) is null && IsNotePath(snapshot, resolved) && snapshot.GetNote(resolved) is null)
            {
                var stem = VaultPaths.FileNameOf(resolved);
                stem = stem[..stem.LastIndexOf('.')];
                yield return new NoteCodeAction($"Create note {resolved}", diagnostic, [], new NewNote(resolved, NewNoteContent(stem)), true);
            }
            foreach (var path in MarkdownSuggestions(snapshot, note, markdown))
            {
                yield return new NoteCodeAction($"Change link to \"{path}\"", diagnostic, [new TextReplacement(markdown.PathRange, path)], null, false);
            }
        }
    }

    /// <summary>
    /// The note a broken wikilink asks for: Slug(name) with the vault's first note extension, in the folder the link names
    /// (from the vault root; a leading '/' says so explicitly), else beside the linking note. None when the folder part is
    /// not a plain path inside the vault ("..", "./x", a drive, a backslash…): a note there could never be what the link
    /// names, and writing it would leave the vault.
    /// </summary>
    private static NewNote? NewNoteForWikiLink(VaultSnapshot snapshot, ParsedNote note, string target)
    {
        var segments = target.Split('/').Select(s => s.Trim()).ToArray();
        var name = segments[^1];
        var slug = NoteNames.Slug(VaultSnapshot.StripNoteExtension(name, snapshot.NoteExtensions));
        if (slug.Length == 0) return null;
        var folderSegments = segments[..^1];
        if (folderSegments.Length > 0 && folderSegments[0].Length == 0) folderSegments = folderSegments[1..]; // "/a/x": from the vault root
        if (folderSegments.Any(s => s.Length == 0 || s is "." or "..")) return null;
        var folder = segments.Length > 1 ? string.Join('/', folderSegments) : VaultPaths.DirectoryOf(note.Path);
        var extension = snapshot.NoteExtensions.IsDefaultOrEmpty ? ".md" : snapshot.NoteExtensions[0];
        var path = (folder.Length > 0 ? folder + "/" : "") + slug + extension;
        if (VaultPaths.NewPathProblem(path) is not null || snapshot.GetNote(path) is not null) return null;
        return new NewNote(path, NewNoteContent(VaultSnapshot.StripNoteExtension(name, snapshot.NoteExtensions)));
    }

    private static bool IsNotePath(VaultSnapshot snapshot, string path) =>
        snapshot.NoteExtensions.Any(e => path.EndsWith(e, StringComparison.OrdinalIgnoreCase) && path.Length > e.Length && path[^(e.Length + 1)] != '/');

    /// <summary>
    /// The closest notes' paths as this Markdown link would write them: relative to the linking note (or from the vault
    /// root when the link starts with '/'), with or without the extension as the link was written, percent-encoded.
    /// </summary>
    private static IEnumerable<string> MarkdownSuggestions(VaultSnapshot snapshot, ParsedNote note, MarkdownLink link)
    {
        var rooted = link.Path.StartsWith('/');
        var withExtension = VaultSnapshot.ExtensionOf(link.Path).Length > 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in NameSuggestions.Closest(snapshot, link.Path, MaxSuggestions))
        {
            var (_, candidates) = snapshot.MatchTarget(name);
            if (candidates.Length != 1) continue;
            var targetPath = candidates[0].Path;
            if (!withExtension) targetPath = targetPath[..^VaultSnapshot.ExtensionOf(targetPath).Length];
            var written = rooted ? "/" + NoteRename.EncodeLinkPath(targetPath) : LinkTargets.RelativeLinkPath(note.Path, targetPath);
            if (seen.Add(written)) yield return written;
        }
    }

    private static string NewNoteContent(string title) => $"---\ntitle: {NoteRename.YamlScalar(title)}\n---\n";

    private static IEnumerable<NoteCodeAction> ForAmbiguousLink(VaultSnapshot snapshot, ParsedNote note, NoteDiagnostic diagnostic)
    {
        if (LinkAt(note, diagnostic) is not { } wiki) yield break;
        var resolution = snapshot.Resolve(note, wiki);
        foreach (var candidate in resolution.Candidates)
        {
            yield return new NoteCodeAction($"Link to {candidate.Path}", diagnostic, [new TextReplacement(wiki.TargetRange, LinkTargets.WikiTarget(snapshot, candidate))], null, false);
        }
    }

    private static NoteCodeAction? ForMismatchedTimestamp(ParsedNote note, NoteDiagnostic diagnostic)
    {
        if (ElementsOf(note).TimestampAt(diagnostic.Range.Start) is not { } timestamp
            || !TimeText.TryParse(timestamp.TargetText, out var seconds)) return null;
        var withHours = timestamp.DisplayText.Count(c => c == ':') == 2 || seconds >= 3600;
        var text = TimeText.Format(seconds, withHours);
        return new NoteCodeAction($"Set the timestamp's text to {text}", diagnostic, [new TextReplacement(timestamp.DisplayRange, text)], null, true);
    }

    /// <summary>The diagnostic's own suggestions when the index gave some, else ours.</summary>
    private static IEnumerable<string> Suggestions(NoteDiagnostic diagnostic, IEnumerable<string> fallback) =>
        (diagnostic.Suggestions.IsDefaultOrEmpty ? fallback : diagnostic.Suggestions).Take(MaxSuggestions);

    /// <summary>The wikilink a diagnostic is about: the one whose target it covers, else the one it sits in.</summary>
    private static WikiLink? LinkAt(ParsedNote note, NoteDiagnostic diagnostic)
    {
        var elements = ElementsOf(note);
        return elements.WikiByTarget.TryGetValue(diagnostic.Range, out var link) ? link : elements.WikiAt(diagnostic.Range.Start);
    }

    /// <summary>
    /// A code action request over a whole note can carry one diagnostic per link (100,000 of them): finding each one's
    /// link by scanning every link made it quadratic. The note's links are indexed once (per immutable note) instead.
    /// </summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ParsedNote, NoteElementIndex> Indexes = new();

    private static NoteElementIndex ElementsOf(ParsedNote note) => Indexes.GetValue(note, static n => new NoteElementIndex(n));

    private sealed class NoteElementIndex
    {
        private readonly ParsedNote _note;

        public NoteElementIndex(ParsedNote note)
        {
            _note = note;
            foreach (var link in note.WikiLinks)
            {
                WikiByTarget.TryAdd(link.TargetRange, link);
                if (link.HeadingRange is { } heading) WikiByHeading.TryAdd(heading, link);
            }
            foreach (var link in note.MarkdownLinks)
            {
                if (link.FragmentRange is { } fragment) MarkdownByFragment.TryAdd(fragment, link);
            }
        }

        public Dictionary<TextRange, WikiLink> WikiByTarget { get; } = [];

        public Dictionary<TextRange, WikiLink> WikiByHeading { get; } = [];

        public Dictionary<TextRange, MarkdownLink> MarkdownByFragment { get; } = [];

        public WikiLink? WikiAt(TextPosition position) =>
            IndexContaining(_wikiStarts ??= ByStart(_note.WikiLinks, l => l.Range), position) is var i and >= 0 ? _note.WikiLinks[i] : null;

        public MarkdownLink? MarkdownAt(TextPosition position) =>
            IndexContaining(_markdownStarts ??= ByStart(_note.MarkdownLinks, l => l.Range), position) is var i and >= 0 ? _note.MarkdownLinks[i] : null;

        public Timestamp? TimestampAt(TextPosition position) =>
            IndexContaining(_timestampStarts ??= ByStart(_note.Timestamps, t => t.Range), position) is var i and >= 0 ? _note.Timestamps[i] : null;

        private (TextRange Range, int Index)[]? _wikiStarts, _markdownStarts, _timestampStarts;

        /// <summary>The elements' ranges sorted by start (the parser lists body elements in text order, front matter ones apart).</summary>
        private static (TextRange Range, int Index)[] ByStart<T>(System.Collections.Immutable.ImmutableArray<T> items, Func<T, TextRange> range)
        {
            var sorted = new (TextRange Range, int Index)[items.Length];
            for (var i = 0; i < items.Length; i++) sorted[i] = (range(items[i]), i);
            Array.Sort(sorted, static (a, b) => a.Range.Start != b.Range.Start ? (a.Range.Start < b.Range.Start ? -1 : 1) : a.Index.CompareTo(b.Index));
            return sorted;
        }

        /// <summary>
        /// The element containing the position, by binary search: links and timestamps never nest, so only the last one
        /// starting at or before the position can contain it. -1 when none does.
        /// </summary>
        private static int IndexContaining((TextRange Range, int Index)[] sorted, TextPosition position)
        {
            int low = 0, high = sorted.Length;
            while (low < high)
            {
                var middle = (low + high) / 2;
                if (sorted[middle].Range.Start <= position) low = middle + 1;
                else high = middle;
            }
            return low > 0 && sorted[low - 1].Range.Contains(position) ? sorted[low - 1].Index : -1;
        }
    }

    /// <summary>
    /// The closest headings of the link's target: a wikilink gets the heading's text (its usual style), a Markdown link
    /// the heading's GitHub anchor ("sub-heading"), the only form a Markdown renderer follows.
    /// </summary>
    private static IEnumerable<NoteCodeAction> ForBrokenHeading(VaultSnapshot snapshot, ParsedNote note, NoteDiagnostic diagnostic)
    {
        var elements = ElementsOf(note);
        WikiLink? found = elements.WikiByHeading.TryGetValue(diagnostic.Range, out var byHeading) ? byHeading : null;
        var markdown = found is null ? elements.MarkdownByFragment.GetValueOrDefault(diagnostic.Range) : null;
        ParsedNote? target;
        string wanted;
        if (found is { } wiki)
        {
            target = snapshot.Resolve(note, wiki).Target;
            wanted = wiki.Heading ?? "";
        }
        else if (markdown is not null)
        {
            target = snapshot.Resolve(note, markdown).Target;
            wanted = markdown.Fragment ?? "";
        }
        else
        {
            yield break;
        }
        if (target is null) yield break;
        // The diagnostic's own suggestions (heading texts for a wikilink, anchors for a Markdown link) come first.
        var suggested = diagnostic.Suggestions.IsDefaultOrEmpty
            ? []
            : diagnostic.Suggestions.Select(s => target.Headings.FirstOrDefault(h => markdown is null ? h.Text == s : h.Anchor == s)).OfType<Heading>().ToList();
        var headings = suggested.Count > 0 ? suggested : ClosestHeadings(target, wanted);
        var index = 0;
        foreach (var heading in headings.DistinctBy(h => markdown is null ? h.Text : h.Anchor).Take(MaxSuggestions))
        {
            var title = markdown is null ? $"Change to heading \"{heading.Text}\"" : $"Change to heading \"{heading.Text}\" (#{heading.Anchor})";
            yield return new NoteCodeAction(title, diagnostic, [new TextReplacement(diagnostic.Range, markdown is null ? heading.Text : heading.Anchor)], null, index++ == 0);
        }
    }

    private static IEnumerable<Heading> ClosestHeadings(ParsedNote target, string wanted)
    {
        var key = NoteNames.Key(wanted);
        return target.Headings.OrderBy(h => KeyDistance.Levenshtein(key, h.Key));
    }
}
