using NoteLsp.Core.Features;

namespace NoteLsp.Core.Tests;

/// <summary>Rename binds to what the link matched: the file (stem or path), the title, an alias or a heading.</summary>
public class RenameTests
{
    private static TestVault Vault() => TestVault.Of(
        ("topics/old_name.md", """
            ---
            title: Old Title
            aliases: [Nickname, "Other: Name"]
            ---
            # Heading One

            ## Setup Steps

            ## Notes

            ## Notes

            Self [[#Setup Steps]] and [[old_name]].
            """),
        ("a.md", """
            By stem [[old_name]], labelled [[old_name | keep this label]], heading [[old_name#Setup Steps|setup]].
            By path [[topics/old_name]] and [[/topics/old_name]] and [[old_name.md]].
            By title [[Old Title]] and [[old title#setup-steps]]; by alias [[nickname]] and [[Other: Name|o]].
            Markdown [m](topics/old_name.md#setup-steps) and [n](topics/old_name) and [dup](topics/old_name.md#notes-1).
            """),
        ("topics/b.md", "Relative [r](old_name.md) and [[old_name#Notes]].\n"),
        ("unrelated.md", "[[a]] [[elsewhere]]\n"));

    private static RenamePlan Plan(TestVault vault, string path, string find, int offset, string newName) =>
        NoteRename.Plan(vault.Snapshot, vault.Note(path), vault.At(path, find, offset), newName);

    private static void AssertNoNewLinkProblems(TestVault before, TestVault after)
    {
        var problemsBefore = before.LinkProblems().Select(p => p.Diagnostic.Message).ToList();
        var problemsAfter = after.LinkProblems().Select(p => $"{p.Path}: {p.Diagnostic.Message}").ToList();
        // The only problem in the vault before is [[elsewhere]]; a rename must not add any.
        Assert.Equal(["No note named \"elsewhere\""], problemsBefore);
        Assert.Equal(["unrelated.md: No note named \"elsewhere\""], problemsAfter);
    }

    [Fact]
    public void Renaming_by_stem_renames_the_file_and_every_link_by_stem_path_or_markdown_path()
    {
        var vault = Vault();

        var plan = Plan(vault, "a.md", "[[old_name]]", 4, "new name");
        var after = vault.Apply(plan);

        Assert.Equal(new FileRename("topics/old_name.md", "topics/new name.md"), plan.FileRename);
        Assert.Equal("""
            By stem [[new name]], labelled [[new name | keep this label]], heading [[new name#Setup Steps|setup]].
            By path [[topics/new name]] and [[/topics/new name]] and [[new name.md]].
            By title [[Old Title]] and [[old title#setup-steps]]; by alias [[nickname]] and [[Other: Name|o]].
            Markdown [m](topics/new%20name.md#setup-steps) and [n](topics/new%20name) and [dup](topics/new%20name.md#notes-1).
            """, after.Texts["a.md"]);
        Assert.Equal("Relative [r](new%20name.md) and [[new name#Notes]].\n", after.Texts["topics/b.md"]);
        Assert.EndsWith("Self [[#Setup Steps]] and [[new name]].", after.Texts["topics/new name.md"]);
        Assert.Null(after.Snapshot.GetNote("topics/old_name.md"));
        AssertNoNewLinkProblems(vault, after);
    }

    [Fact]
    public void Renaming_from_a_path_link_renames_the_file_and_selects_the_last_segment()
    {
        var vault = Vault();
        var position = vault.At("a.md", "[[topics/old_name]]", 10);

        var prepare = NoteRename.Prepare(vault.Snapshot, vault.Note("a.md"), position);
        Assert.Equal(vault.Range("a.md", "[[topics/old_name]]", "old_name"), prepare.Range);
        Assert.Equal("old_name", prepare.Placeholder);
        Assert.Equal(RenameKind.File, NoteRename.KindAt(vault.Snapshot, vault.Note("a.md"), position));

        var after = vault.Apply(NoteRename.Plan(vault.Snapshot, vault.Note("a.md"), position, "renamed.md"));

        Assert.NotNull(after.Snapshot.GetNote("topics/renamed.md"));
        Assert.Contains("By path [[topics/renamed]] and [[/topics/renamed]] and [[renamed.md]].", after.Texts["a.md"]);
        AssertNoNewLinkProblems(vault, after);
    }

