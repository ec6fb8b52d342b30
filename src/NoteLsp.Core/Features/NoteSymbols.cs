using NoteLsp.Core.Index;
using NoteLsp.Core.Model;
using NoteLsp.Core.Names;
using NoteLsp.Core.Text;

namespace NoteLsp.Core.Features;

/// <summary>A heading with the range of its whole section and its sub-headings.</summary>
public sealed record HeadingSymbol(Heading Heading, TextRange SectionRange, IReadOnlyList<HeadingSymbol> Children);

public enum WorkspaceSymbolKind { Note, Alias, Heading, Tag }

/// <summary>A note (by title or alias) or a heading that matches a workspace symbol query.</summary>
public sealed record WorkspaceSymbolMatch(ParsedNote Note, string Name, WorkspaceSymbolKind Kind, TextRange Range, int Score);

public static class NoteSymbols
{
    public const int DefaultMaxWorkspaceSymbols = 100;

    /// <summary>The heading tree of a note: each heading holds the deeper headings of its section.</summary>
    /// <remarks>
    /// One pass with a stack of open sections, so 40,000 headings cost 40,000 steps (finding each section's end by
    /// searching the headings again made it quadratic: minutes for a million headings). The token is checked as it goes.
    /// </remarks>
    public static IReadOnlyList<HeadingSymbol> DocumentSymbols(ParsedNote note, CancellationToken cancellationToken = default)
    {
        var headings = note.Headings;
        var roots = new List<HeadingSymbol>();
        // Each open section: its heading, where its own children are collected, and the list it belongs to.
        var open = new Stack<(Heading Heading, List<HeadingSymbol> Children, List<HeadingSymbol> Parent)>();
        void Close(TextPosition end)
        {
            var (heading, children, parent) = open.Pop();
            parent.Add(new HeadingSymbol(heading, new TextRange(heading.Range.Start, end), children.Count == 0 ? [] : children));
        }
        for (var i = 0; i < headings.Length; i++)
        {
            if ((i & 0xFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
            var heading = headings[i];
            while (open.Count > 0 && open.Peek().Heading.Level >= heading.Level) Close(heading.Range.Start);
            open.Push((heading, [], open.Count > 0 ? open.Peek().Children : roots));
        }
        while (open.Count > 0) Close(note.End);
        return roots;
    }

    /// <summary>Where a heading's section ends: at the next heading of the same or a higher level, else at the end of the note.</summary>
    /// <remarks>For one heading (hover); <see cref="DocumentSymbols"/> finds every section's end in one pass.</remarks>
    public static TextPosition SectionEnd(ParsedNote note, Heading heading)
    {
        var index = note.Headings.IndexOf(heading);
        for (var i = index + 1; i < note.Headings.Length; i++)
        {
            if (note.Headings[i].Level <= heading.Level) return note.Headings[i].Range.Start;
        }
        return note.End;
    }

    /// <summary>Notes by title and alias, and headings, that match the query (fuzzy, by Key), best first, capped.</summary>
    public static IReadOnlyList<WorkspaceSymbolMatch> WorkspaceSymbols(VaultSnapshot snapshot, string query, int maxResults = DefaultMaxWorkspaceSymbols)
    {
        var key = NoteNames.Key(query);
        var matches = new List<WorkspaceSymbolMatch>();
        foreach (var note in snapshot.Notes)
        {
            var noteRange = note.TitleRange ?? new TextRange(0, 0, 0, 0);
            if (Best(key, note.Title, note.Stem) is { } noteScore) matches.Add(new WorkspaceSymbolMatch(note, note.Title, WorkspaceSymbolKind.Note, noteRange, noteScore));
            foreach (var alias in note.Aliases)
            {
                if (FuzzyMatch.Score(key, alias.Value) is { } aliasScore) matches.Add(new WorkspaceSymbolMatch(note, alias.Value, WorkspaceSymbolKind.Alias, alias.Range, aliasScore));
            }
            foreach (var heading in note.Headings)
            {
                if (note.TitleSource == TitleSource.Heading && note.TitleRange == heading.TextRange) continue; // already the note
                if (FuzzyMatch.Score(key, heading.Text) is { } headingScore) matches.Add(new WorkspaceSymbolMatch(note, heading.Text, WorkspaceSymbolKind.Heading, heading.TextRange, headingScore));
            }
        }
        matches.AddRange(NoteTags.WorkspaceSymbols(snapshot, key, maxResults));
        return matches
            .OrderBy(m => m.Score)
            .ThenBy(m => m.Kind)
            .ThenBy(m => m.Name.Length)
            .ThenBy(m => m.Note.Path, StringComparer.Ordinal)
            .Take(maxResults)
            .ToList();
    }

    private static int? Best(string key, string title, string stem)
    {
        var a = FuzzyMatch.Score(key, title);
        var b = FuzzyMatch.Score(key, stem);
        return a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);
    }
}
