using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using NoteLsp.Core.Index;
using NoteLsp.Core.Model;
using NoteLsp.Core.Names;
using NoteLsp.Core.Text;

namespace NoteLsp.Core.Features;

/// <summary>Unwritten: a target other notes link to that no note answers to yet (docs/notes-format.md §12).</summary>
public enum CompletionItemKind { Note, Heading, Block, Path, Footnote, Callout, Unwritten, Tag, FrontMatterKey }

/// <param name="Label">what the list shows (a note's title, a heading's text)</param>
/// <param name="NewText">what is inserted over ReplaceRange (a note's stem, or the title / alias that matched; a heading's
/// text or anchor; plus "]]" when the link is not closed yet)</param>
/// <param name="Documentation">Markdown explaining the item (front matter keys)</param>
/// <param name="FilterText">the name the typed text matched (stem, title or alias); null for headings, blocks and paths, whose label is what was typed against</param>
public sealed record NoteCompletionItem(
    CompletionItemKind Kind,
    string Label,
    string NewText,
    string? Detail,
    string? FilterText,
    TextRange ReplaceRange,
    string? Documentation = null);

/// <summary>
/// Items in rank order; IsIncomplete when the client must ask again as the user types: more matched than were returned,
/// or (note names) always, since which of a note's names matches depends on the text typed next.
/// </summary>
public sealed record NoteCompletionResult(IReadOnlyList<NoteCompletionItem> Items, bool IsIncomplete)
{
    public static NoteCompletionResult None { get; } = new([], false);
}

/// <summary>
/// Completion inside links, from the text of the line before the cursor (an unclosed `[[` is not a parsed link):
/// `[[` / `![[` → notes by stem, title and alias; `[[T#` → T's headings; `[[#` → this note's; `[[T#^` → T's block ids;
/// `[text](` → note paths relative to this note; `[text](path#` → that note's anchors.
/// </summary>
public static partial class NoteCompletion
{
    public const int DefaultMaxItems = 50;

    /// <param name="note">the note being edited as parsed now (null when it is not indexed)</param>
    /// <param name="notePath">its vault-relative path</param>
    /// <param name="line">the whole text of the cursor's line</param>
    public static NoteCompletionResult Complete(VaultSnapshot snapshot, ParsedNote? note, string notePath, string line, TextPosition position, int maxItems = DefaultMaxItems)
    {
        var cursor = Math.Clamp(position.Character, 0, line.Length);
        var before = line[..cursor];
        var after = line[cursor..];
        if (NoteFootnotes.Complete(note, before, after, position) is { } footnotes) return footnotes;
        if (CalloutCompletion.TryComplete(snapshot, before, after, position, maxItems) is { } callout) return callout;

        var open = before.LastIndexOf("[[", StringComparison.Ordinal);
        if (open >= 0 && before.IndexOf("]]", open, StringComparison.Ordinal) < 0)
        {
            return CompleteWikiLink(snapshot, note, notePath, before[(open + 2)..], open + 2, after, position, maxItems);
        }
        var markdown = MarkdownLinkStart().Match(before);
        if (markdown.Success)
        {
            var typed = markdown.Groups[1].Value;
            var hash = typed.IndexOf('#');
            if (hash >= 0)
            {
                // Only what follows '#' is replaced: the path before it is already written.
                var fragmentRange = new TextRange(position with { Character = cursor - typed.Length + hash + 1 }, position with { Character = cursor });
                return CompleteAnchors(snapshot, notePath, Uri.UnescapeDataString(typed[..hash]), Uri.UnescapeDataString(typed[(hash + 1)..]), fragmentRange, maxItems);
            }
            var range = new TextRange(position with { Character = cursor - typed.Length }, position with { Character = cursor });
            return CompletePaths(snapshot, notePath, typed, range, maxItems);
        }
        return NoteCompletionResult.None;
    }

    [GeneratedRegex(@"\]\(([^()\s]*)$")]
    private static partial Regex MarkdownLinkStart();