    [Fact]
    public void Renaming_from_a_markdown_link_renames_the_file()
    {
        var vault = Vault();

        var plan = Plan(vault, "topics/b.md", "[r]", 1, "fresh");

        Assert.Equal("topics/fresh.md", plan.FileRename?.NewPath);
        var after = vault.Apply(plan);
        Assert.Equal("Relative [r](fresh.md) and [[fresh#Notes]].\n", after.Texts["topics/b.md"]);
        AssertNoNewLinkProblems(vault, after);
    }

    [Fact]
    public void Renaming_by_title_changes_the_front_matter_title_and_the_links_by_title_only()
    {
        var vault = Vault();
        var position = vault.At("a.md", "[[Old Title]]", 4);
        Assert.Equal(RenameKind.Title, NoteRename.KindAt(vault.Snapshot, vault.Note("a.md"), position));

        var plan = NoteRename.Plan(vault.Snapshot, vault.Note("a.md"), position, "Fresh: Title");
        var after = vault.Apply(plan);

        Assert.Null(plan.FileRename);
        Assert.Contains("title: \"Fresh: Title\"\n", after.Texts["topics/old_name.md"]);
        Assert.Equal("Fresh: Title", after.Note("topics/old_name.md").Title);
        Assert.Contains("By title [[Fresh: Title]] and [[Fresh: Title#setup-steps]];", after.Texts["a.md"]);
        Assert.Contains("By stem [[old_name]], labelled [[old_name | keep this label]]", after.Texts["a.md"]);
        AssertNoNewLinkProblems(vault, after);
    }

    [Fact]
    public void Renaming_a_heading_title_from_the_heading_changes_the_heading_and_title_links()
    {
        var vault = TestVault.Of(
            ("note.md", "# My Topic\n\nBody.\n"),
            ("a.md", "[[My Topic]] and [[my topic|label]] and [[note#My Topic]] and [n](note.md#my-topic)\n"),
            ("unrelated.md", "[[elsewhere]]\n"));

        var plan = Plan(vault, "note.md", "My Topic", 3, "Your Topic");
        var after = vault.Apply(plan);

        Assert.Equal("# Your Topic\n\nBody.\n", after.Texts["note.md"]);
        Assert.Equal("[[Your Topic]] and [[Your Topic|label]] and [[note#Your Topic]] and [n](note.md#your-topic)\n", after.Texts["a.md"]);
        AssertNoNewLinkProblems(vault, after);
    }

    [Fact]
    public void Renaming_by_alias_changes_that_alias_and_its_links_only()
    {
        var vault = Vault();

        var plan = Plan(vault, "a.md", "[[nickname]]", 4, "Handle");
        var after = vault.Apply(plan);

        Assert.Contains("aliases: [Handle, \"Other: Name\"]", after.Texts["topics/old_name.md"]);
        Assert.Contains("by alias [[Handle]] and [[Other: Name|o]].", after.Texts["a.md"]);
        AssertNoNewLinkProblems(vault, after);
    }

    [Fact]
    public void Renaming_a_quoted_alias_writes_valid_yaml_in_a_flow_list()
    {
        var vault = Vault();

        var after = vault.Apply(Plan(vault, "a.md", "[[Other: Name|o]]", 4, "Smith, John"));

        Assert.Contains("aliases: [Nickname, \"Smith, John\"]", after.Texts["topics/old_name.md"]);
        Assert.Equal(["Nickname", "Smith, John"], after.Note("topics/old_name.md").Aliases.Select(a => a.Value));
        Assert.Contains("[[Smith, John|o]]", after.Texts["a.md"]);
        AssertNoNewLinkProblems(vault, after);
    }

    [Fact]
    public void Renaming_a_heading_from_a_link_rewrites_text_and_anchor_links_in_their_own_style()
    {
        var vault = Vault();
        var position = vault.At("a.md", "#Setup Steps|setup", 3);

        var prepare = NoteRename.Prepare(vault.Snapshot, vault.Note("a.md"), position);
        Assert.Equal("Setup Steps", prepare.Placeholder);
        Assert.Equal(vault.Range("a.md", "#Setup Steps|setup", "Setup Steps"), prepare.Range);

        var plan = NoteRename.Plan(vault.Snapshot, vault.Note("a.md"), position, "Install Guide");
        var after = vault.Apply(plan);

        Assert.Null(plan.FileRename);
        Assert.Contains("## Install Guide\n", after.Texts["topics/old_name.md"]);
        Assert.Contains("Self [[#Install Guide]]", after.Texts["topics/old_name.md"]);
        Assert.Contains("heading [[old_name#Install Guide|setup]]", after.Texts["a.md"]);
        Assert.Contains("[[old title#install-guide]]", after.Texts["a.md"]);
        Assert.Contains("[m](topics/old_name.md#install-guide)", after.Texts["a.md"]);
        AssertNoNewLinkProblems(vault, after);
    }

