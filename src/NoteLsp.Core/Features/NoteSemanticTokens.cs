using System.Collections.Immutable;
using NoteLsp.Core.Index;
using NoteLsp.Core.Model;
using NoteLsp.Core.Parsing;
using NoteLsp.Core.Text;

namespace NoteLsp.Core.Features;

/// <summary>What a token is; the order is the legend's (<see cref="NoteSemanticTokens.TypeNames"/>).</summary>
public enum NoteTokenType { Target, Heading, Label, Embed, Timestamp, CalloutType, Comment, Tag }

/// <summary>Token modifiers, one bit each in the legend's order (<see cref="NoteSemanticTokens.ModifierNames"/>).</summary>
[Flags]
public enum NoteTokenModifiers { None = 0, Unresolved = 1, Invalid = 2 }

/// <summary>One token on one line (UTF-16 columns).</summary>
public readonly record struct NoteToken(int Line, int Character, int Length, NoteTokenType Type, NoteTokenModifiers Modifiers);

/// <summary>
/// Semantic tokens of one note, from its parsed elements (no second parse): wikilink targets (embeds apart), their
/// heading, block and label parts, targets and fragments that do not resolve, timestamp times (invalid ones marked),
/// callout types and %% comments. Sorted, one line each, never overlapping.
/// </summary>
public static class NoteSemanticTokens
{
    /// <summary>Standard LSP token types, so editors without our mapping still colour them sensibly.</summary>
    public static readonly ImmutableArray<string> TypeNames = ["class", "property", "string", "macro", "number", "keyword", "comment", "decorator"];

    public static readonly ImmutableArray<string> ModifierNames = ["unresolved", "invalid"];

    /// <param name="text">the note's text (multi-line comments are split by its lines)</param>
    /// <param name="within">only tokens that intersect this range (null: all)</param>
    public static IReadOnlyList<NoteToken> Compute(VaultSnapshot snapshot, ParsedNote note, string text, LineMap lines, TextRange? within = null, CancellationToken cancellationToken = default)
    {
        var tokens = new List<NoteToken>();
        void Add(TextRange range, NoteTokenType type, NoteTokenModifiers modifiers = NoteTokenModifiers.None)
        {
            if (within is { } w && (range.End < w.Start || range.Start > w.End)) return;
            for (var line = range.Start.Line; line <= range.End.Line && line < lines.LineCount; line++)
            {
                var start = line == range.Start.Line ? range.Start.Character : 0;
                var end = line == range.End.Line ? range.End.Character : lines.LineContentEnd(text, line) - lines.LineStart(line);
                if (end > start) tokens.Add(new NoteToken(line, start, end - start, type, modifiers));
            }
        }

        AddLinks(snapshot, note, Add, cancellationToken);
        foreach (var timestamp in note.Timestamps)
        {
            // An anchor without data-t has no time to colour: its "target" is the opening tag.
            if (timestamp.TargetText.Length > 0) Add(timestamp.TargetRange, NoteTokenType.Timestamp, TimeModifier(timestamp.TargetText));
            Add(timestamp.DisplayRange, NoteTokenType.Timestamp, TimeModifier(timestamp.DisplayText));
        }
        foreach (var callout in note.Callouts) Add(callout.TypeRange, NoteTokenType.CalloutType);
        foreach (var comment in note.Comments) Add(comment, NoteTokenType.Comment);
        AddTags(note, Add);

        tokens.Sort((a, b) => a.Line != b.Line ? a.Line.CompareTo(b.Line) : a.Character.CompareTo(b.Character));
        var result = new List<NoteToken>(tokens.Count);
        foreach (var token in tokens)
        {
            if (result.Count > 0 && result[^1] is var last && last.Line == token.Line && last.Character + last.Length > token.Character) continue;
            result.Add(token);
        }
        return result;
    }

    /// <summary>Inline tags, with their <c>#</c> (docs/notes-format.md §14); front-matter values stay YAML-coloured.</summary>
    private static void AddTags(ParsedNote note, Action<TextRange, NoteTokenType, NoteTokenModifiers> add)
    {
        foreach (var tag in note.TagOccurrences)
        {
            if (tag.IsInline) add(tag.Range, NoteTokenType.Tag, NoteTokenModifiers.None);
        }
    }

    private static NoteTokenModifiers TimeModifier(string time) =>
        TimeText.TryParse(time, out _) ? NoteTokenModifiers.None : NoteTokenModifiers.Invalid;

    private static void AddLinks(VaultSnapshot snapshot, ParsedNote note, Action<TextRange, NoteTokenType, NoteTokenModifiers> add, CancellationToken cancellationToken)
    {
        // Notes repeat targets: each distinct target is matched once per answer.
        var matches = new Dictionary<string, (MatchRank, ImmutableArray<ParsedNote>)>(StringComparer.Ordinal);
        var seen = 0;
        foreach (var link in note.WikiLinks)
        {
            if ((++seen & 0x3FF) == 0) cancellationToken.ThrowIfCancellationRequested();
            var resolution = snapshot.Resolve(note, link, matches);
            if (link.Target.Length > 0)
            {
                var unresolved = resolution.Status == TargetStatus.Broken ? NoteTokenModifiers.Unresolved : NoteTokenModifiers.None;
                add(link.TargetRange, link.IsEmbed ? NoteTokenType.Embed : NoteTokenType.Target, unresolved);
            }
            var fragment = resolution.Fragment == FragmentStatus.Missing ? NoteTokenModifiers.Unresolved : NoteTokenModifiers.None;
            if (link.HeadingRange is { } heading) add(heading, NoteTokenType.Heading, fragment);
            if (link.BlockIdRange is { } block) add(block, NoteTokenType.Heading, fragment);
            if (link.LabelRange is { } label) add(label, NoteTokenType.Label, NoteTokenModifiers.None);
        }
    }
}
