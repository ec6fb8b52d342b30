using NoteLsp.Core.Config;
using NoteLsp.Core.Diagnostics;
using NoteLsp.Core.Features;
using NoteLsp.Core.Index;
using NoteLsp.Core.Model;
using NoteLsp.Core.Parsing;
using NoteLsp.Core.Text;

namespace NoteLsp.Fuzz;

/// <summary>What must hold for any note text: no exception, ranges inside the text and well ordered, links that read back the same.</summary>
public static class ParserProperties
{
    private static readonly ParsedNote[] Neighbours =
    [
        NoteParser.Parse("alpha.md", "---\ntitle: Alpha Note\naliases: [First]\n---\n# Alpha\n\n## Section One\n\nText ^block1\n"),
        NoteParser.Parse("sub/beta.md", "# Beta\n"),
        NoteParser.Parse("other/beta.md", "# Beta again\n"),
    ];

    /// <summary>Parse, check every range, and read every wikilink back in isolation.</summary>
    public static void ParseIsSound(string text)
    {
        var note = NoteParser.Parse("fuzz.md", text);
        var lines = LineMap.Build(text);
        foreach (var (what, range) in Ranges(note)) CheckRange(text, lines, what, range);
        if (note.End != lines.PositionAt(text.Length)) throw new InvalidOperationException($"End {note.End} is not the text's end");

        foreach (var link in note.WikiLinks)
        {
            // The target read through the range is the target (offsets and positions agree, on every kind of line end).
            var target = Slice(text, lines, link.TargetRange);
            if (target != link.Target) throw new InvalidOperationException($"target \"{link.Target}\" but its range reads \"{target}\"");

            // Printed alone, the link parses to the same link.
            var source = Slice(text, lines, link.Range);
            var again = NoteParser.Parse("again.md", "x " + source + "\n").WikiLinks;
            if (again.Length != 1) throw new InvalidOperationException($"\"{source}\" alone gives {again.Length} links");
            var other = again[0];
            if (other.Target != link.Target || other.Heading != link.Heading || other.BlockId != link.BlockId || other.IsEmbed != link.IsEmbed)
            {
                throw new InvalidOperationException($"\"{source}\" reads back as another link: {other.Target}#{other.Heading}^{other.BlockId}");
            }
        }

        // Parsing is a function of the text.
        var twice = NoteParser.Parse("fuzz.md", text);
        if (!twice.WikiLinks.SequenceEqual(note.WikiLinks) || twice.Headings.Length != note.Headings.Length || twice.Title != note.Title)
        {
            throw new InvalidOperationException("a second parse of the same text differs");
        }
    }

    /// <summary>Diagnostics and every position-based feature, at positions all over the note: no exception, ranges inside.</summary>
    public static void FeaturesAreSound(string text, int probe)
    {
        var note = NoteParser.Parse("fuzz.md", text);
        var snapshot = VaultSnapshot.Build([.. Neighbours, note]);
        note = snapshot.GetNote("fuzz.md")!;
        var lines = LineMap.Build(text);
        foreach (var diagnostic in NoteDiagnostics.Compute(snapshot, note, DiagnosticOptions.Default))
        {
            CheckRange(text, lines, "diagnostic " + diagnostic.Id, diagnostic.Range);
        }
        foreach (var link in NoteDocumentLinks.Find(snapshot, note, NoteLspConfig.Default)) CheckRange(text, lines, "document link", link.Range);
        var symbols = new Stack<HeadingSymbol>(NoteSymbols.DocumentSymbols(note));
        while (symbols.TryPop(out var symbol))
        {
            CheckRange(text, lines, "symbol section", symbol.SectionRange);
            foreach (var child in symbol.Children) symbols.Push(child);
        }

        var offset = (int)((uint)probe % (uint)(text.Length + 1));
        var position = lines.PositionAt(offset);
        var lineText = text[lines.LineStart(position.Line)..lines.LineContentEnd(text, position.Line)];
        NoteCompletion.Complete(snapshot, note, note.Path, lineText, position);
        foreach (var target in NoteDefinition.Find(snapshot, note, position)) CheckRange(text, lines, "definition origin", target.OriginRange);
        NoteHover.Find(snapshot, note, position, NoteLspConfig.Default, _ => null);
        NoteReferences.Find(snapshot, note, position, includeDeclaration: true);
        foreach (var diagnostic in NoteDiagnostics.Compute(snapshot, note, DiagnosticOptions.Default))
        {
            NoteCodeActions.For(snapshot, note, diagnostic.Range, DiagnosticOptions.Default);
        }
        StructureIsSound(snapshot, note, text, lines, position);
        try
        {
            var prepared = NoteRename.Prepare(snapshot, note, position);
            CheckRange(text, lines, "rename range", prepared.Range);
            NoteRename.Plan(snapshot, note, position, "renamed note");
        }
        catch (RenameException)
        {
            // A refusal with a message for the user is an answer.
        }
    }