    [Fact]
    public void Renaming_a_heading_from_the_heading_itself()
    {
        var vault = Vault();

        var after = vault.Apply(Plan(vault, "topics/old_name.md", "## Setup Steps", 5, "Preparation"));

        Assert.Contains("## Preparation\n", after.Texts["topics/old_name.md"]);
        Assert.Contains("heading [[old_name#Preparation|setup]]", after.Texts["a.md"]);
        AssertNoNewLinkProblems(vault, after);
    }

    [Fact]
    public void Renaming_one_of_two_duplicate_headings_keeps_links_to_the_other_working()
    {
        var vault = Vault();

        // The first "Notes" becomes "Remarks": the second one's anchor goes from notes-1 to notes.
        var after = vault.Apply(Plan(vault, "topics/b.md", "#Notes", 2, "Remarks"));

        Assert.Contains("## Remarks\n\n## Notes", after.Texts["topics/old_name.md"]);
        Assert.Equal("Relative [r](old_name.md) and [[old_name#Remarks]].\n", after.Texts["topics/b.md"]);
        Assert.Contains("[dup](topics/old_name.md#notes)", after.Texts["a.md"]);
        AssertNoNewLinkProblems(vault, after);
    }

    [Theory]
    [InlineData("a", "already the name of a.md")]
    [InlineData("A", "already the name of a.md")]
    [InlineData("unrelated", "already the name of unrelated.md")]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("../x", "'/'")]
    [InlineData("sub/x", "'/'")]
    [InlineData("..", "not a usable")]
    [InlineData(".hidden", "hidden")]
    [InlineData("x]]y", "']'")]
    [InlineData("---", "letter or digit")]
    public void Bad_or_colliding_file_names_are_refused_with_a_clear_message(string newName, string gist)
    {
        var vault = Vault();

        var error = Assert.Throws<RenameException>(() => Plan(vault, "a.md", "[[old_name]]", 4, newName));

        Assert.Contains(gist, error.Message);
    }

    [Fact]
    public void A_title_that_another_note_answers_to_is_refused()
    {
        var vault = Vault();

        var error = Assert.Throws<RenameException>(() => Plan(vault, "a.md", "[[Old Title]]", 4, "Unrelated"));

        Assert.Contains("unrelated.md", error.Message);
    }

    [Fact]
    public void A_heading_that_already_exists_in_the_note_is_refused()
    {
        var vault = Vault();

        var error = Assert.Throws<RenameException>(() => Plan(vault, "topics/old_name.md", "## Setup Steps", 5, "notes"));

        Assert.Contains("already has a heading", error.Message);
    }

    [Fact]
    public void Nothing_to_rename_on_plain_text_broken_or_ambiguous_links()
    {
        var vault = TestVault.Of(("a.md", "Plain text [[missing]] [[x]]\n"), ("one/x.md", ""), ("two/x.md", ""));

        Assert.Contains("Nothing to rename", Assert.Throws<RenameException>(() => Plan(vault, "a.md", "Plain", 2, "y")).Message);
        Assert.Contains("No note named \"missing\"", Assert.Throws<RenameException>(() => Plan(vault, "a.md", "[[missing]]", 3, "y")).Message);
        Assert.Contains("matches 2 notes", Assert.Throws<RenameException>(() => Plan(vault, "a.md", "[[x]]", 2, "y")).Message);
    }

    [Fact]
    public void Renaming_to_the_same_name_changes_nothing()
    {
        var vault = Vault();

        var plan = Plan(vault, "a.md", "[[old_name]]", 4, "old_name");

        Assert.Null(plan.FileRename);
        Assert.Equal(0, plan.EditCount);
    }

    [Fact]
    public void A_plan_lists_its_notes_in_path_order_though_the_links_that_follow_a_heading_are_found_after_it()
    {
        // The title heading of z.md is edited first; the links to it (in a.md and m/b.md) are found after, by heading following.
        var vault = TestVault.Of(
            ("z.md", "# Zed Title\n\nText.\n"),
            ("m/b.md", "See [[Zed Title]].\n"),
            ("a.md", "And [[zed title]] here.\n"));

        var plan = Plan(vault, "z.md", "Zed Title", 1, "Omega Title");

        Assert.Equal(["a.md", "m/b.md", "z.md"], plan.Edits.Keys);
        Assert.Equal("And [[Omega Title]] here.\n", vault.Apply(plan).Texts["a.md"]);
    }
}