    private static NoteCompletionResult CompleteWikiLink(VaultSnapshot snapshot, ParsedNote? note, string notePath, string typed, int typedStart, string after, TextPosition position, int maxItems)
    {
        if (typed.Contains('|')) return NoteCompletionResult.None; // in the label: free text
        var nextClose = after.IndexOf("]]", StringComparison.Ordinal);
        var nextOpen = after.IndexOf("[[", StringComparison.Ordinal);
        var close = nextClose < 0 || (nextOpen >= 0 && nextOpen < nextClose) ? "]]" : "";
        TextRange RangeFrom(int column) => new(position with { Character = column }, position);

        var hash = typed.IndexOf('#');
        if (hash >= 0)
        {
            var targetText = typed[..hash].Trim();
            var fragment = typed[(hash + 1)..];
            var target = targetText.Length == 0 ? note : ResolveTarget(snapshot, note, targetText);
            if (target is null) return NoteCompletionResult.None;
            if (fragment.StartsWith('^'))
            {
                var blockPrefix = fragment[1..];
                var items = target.BlockIds
                    .Where(b => b.Id.StartsWith(blockPrefix, StringComparison.OrdinalIgnoreCase))
                    .Select(b => new NoteCompletionItem(CompletionItemKind.Block, "^" + b.Id, b.Id + close, target.Path, null, RangeFrom(typedStart + hash + 2)))
                    .ToList();
                return Cap(items, maxItems);
            }
            var leading = fragment.Length - fragment.TrimStart().Length;
            var query = NoteNames.Key(fragment);
            var headings = new List<NoteCompletionItem>();
            foreach (var (heading, _, _) in target.Headings
                .Select((h, index) => (Heading: h, Index: index, Score: FuzzyMatch.Score(query, h.Text)))
                .Where(m => m.Score is not null)
                .OrderBy(m => m.Score).ThenBy(m => m.Index))
            {
                // A repeated heading's text reaches its first occurrence: a later one is linked by its anchor ("intro-1"),
                // and left out when not even that reaches it.
                var linkText = HeadingLinkText(target, heading);
                if (linkText is null) continue;
                var detail = linkText == heading.Text
                    ? $"{new string('#', heading.Level)} in {target.Path}"
                    : $"{new string('#', heading.Level)} in {target.Path}, line {heading.Range.Start.Line + 1}";
                headings.Add(new NoteCompletionItem(CompletionItemKind.Heading, heading.Text, linkText + close, detail, null, RangeFrom(typedStart + hash + 1 + leading)));
            }
            return Cap(headings, maxItems);
        }

        var leadingBlanks = typed.Length - typed.TrimStart().Length;
        return CompleteNotes(snapshot, notePath, typed.Trim(), RangeFrom(typedStart + leadingBlanks), close, maxItems);
    }

    /// <summary>What a wikilink writes after '#' to reach the heading: its text, else its anchor; null when neither reaches it.</summary>
    private static string? HeadingLinkText(ParsedNote target, Heading heading)
    {
        if (ReferenceEquals(VaultSnapshot.FindWikiHeading(target, heading.Text), heading)) return heading.Text;
        if (ReferenceEquals(VaultSnapshot.FindWikiHeading(target, heading.Anchor), heading)) return heading.Anchor;
        return null;
    }

    /// <summary>
    /// `[text](path#` → the GitHub anchors of the note at path (this note's for `](#`), or its block ids after `#^`.
    /// The label is the inserted anchor, so clients filter on what is typed after '#'.
    /// </summary>
    private static NoteCompletionResult CompleteAnchors(VaultSnapshot snapshot, string notePath, string path, string fragment, TextRange range, int maxItems)
    {
        if (snapshot.NoteAtLinkPath(notePath, path) is not { } target) return NoteCompletionResult.None;
        if (fragment.StartsWith('^'))
        {
            var blockPrefix = fragment[1..];
            var blocks = target.BlockIds
                .Where(b => b.Id.StartsWith(blockPrefix, StringComparison.OrdinalIgnoreCase))
                .Select(b => new NoteCompletionItem(CompletionItemKind.Block, "^" + b.Id, "^" + b.Id, target.Path, null, range))
                .ToList();
            return Cap(blocks, maxItems);
        }
        var query = NoteNames.Key(fragment);
        var headings = target.Headings
            .Select((h, index) => (Heading: h, Index: index,
                Score: h.Anchor.StartsWith(fragment, StringComparison.OrdinalIgnoreCase) ? FuzzyMatch.Prefix : FuzzyMatch.Score(query, h.Text)))
            .Where(m => m.Score is not null)
            .OrderBy(m => m.Score).ThenBy(m => m.Index)
            .Select(m => new NoteCompletionItem(CompletionItemKind.Heading, m.Heading.Anchor, m.Heading.Anchor,
                $"{new string('#', m.Heading.Level)} {m.Heading.Text} in {target.Path}", null, range))
            .ToList();
        return Cap(headings, maxItems);
    }

    private static ParsedNote? ResolveTarget(VaultSnapshot snapshot, ParsedNote? source, string target)
    {
        if (source is null) return snapshot.NotesWithKey(NoteNames.Key(target)).FirstOrDefault();
        var (_, candidates) = snapshot.MatchTarget(target);
        return candidates.IsDefaultOrEmpty ? null : candidates[0];
    }

    /// <summary>How many matching names completion looks at before it ranks (the list is marked incomplete past it).</summary>
    public const int MaxCandidates = 2000;

