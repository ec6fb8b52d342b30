using NoteLsp.Core.Features;
using NoteLsp.Core.Parsing;
using NoteLsp.Core.Text;

namespace NoteLsp.Core.Tests;

/// <summary>Folding, selection ranges and semantic tokens on the edges: line ends, unclosed blocks, hostile nesting.</summary>
public class NoteStructureTests
{
    private static IReadOnlyList<NoteFold> Folds(string text) => NoteFolding.Compute(NoteParser.Parse("n.md", text), text);

    [Fact]
    public void Crlf_line_ends_fold_like_lf_and_a_heading_in_code_is_not_a_section()
    {
        var lf = "# A\n```\n# not a heading\n```\ntext\n\n# B\nb\n";
        var crlf = lf.ReplaceLineEndings("\r\n");
        NoteFold[] expected = [new(0, 4, FoldKind.Region), new(1, 3, FoldKind.Block), new(6, 7, FoldKind.Region)];
        Assert.Equal(expected, Folds(lf));
        Assert.Equal(expected, Folds(crlf));
    }

    [Fact]
    public void An_unclosed_fence_and_an_unclosed_comment_fold_to_the_last_line_with_text()
    {
        Assert.Equal([new NoteFold(0, 2, FoldKind.Block)], Folds("```\ncode\nmore\n\n\n"));
        Assert.Equal([new NoteFold(0, 1, FoldKind.Comment)], Folds("%% open\nstill\n"));
    }

    [Fact]
    public void A_thousand_nested_quotes_fold_without_failing()
    {
        var text = string.Concat(Enumerable.Range(0, 1000).Select(i => new string('>', i + 1) + " x\n"));
        var folds = Folds(text);
        Assert.All(folds, f => Assert.True(f.EndLine > f.StartLine && f.EndLine < 1000));
    }

    [Fact]
    public void A_sentence_ends_at_a_stop_followed_by_a_blank_not_inside_a_name()
    {
        var text = "One v1.2 thing. Two [[a.b]] here! Three\n";
        var note = NoteParser.Parse("n.md", text);
        var at = new TextPosition(0, text.IndexOf("Two", StringComparison.Ordinal));
        var chain = NoteSelectionRanges.Compute(note, text, [at])[0];
        Assert.Equal([new TextRange(0, 16, 0, 33), new TextRange(0, 0, 0, 39), new TextRange(0, 0, 1, 0)], chain);
        var first = NoteSelectionRanges.Compute(note, text, [new TextPosition(0, 5)])[0];
        Assert.Equal(new TextRange(0, 0, 0, 15), first[0]);
    }

    [Fact]
    public void Tokens_of_a_range_are_the_ones_that_touch_it_and_a_multi_line_comment_is_one_token_per_line()
    {
        var text = "[[a]]\n%% x\n\ny %%\n[[b]]\n";
        var vault = TestVault.Of(("n.md", text), ("a.md", ""));
        var lines = LineMap.Build(text);
        var all = NoteSemanticTokens.Compute(vault.Snapshot, vault.Note("n.md"), text, lines);
        Assert.Equal(
            [
                new NoteToken(0, 2, 1, NoteTokenType.Target, NoteTokenModifiers.None),
                new NoteToken(1, 0, 4, NoteTokenType.Comment, NoteTokenModifiers.None),
                new NoteToken(3, 0, 4, NoteTokenType.Comment, NoteTokenModifiers.None),
                new NoteToken(4, 2, 1, NoteTokenType.Target, NoteTokenModifiers.Unresolved),
            ],
            all);
        var some = NoteSemanticTokens.Compute(vault.Snapshot, vault.Note("n.md"), text, lines, new TextRange(3, 0, 4, 0));
        Assert.Equal([all[1], all[2]], some);
    }
}
