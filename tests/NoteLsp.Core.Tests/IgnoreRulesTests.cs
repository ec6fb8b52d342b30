using NoteLsp.Core.Config;
using NoteLsp.Core.Edits;
using NoteLsp.Core.Files;
using NoteLsp.Core.Index;
using NoteLsp.Core.Parsing;

namespace NoteLsp.Core.Tests;

/// <summary>Ignore rules as people write them (docs/notes-format.md §1): gitignore semantics for `ignore:`, and the vault's `.gitignore` / `.ignore`.</summary>
public sealed class IgnoreRulesTests : IDisposable
{
    private readonly TempFolder _vault = new();

    public void Dispose() => _vault.Dispose();

    private static bool Kept(string path, params string[] globs) =>
        VaultMembership.IsNotePath(path, NoteLspConfig.Default with { Ignore = [.. globs] });

    [Theory]
    [InlineData("scratch.tmp.md")]
    [InlineData("deep/down/scratch.tmp.md")]
    public void A_bare_pattern_matches_at_any_depth(string path) => Assert.False(Kept(path, "*.tmp.md"));

    [Theory]
    [InlineData("note?.md", "note1.md", false)]
    [InlineData("note?.md", "note10.md", true)]
    [InlineData("day-[0-9].md", "day-7.md", false)]
    [InlineData("day-[0-9].md", "day-x.md", true)]
    [InlineData("{drafts,scratch}/**", "drafts/a.md", false)]
    [InlineData("{drafts,scratch}/**", "scratch/b/c.md", false)]
    [InlineData("{drafts,scratch}/**", "notes/drafts/a.md", true)]
    [InlineData("*.{tmp,bak}.md", "x/y.bak.md", false)]
    [InlineData("/templates/", "templates/t.md", false)]
    [InlineData("/templates/", "notes/templates/t.md", true)]
    [InlineData("./templates", "templates/t.md", false)]
    [InlineData("archive", "Archive/old.md", false)]
    [InlineData("archive", "notes/archive/old.md", false)]
    [InlineData("archive/**", "notes/archive/old.md", true)]
    public void Globs_accept_wildcards_classes_and_alternatives(string glob, string path, bool kept) =>
        Assert.Equal(kept, Kept(path, glob));

    [Fact]
    public void A_negated_pattern_brings_a_file_back_but_not_out_of_an_ignored_folder()
    {
        Assert.True(Kept("keep.tmp.md", "*.tmp.md", "!keep.tmp.md"));
        Assert.False(Kept("drafts/keep.md", "drafts/", "!drafts/keep.md"));
    }

    [Theory]
    [InlineData("../outside/**")]
    [InlineData("notes/../../x")]
    [InlineData("C:\\vault\\drafts")]
    [InlineData("~/notes/*.md")]
    [InlineData("{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}{m,n}")]
    public void A_pattern_that_can_never_match_is_reported_and_left_out(string glob)
    {
        var result = ConfigLoader.Parse($"ignore:\n  - '{glob}'\n  - drafts/**\n");

        Assert.NotNull(result.Error);
        Assert.Contains(".notelsp.yml:2: an ignore pattern can never match a note", result.Error);
        Assert.DoesNotContain(glob, result.Error); // a config value is never echoed
        Assert.Equal<string>(["drafts/**"], result.Config.Ignore);
    }

    [Fact]
    public void The_vaults_gitignore_and_ignore_files_leave_paths_out_of_the_scan()
    {
        _vault.Write(".gitignore", "# build output\nbuild/\n*.generated.md\n");
        _vault.Write(".ignore", "private/**\n");
        _vault.Write("a.md", "# A\n");
        _vault.Write("build/out.md", "# built\n");
        _vault.Write("notes/x.generated.md", "# generated\n");
        _vault.Write("private/diary.md", "# secret\n");
        _vault.Write("notes/Build.md", "# a note about building\n");

        var config = ConfigLoader.Load(_vault.Root).Config;

        Assert.Equal(["a.md", "notes/Build.md"], VaultScanner.EnumerateNotes(_vault.Root, config));
        Assert.False(VaultMembership.IsNotePath("build/new.md", config));
        Assert.True(VaultMembership.IsNotePath("notes/new.md", config));
    }

    [Fact]
    public void A_vault_without_ignore_files_ignores_nothing()
    {
        _vault.Write("build/out.md", "# built\n");
        var config = ConfigLoader.Load(_vault.Root).Config;

        Assert.Empty(config.IgnoreFileRules);
        Assert.Equal(["build/out.md"], VaultScanner.EnumerateNotes(_vault.Root, config));
    }

    [Fact]
    public void The_ignore_files_apply_under_a_config_named_elsewhere_too()
    {
        _vault.Write(".gitignore", "build/\n");
        _vault.Write("build/out.md", "# built\n");
        _vault.Write("a.md", "# A\n");

        var config = ConfigLoader.Parse("maxFileBytes: 1000\n", ConfigLoader.DefaultsFor(_vault.Root)).Config;

        Assert.Equal(["a.md"], VaultScanner.EnumerateNotes(_vault.Root, config));
    }

    [Fact]
    public void The_edit_guard_refuses_to_create_a_note_where_gitignore_leaves_it_out()
    {
        _vault.Write(".gitignore", "build/\n");
        var config = ConfigLoader.Load(_vault.Root).Config;
        var guard = new EditGuard(_vault.Root, config, VaultSnapshot.Build([NoteParser.Parse("a.md", "# A\n")]));

        Assert.NotNull(guard.CheckCreate("build/new.md"));
        Assert.Null(guard.CheckCreate("notes/new.md"));
    }

    [Fact]
    public void Braces_expand_to_every_alternative_and_nested_ones_too()
    {
        Assert.Equal(["a.md", "b.md", "c/x.md", "c/y.md"], IgnoreGlobs.ExpandBraces("{a,b,c/{x,y}}.md")!.Order(StringComparer.Ordinal));
        Assert.Equal(["{only}.md"], IgnoreGlobs.ExpandBraces("{only}.md"));
    }
}
