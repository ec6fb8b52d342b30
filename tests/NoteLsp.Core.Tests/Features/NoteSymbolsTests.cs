using NoteLsp.Core.Features;

namespace NoteLsp.Core.Tests;

/// <summary>NoteSymbols on the in-memory vault: the outline of a note and the vault-wide symbol search.</summary>
public class NoteSymbolsTests
{
    private static readonly TestVault Vault = TestVault.Of(
        ("outline.md", "# Top\n\ntext\n\n## One\n\n### One.a\n\n## Two\n\n# Second top\n"),
        ("flat.md", "### Deep first\n\n# Then top\n"),
        ("scaling.md", "---\ntitle: Scaling laws\naliases: [Chinchilla]\n---\n## Compute optimal scaling\n"),
        ("other.md", "# Unrelated\n"));

    private static string Outline(IEnumerable<HeadingSymbol> symbols) =>
        string.Join(" ", symbols.Select(s => s.Heading.Text + (s.Children.Count > 0 ? "(" + Outline(s.Children) + ")" : "")));

    [Fact]
    public void Headings_nest_by_level_and_each_section_ends_at_the_next_heading_of_its_level_or_higher()
    {
        var symbols = NoteSymbols.DocumentSymbols(Vault.Note("outline.md"));

        Assert.Equal("Top(One(One.a) Two) Second top", Outline(symbols));
        Assert.Equal(Vault.At("outline.md", "# Second top", 0), symbols[0].SectionRange.End);
        Assert.Equal(Vault.At("outline.md", "## Two", 0), symbols[0].Children[0].SectionRange.End);
        Assert.Equal(Vault.Note("outline.md").End, symbols[1].SectionRange.End);
    }

    [Fact]
    public void A_deep_heading_before_any_top_heading_stays_at_the_top()
    {
        Assert.Equal("Deep first Then top", Outline(NoteSymbols.DocumentSymbols(Vault.Note("flat.md"))));
    }

    [Fact]
    public void Workspace_symbols_find_titles_aliases_and_headings_by_key()
    {
        var matches = NoteSymbols.WorkspaceSymbols(Vault.Snapshot, "scaling");

        Assert.Equal(["Note Scaling laws scaling.md", "Heading Compute optimal scaling scaling.md"],
            matches.Select(m => $"{m.Kind} {m.Name} {m.Note.Path}"));
        Assert.Equal(["Alias Chinchilla scaling.md"], NoteSymbols.WorkspaceSymbols(Vault.Snapshot, "chin").Select(m => $"{m.Kind} {m.Name} {m.Note.Path}"));
    }

    [Fact]
    public void Workspace_symbols_are_capped()
    {
        Assert.Single(NoteSymbols.WorkspaceSymbols(Vault.Snapshot, "", maxResults: 1));
    }
}