    /// <summary>Folds inside the note, one per start line; tokens sorted, on their line, never overlapping; selection ranges nested.</summary>
    private static void StructureIsSound(VaultSnapshot snapshot, ParsedNote note, string text, LineMap lines, TextPosition position)
    {
        var previousStart = -1;
        foreach (var fold in NoteFolding.Compute(note, text))
        {
            if (fold.StartLine <= previousStart || fold.EndLine <= fold.StartLine || fold.EndLine >= lines.LineCount)
            {
                throw new InvalidOperationException($"fold {fold} after a fold at line {previousStart} in {lines.LineCount} lines");
            }
            previousStart = fold.StartLine;
        }
        NoteToken? previous = null;
        foreach (var token in NoteSemanticTokens.Compute(snapshot, note, text, lines))
        {
            CheckRange(text, lines, "token " + token.Type, new TextRange(token.Line, token.Character, token.Line, token.Character + token.Length));
            if (token.Length <= 0 || previous is { } p && (p.Line > token.Line || p.Line == token.Line && p.Character + p.Length > token.Character))
            {
                throw new InvalidOperationException($"token {token} after {previous}");
            }
            previous = token;
        }
        var chain = NoteSelectionRanges.Compute(note, text, [position])[0];
        for (var i = 0; i < chain.Count; i++)
        {
            CheckRange(text, lines, "selection range", chain[i]);
            if (i > 0 && (chain[i] == chain[i - 1] || chain[i - 1].Start < chain[i].Start || chain[i].End < chain[i - 1].End))
            {
                throw new InvalidOperationException($"selection range {chain[i]} does not strictly hold {chain[i - 1]}");
            }
        }
        if (chain.Count == 0 || chain[^1] != new TextRange(new TextPosition(0, 0), lines.PositionAt(text.Length))) throw new InvalidOperationException("the last selection range is not the note");
    }

    private static IEnumerable<(string, TextRange)> Ranges(ParsedNote note)
    {
        foreach (var h in note.Headings)
        {
            yield return ("heading", h.Range);
            yield return ("heading text", h.TextRange);
        }
        foreach (var b in note.BlockIds)
        {
            yield return ("block id", b.Range);
            yield return ("block", b.BlockRange);
        }
        foreach (var w in note.WikiLinks)
        {
            yield return ("wikilink", w.Range);
            yield return ("wikilink target", w.TargetRange);
            if (w.HeadingRange is { } hr) yield return ("wikilink heading", hr);
            if (w.BlockIdRange is { } br) yield return ("wikilink block", br);
            if (w.LabelRange is { } lr) yield return ("wikilink label", lr);
        }
        foreach (var m in note.MarkdownLinks)
        {
            yield return ("markdown link", m.Range);
            yield return ("markdown path", m.PathRange);
            if (m.FragmentRange is { } fr) yield return ("markdown fragment", fr);
        }
        foreach (var t in note.Timestamps)
        {
            yield return ("timestamp", t.Range);
            yield return ("timestamp target", t.TargetRange);
            yield return ("timestamp display", t.DisplayRange);
        }
        foreach (var c in note.Callouts)
        {
            yield return ("callout", c.Range);
            yield return ("callout type", c.TypeRange);
        }
        foreach (var comment in note.Comments) yield return ("comment", comment);
        if (note.TitleRange is { } title) yield return ("title", title);
        if (note.InvalidEncodingRange is { } invalid) yield return ("invalid encoding", invalid);
        if (note.FrontMatter is { } fm)
        {
            yield return ("front matter", fm.Range);
            if (fm.Error is { } error) yield return ("front matter error", error.Range);
            foreach (var value in fm.Aliases.Concat(fm.Tags)) yield return ("front matter value", value.Range);
        }
        foreach (var value in new[] { note.VideoId, note.Duration })
        {
            if (value is not null) yield return ("front matter value", value.Range);
        }
    }

    /// <summary>Start before end, both on a line of the text and at most at its end.</summary>
    private static void CheckRange(string text, LineMap lines, string what, TextRange range)
    {
        if (range.Start > range.End) throw new InvalidOperationException($"{what} {range}: start after end");
        foreach (var position in new[] { range.Start, range.End })
        {
            if (position.Line < 0 || position.Line >= lines.LineCount || position.Character < 0)
            {
                throw new InvalidOperationException($"{what} {range}: {position} is outside the text's {lines.LineCount} lines");
            }
            var length = lines.LineContentEnd(text, position.Line) - lines.LineStart(position.Line);
            if (position.Character > length) throw new InvalidOperationException($"{what} {range}: {position} is past its line's end ({length})");
        }
    }

    private static string Slice(string text, LineMap lines, TextRange range) =>
        text[lines.OffsetAt(text, range.Start)..lines.OffsetAt(text, range.End)];
}