    private static NoteCompletionResult CompleteNotes(VaultSnapshot snapshot, string notePath, string typed, TextRange range, string close, int maxItems)
    {
        var query = NoteNames.Key(typed);
        // Bare "[[" asks the same of every note: the ranking is kept with the name index, and the note being edited is
        // left out of it (the others' best names and order do not depend on it).
        var ranked = (typed.Length == 0
                ? BareRankings.GetValue(snapshot.Names, names => RankNotes(names, query, typed, excludedPath: null)).Where(m => m.Entry.Path != notePath)
                : RankNotes(snapshot.Names, query, typed, notePath))
            .Take(maxItems);
        var items = new List<NoteCompletionItem>(maxItems);
        foreach (var (entry, _) in ranked)
        {
            if (snapshot.GetNote(entry.Path) is not { } note) continue;
            // The label is the title; clients filter on filterText (else the label) as the user keeps typing, so it must
            // be the name the typed text matched, the stem included.
            items.Add(new NoteCompletionItem(CompletionItemKind.Note, note.Title, LinkTextFor(snapshot, note, entry) + close, note.Path, entry.Name, range));
        }
        items = UnwrittenNotes.AppendCompletions(snapshot, typed, range, close, items, maxItems);
        // Always incomplete: which of a note's names matches (and so its filterText and inserted text) depends on what is
        // typed next, so a client must ask again rather than filter this list ("[[" lists stems; "[[Bull" must find an alias).
        return new NoteCompletionResult(items, IsIncomplete: true);
    }

    /// <summary>
    /// Builds what the first completion on a snapshot would otherwise build while the user waits: the name index, the
    /// bare "[[" ranking, the targets not written yet and the note paths. At 100,000 notes that is most of a second, and
    /// the first "[[" after opening a vault came with it. The server calls this once indexing is done; later snapshots
    /// share what it built for as long as no note's name (or, for paths, no note) changes.
    /// </summary>
    public static void PrepareIndexes(VaultSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        var names = snapshot.Names;
        cancellationToken.ThrowIfCancellationRequested();
        BareRankings.GetValue(names, static names => RankNotes(names, "", "", excludedPath: null));
        cancellationToken.ThrowIfCancellationRequested();
        _ = snapshot.UnwrittenTargets;
        cancellationToken.ThrowIfCancellationRequested();
        _ = snapshot.NotePaths;
    }

    private static readonly ConditionalWeakTable<NameIndex, IReadOnlyList<(NameEntry Entry, NameMatch Match)>> BareRankings = new();

    /// <summary>Each matching note once, by its best name, in rank order (every one, not only the first maxItems).</summary>
    private static IReadOnlyList<(NameEntry Entry, NameMatch Match)> RankNotes(NameIndex names, string query, string typed, string? excludedPath)
    {
        // Each note once, by its best name: the strongest match, then the name spelled as typed (Neovim keeps only items
        // whose inserted text starts with the typed text, case and all), then stem over title over alias.
        var best = new Dictionary<string, (NameEntry Entry, NameMatch Match)>(StringComparer.Ordinal);
        foreach (var (entry, match) in names.Search(query, MaxCandidates))
        {
            if (entry.Path == excludedPath) continue;
            if (!best.TryGetValue(entry.Path, out var current) || Better(entry, match, current.Entry, current.Match))
            {
                best[entry.Path] = (entry, match);
            }
        }

        bool Better(NameEntry entry, NameMatch match, NameEntry current, NameMatch currentMatch)
        {
            if (match != currentMatch) return match < currentMatch;
            var spelled = entry.Name.StartsWith(typed, StringComparison.Ordinal);
            var currentSpelled = current.Name.StartsWith(typed, StringComparison.Ordinal);
            if (spelled != currentSpelled) return spelled;
            return entry.Rank < current.Rank;
        }
        // Strongest tier first; within a tier, notes more linked to first, then shorter names.
        return best.Values
            .OrderBy(m => m.Match)
            .ThenByDescending(m => m.Entry.Popularity)
            .ThenBy(m => m.Entry.Name.Length)
            .ThenBy(m => m.Entry.Path, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// What a link to the note writes when the typed text matched this name: its target (<see cref="LinkTargets.WikiTarget"/>),
    /// or the title / alias itself when it names only this note, so the inserted text starts as typed; else "stem|name".
    /// </summary>
    internal static string LinkTextFor(VaultSnapshot snapshot, ParsedNote note, NameEntry entry)
    {
        var target = LinkTargets.WikiTarget(snapshot, note);
        if (entry.Rank == MatchRank.Stem) return target;
        var name = entry.Name.Trim();
        if (name.Length > 0 && name.IndexOfAny(NotInTarget) < 0
            && snapshot.MatchTarget(name) is (_, [var only]) && only.Path == note.Path)
        {
            return name;
        }
        return name.IndexOfAny(NotInLabel) < 0 ? target + "|" + name : target;
    }

    /// <summary>Characters that would end or split a wikilink target (or the line).</summary>
    private static readonly char[] NotInTarget = ['|', '#', '^', '[', ']', '\r', '\n'];

    private static readonly char[] NotInLabel = [']', '[', '\r', '\n'];

    private static NoteCompletionResult CompletePaths(VaultSnapshot snapshot, string notePath, string typed, TextRange range, int maxItems) =>
        PathCompletion.Complete(snapshot, notePath, typed, range, maxItems);

    private static NoteCompletionResult Cap(List<NoteCompletionItem> items, int maxItems) =>
        new(items.Take(maxItems).ToList(), items.Count > maxItems);
}
