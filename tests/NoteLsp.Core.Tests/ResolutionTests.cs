using NoteLsp.Core.Index;

namespace NoteLsp.Core.Tests;

/// <summary>docs/notes-format.md §3–§5: how a link finds its note, heading and block.</summary>
public class ResolutionTests
{
    private static LinkResolution ResolveWiki(TestVault vault, string source = "source.md", int index = 0)
    {
        var note = vault.Note(source);
        return vault.Snapshot.Resolve(note, note.WikiLinks[index]);
    }

    private static LinkResolution ResolveMarkdown(TestVault vault, string source = "source.md", int index = 0)
    {
        var note = vault.Note(source);
        return vault.Snapshot.Resolve(note, note.MarkdownLinks[index]);
    }

    private static string Paths(LinkResolution r) => string.Join(", ", r.Candidates.Select(c => c.Path));

    [Fact]
    public void Stem_beats_title_and_alias()
    {
        var vault = TestVault.Of(
            ("source.md", "[[rocket]]"),
            ("by-title.md", "---\ntitle: Rocket\n---\n"),
            ("by-alias.md", "---\naliases: [rocket]\n---\n"),
            ("folder/Rocket.md", "text"));

        var resolution = ResolveWiki(vault);

        Assert.Equal(TargetStatus.Resolved, resolution.Status);
        Assert.Equal(MatchRank.Stem, resolution.Rank);
        Assert.Equal("folder/Rocket.md", resolution.Target!.Path);
    }

    [Fact]
    public void Title_beats_alias_when_no_stem_matches()
    {
        var vault = TestVault.Of(
            ("source.md", "[[Rocket]]"),
            ("by-alias.md", "---\naliases:\n  - rocket\n---\n"),
            ("by-title.md", "# Rocket\n"));

        var resolution = ResolveWiki(vault);

        Assert.Equal(MatchRank.Title, resolution.Rank);
        Assert.Equal("by-title.md", resolution.Target!.Path);
    }

    [Fact]
    public void Alias_matches_when_nothing_else_does()
    {
        var vault = TestVault.Of(
            ("source.md", "[[The Rocket]]"),
            ("by-alias.md", "---\naliases: [Something, the-rocket]\n---\n"));

        var resolution = ResolveWiki(vault);

        Assert.Equal(MatchRank.Alias, resolution.Rank);
        Assert.Equal("by-alias.md", resolution.Target!.Path);
    }

    [Fact]
    public void Two_notes_at_the_first_matching_rank_are_ambiguous_in_path_order()
    {
        var vault = TestVault.Of(
            ("source.md", "[[x]]"),
            ("b/x.md", ""),
            ("a/x.md", ""),
            ("titled.md", "---\ntitle: x\n---\n"));

        var resolution = ResolveWiki(vault);

        Assert.Equal(TargetStatus.Ambiguous, resolution.Status);
        Assert.Equal(MatchRank.Stem, resolution.Rank);
        Assert.Equal("a/x.md, b/x.md", Paths(resolution));
        Assert.Null(resolution.Target);
    }

    [Fact]
    public void Two_titles_are_ambiguous_but_a_stem_settles_it()
    {
        var titles = TestVault.Of(
            ("source.md", "[[Plan]]"),
            ("one.md", "# Plan\n"),
            ("two.md", "---\ntitle: plan\n---\n"));
        Assert.Equal(TargetStatus.Ambiguous, ResolveWiki(titles).Status);
        Assert.Equal(MatchRank.Title, ResolveWiki(titles).Rank);

        var withStem = titles.With("plan.md", "");
        Assert.Equal("plan.md", ResolveWiki(withStem).Target!.Path);
    }

    [Theory]
    [InlineData("[[Pre-training vs post-training in AI]]")]
    [InlineData("[[Pretraining VS posttraining in AI]]")]
    [InlineData("[[pretraining_vs_posttraining_in_ai]]")]
    [InlineData("[[PRE TRAINING vs. POST-TRAINING in A.I.]]")]
    public void Names_compare_by_key(string link)
    {
        var vault = TestVault.Of(("source.md", link), ("pretraining_vs_posttraining_in_ai.md", ""));

        Assert.Equal("pretraining_vs_posttraining_in_ai.md", ResolveWiki(vault).Target?.Path);
    }

    [Fact]
    public void Key_drops_accents_and_matches_titles_too()
    {
        var vault = TestVault.Of(("source.md", "[[Cafe Creme]]"), ("drinks.md", "---\ntitle: Café Crème\n---\n"));

        Assert.Equal("drinks.md", ResolveWiki(vault).Target?.Path);
    }

    [Theory]
    [InlineData("[[a/x]]", "a/x.md")]
    [InlineData("[[b/x]]", "b/x.md")]
    [InlineData("[[A / X]]", "a/x.md")]
    [InlineData("[[a/x.md]]", "a/x.md")]
    [InlineData("[[deep/c/x]]", "deep/c/x.md")]
    [InlineData("[[c/x]]", "deep/c/x.md")]
    public void Path_suffix_matches_segment_by_segment(string link, string expected)
    {
        var vault = TestVault.Of(("source.md", link), ("a/x.md", ""), ("b/x.md", ""), ("deep/c/x.md", ""), ("x.md", ""));

        var resolution = ResolveWiki(vault);

        Assert.Equal(MatchRank.Path, resolution.Rank);
        Assert.Equal(expected, resolution.Target?.Path);
    }

    [Fact]
    public void A_path_suffix_shared_by_two_notes_is_ambiguous()
    {
        var vault = TestVault.Of(("source.md", "[[a/x]]"), ("a/x.md", ""), ("deep/a/x.md", ""));

        var resolution = ResolveWiki(vault);

        Assert.Equal(TargetStatus.Ambiguous, resolution.Status);
        Assert.Equal(MatchRank.Path, resolution.Rank);
        Assert.Equal("a/x.md, deep/a/x.md", Paths(resolution));
    }

    [Fact]
    public void Path_suffix_must_match_whole_segments()
    {
        var vault = TestVault.Of(("source.md", "[[a/x]] [[xa/x]] [[c/x]]"), ("xa/x.md", ""), ("ba/x.md", ""));

        Assert.Equal(TargetStatus.Broken, ResolveWiki(vault, index: 0).Status);
        Assert.Equal("xa/x.md", ResolveWiki(vault, index: 1).Target?.Path);
        Assert.Equal(TargetStatus.Broken, ResolveWiki(vault, index: 2).Status);
    }

    [Fact]
    public void Leading_slash_anchors_the_path_at_the_vault_root()
    {
        var vault = TestVault.Of(
            ("source.md", "[[/x]] [[/a/x]] [[/x/y]] [[x]]"),
            ("x.md", ""), ("a/x.md", ""), ("b/a/x.md", ""));

        Assert.Equal("x.md", ResolveWiki(vault, index: 0).Target?.Path);
        Assert.Equal("a/x.md", ResolveWiki(vault, index: 1).Target?.Path);
        Assert.Equal(TargetStatus.Broken, ResolveWiki(vault, index: 2).Status);
        Assert.Equal(TargetStatus.Ambiguous, ResolveWiki(vault, index: 3).Status);
    }

    [Theory]
    [InlineData("[[notes.md]]")]
    [InlineData("[[notes.MD]]")]
    [InlineData("[[notes.markdown]]")]
    [InlineData("[[Notes]]")]
    public void A_trailing_note_extension_is_ignored(string link)
    {
        var vault = TestVault.Of(("source.md", link), ("notes.md", ""));

        var resolution = ResolveWiki(vault);
        Assert.Equal(MatchRank.Stem, resolution.Rank);
        Assert.Equal("notes.md", resolution.Target?.Path);
    }

    [Fact]
    public void A_title_with_a_slash_still_matches_when_no_path_does()
    {
        var vault = TestVault.Of(("source.md", "[[TCP/IP]]"), ("networking.md", "# TCP/IP\n"));

        var resolution = ResolveWiki(vault);
        Assert.Equal(MatchRank.Title, resolution.Rank);
        Assert.Equal("networking.md", resolution.Target?.Path);
    }

    [Fact]
    public void A_path_target_never_matches_a_stem_with_the_slash_folded_away()
    {
        var vault = TestVault.Of(("source.md", "[[a/b]]"), ("ab.md", ""));

        Assert.Equal(TargetStatus.Broken, ResolveWiki(vault).Status);
    }

    [Fact]
    public void A_self_link_resolves_to_its_own_heading()
    {
        var vault = TestVault.Of(("source.md", "# Top\n\nSee [[#Details]] and [[#Nowhere]].\n\n## Details\n"));

        var found = ResolveWiki(vault, index: 0);
        Assert.Equal(TargetStatus.Resolved, found.Status);
        Assert.Equal(MatchRank.Self, found.Rank);
        Assert.Equal("source.md", found.Target?.Path);
        Assert.Equal(FragmentStatus.Found, found.Fragment);
        Assert.Equal("Details", found.Heading?.Text);

        var missing = ResolveWiki(vault, index: 1);
        Assert.Equal(TargetStatus.Resolved, missing.Status);
        Assert.Equal(FragmentStatus.Missing, missing.Fragment);
        Assert.Null(missing.Heading);
    }

    [Theory]
    [InlineData("[[]]")]
    [InlineData("[[ | label]]")]
    [InlineData("[[#]]")]
    public void Empty_links_are_empty(string link)
    {
        var vault = TestVault.Of(("source.md", $"Text {link} here\n"));

        Assert.Equal(TargetStatus.Empty, ResolveWiki(vault).Status);
    }

    // Issue 12 item 11 changed this: a file-like target is not a note, but it must name an existing file, else it is broken.
    [Theory]
    [InlineData("![[diagram.png]]", TargetStatus.NotANote)]
    [InlineData("[[report.pdf]]", TargetStatus.NotANote)]
    [InlineData("[[absent.pdf]]", TargetStatus.Broken)]
    [InlineData("[[v1.2]]", TargetStatus.Broken)]
    [InlineData("[[Meeting 2024.01]]", TargetStatus.Broken)]
    [InlineData("[[missing.md]]", TargetStatus.Broken)]
    [InlineData("[[config.yaml]]", TargetStatus.Resolved)]
    public void A_wikilink_to_an_attachment_is_not_a_note_unless_a_note_answers_to_that_name(string link, TargetStatus expected)
    {
        var vault = TestVault.Of(("source.md", link), ("settings.md", "# config.yaml\n"));
        var snapshot = vault.Snapshot.WithOtherFiles(["assets/diagram.png", "report.pdf", "config.yaml"]);
        var note = vault.Note("source.md");

        Assert.Equal(expected, snapshot.Resolve(note, note.WikiLinks[0]).Status);
    }

    [Fact]
    public void A_missing_note_is_broken()
    {
        var vault = TestVault.Of(("source.md", "[[nowhere]]"), ("somewhere.md", ""));

        var resolution = ResolveWiki(vault);
        Assert.Equal(TargetStatus.Broken, resolution.Status);
        Assert.Empty(resolution.Candidates);
    }

    private const string Target = """
        # Guide

        ## The Intro!

        Text.

        ## Notes

        First notes.

        ## Notes

        More notes. ^Block-1

        - item ^list-id
        """;

    [Theory]
    [InlineData("[[guide#the intro]]", "The Intro!", 0)]
    [InlineData("[[guide#THE-INTRO]]", "The Intro!", 0)]
    [InlineData("[[guide#the-intro]]", "The Intro!", 0)]
    [InlineData("[[guide#Notes]]", "Notes", 0)]
    [InlineData("[[guide#notes-1]]", "Notes", 1)]
    [InlineData("[[guide#Guide]]", "Guide", 0)]
    public void Headings_match_by_key_or_by_anchor(string link, string headingText, int duplicateIndex)
    {
        var vault = TestVault.Of(("source.md", link), ("guide.md", Target));

        var resolution = ResolveWiki(vault);

        Assert.Equal(FragmentStatus.Found, resolution.Fragment);
        var expected = vault.Note("guide.md").Headings.Where(h => h.Text == headingText).ElementAt(duplicateIndex);
        Assert.Equal(expected, resolution.Heading);
    }

    [Fact]
    public void The_second_duplicate_heading_has_anchor_suffix_1()
    {
        var vault = TestVault.Of(("source.md", "[[guide#notes-1]] [[guide#notes]]"), ("guide.md", Target));

        var second = ResolveWiki(vault, index: 0).Heading!;
        var first = ResolveWiki(vault, index: 1).Heading!;
        Assert.NotEqual(first.Range, second.Range);
        Assert.True(second.Range.Start > first.Range.Start);
    }

    [Theory]
    [InlineData("[[guide#^Block-1]]", "Block-1")]
    [InlineData("[[guide#^block-1]]", "Block-1")]
    [InlineData("[[guide#^LIST-ID]]", "list-id")]
    public void Block_ids_match_case_insensitively(string link, string id)
    {
        var vault = TestVault.Of(("source.md", link), ("guide.md", Target));

        var resolution = ResolveWiki(vault);

        Assert.Equal(FragmentStatus.Found, resolution.Fragment);
        Assert.Equal(id, resolution.Block?.Id.TrimStart('^'));
    }

    [Theory]
    [InlineData("[[guide#Nowhere]]")]
    [InlineData("[[guide#^nowhere]]")]
    [InlineData("[[guide#notes-2]]")]
    public void A_missing_heading_or_block_is_reported_as_missing(string link)
    {
        var vault = TestVault.Of(("source.md", link), ("guide.md", Target));

        var resolution = ResolveWiki(vault);

        Assert.Equal(TargetStatus.Resolved, resolution.Status);
        Assert.Equal("guide.md", resolution.Target?.Path);
        Assert.Equal(FragmentStatus.Missing, resolution.Fragment);
    }

    [Fact]
    public void A_link_without_fragment_has_no_fragment_status()
    {
        var vault = TestVault.Of(("source.md", "[[guide]]"), ("guide.md", Target));

        Assert.Equal(FragmentStatus.None, ResolveWiki(vault).Fragment);
    }

    // ---------------------------------------------------------------- Markdown links (§5)

    [Theory]
    [InlineData("sub/source.md", "[t](b.md)", "sub/b.md")]
    [InlineData("source.md", "[t](sub/b.md)", "sub/b.md")]
    [InlineData("source.md", "[t](./sub/b.md)", "sub/b.md")]
    [InlineData("sub/source.md", "[t](../c.md)", "c.md")]
    [InlineData("sub/deeper/source.md", "[t](../../c.md)", "c.md")]
    [InlineData("sub/deeper/source.md", "[t](/sub/b.md)", "sub/b.md")]
    [InlineData("source.md", "[t](my%20note.md)", "my note.md")]
    [InlineData("source.md", "[t](<my note.md>)", "my note.md")]
    [InlineData("source.md", "[t](SUB/B.md)", "sub/b.md")]
    [InlineData("source.md", "[t](sub/b)", "sub/b.md")]
    [InlineData("source.md", "[t](long)", "long.markdown")]
    public void Markdown_links_resolve_relative_to_the_linking_note(string source, string link, string expected)
    {
        var vault = TestVault.Of((source, link), ("sub/b.md", ""), ("c.md", ""), ("my note.md", ""), ("long.markdown", ""));

        var resolution = ResolveMarkdown(vault, source);

        Assert.Equal(TargetStatus.Resolved, resolution.Status);
        Assert.Equal(MatchRank.Path, resolution.Rank);
        Assert.Equal(expected, resolution.Target?.Path);
    }

    [Fact]
    public void An_exact_path_wins_over_a_case_insensitive_one()
    {
        var vault = TestVault.Of(("source.md", "[t](Notes.md) [u](NOTES.md)"), ("notes.md", ""), ("Notes.md", ""));

        Assert.Equal("Notes.md", ResolveMarkdown(vault, index: 0).Target?.Path);
        Assert.Equal(TargetStatus.Ambiguous, ResolveMarkdown(vault, index: 1).Status);
    }

    // Issue 12 item 11 changed this: a missing file ("missing-picture.png") is broken now; existing files, folders and
    // paths out of the vault are still not notes.
    [Theory]
    [InlineData("[t](picture.png)", TargetStatus.NotANote)]
    [InlineData("[t](docs/manual.pdf)", TargetStatus.NotANote)]
    [InlineData("[t](missing-picture.png)", TargetStatus.Broken)]
    [InlineData("[t](folder)", TargetStatus.NotANote)]
    [InlineData("[t](../outside/picture.png)", TargetStatus.NotANote)]
    public void Links_to_files_that_are_not_notes_are_left_alone(string link, TargetStatus expected)
    {
        var vault = TestVault.Of(("source.md", link), ("folder/inside.md", ""));
        var snapshot = vault.Snapshot.WithOtherFiles(["picture.png", "docs/manual.pdf"]);
        var note = vault.Note("source.md");

        Assert.Equal(expected, snapshot.Resolve(note, note.MarkdownLinks[0]).Status);
    }

    [Theory]
    [InlineData("[t](missing.md)")]
    [InlineData("[t](sub/missing.markdown)")]
    [InlineData("[t](../outside.md)")]
    public void A_missing_note_path_is_broken(string link)
    {
        var vault = TestVault.Of(("source.md", link), ("sub/b.md", ""));

        Assert.Equal(TargetStatus.Broken, ResolveMarkdown(vault).Status);
    }

    [Theory]
    [InlineData("[t](guide.md#the-intro)", "The Intro!")]
    [InlineData("[t](guide.md#notes-1)", "Notes")]
    [InlineData("[t](guide.md#The%20Intro)", "The Intro!")]
    public void Markdown_fragments_match_by_anchor_then_by_key(string link, string heading)
    {
        var vault = TestVault.Of(("source.md", link), ("guide.md", Target));

        var resolution = ResolveMarkdown(vault);

        Assert.Equal(FragmentStatus.Found, resolution.Fragment);
        Assert.Equal(heading, resolution.Heading?.Text);
    }

    [Fact]
    public void Markdown_fragment_with_caret_names_a_block()
    {
        var vault = TestVault.Of(("source.md", "[t](guide.md#^list-id) [u](guide.md#^none)"), ("guide.md", Target));

        Assert.Equal("list-id", ResolveMarkdown(vault, index: 0).Block?.Id.TrimStart('^'));
        Assert.Equal(FragmentStatus.Missing, ResolveMarkdown(vault, index: 1).Fragment);
    }

    [Fact]
    public void A_fragment_only_markdown_link_points_into_its_own_note()
    {
        var vault = TestVault.Of(("source.md", "# Top\n\n[t](#details) [u](#nothing)\n\n## Details\n"));

        var found = ResolveMarkdown(vault, index: 0);
        Assert.Equal(MatchRank.Self, found.Rank);
        Assert.Equal("source.md", found.Target?.Path);
        Assert.Equal("Details", found.Heading?.Text);
        Assert.Equal(FragmentStatus.Missing, ResolveMarkdown(vault, index: 1).Fragment);
    }

    [Fact]
    public void Changing_note_extensions_changes_what_is_a_note()
    {
        var vault = TestVault.Of(("source.md", "[t](plain.txt) [[plain.txt]]"));
        var withText = vault.Snapshot.WithNote(Parsing.NoteParser.Parse("plain.txt", "text"));
        var source = withText.GetNote("source.md")!;

        var notes = withText.WithNoteExtensions([".md", ".txt"]);

        Assert.Equal(TargetStatus.Resolved, withText.Resolve(source, source.MarkdownLinks[0]).Status);
        Assert.Equal([".md", ".txt"], notes.NoteExtensions.ToArray());
        Assert.Equal("plain.txt", notes.Resolve(source, source.WikiLinks[0]).Target?.Path);
        // Issue 12 item 11: a file-like target must name an existing file; as a file of the vault it is one.
        Assert.Equal(TargetStatus.Broken, withText.Resolve(source, source.WikiLinks[0]).Status);
        Assert.Equal(TargetStatus.NotANote, withText.WithOtherFiles(["plain.txt"]).Resolve(source, source.WikiLinks[0]).Status);
    }

    [Fact]
    public void Notes_with_key_finds_stems_titles_and_aliases()
    {
        var vault = TestVault.Of(
            ("space-x.md", ""),
            ("rocket.md", "---\ntitle: Space X\n---\n"),
            ("other.md", "---\naliases: [spacex]\n---\n"),
            ("unrelated.md", ""));

        Assert.Equal(["other.md", "rocket.md", "space-x.md"], vault.Snapshot.NotesWithKey("spacex").Select(n => n.Path));
        Assert.Empty(vault.Snapshot.NotesWithKey("nothing"));
    }

    private static TestVault WithAttachments() => TestVault.Of(
        ("notes/source.md", "[[pic.png]] [[img/pic.png]] [[/pic.png]] [[PIC.PNG]] [[missing.final]] [[other.png]]\n"
            + "[a](../img/pic.png) [b](pic.png) [c](../img/Pic.PNG) [d](../img) [e](../img/nope.png)\n"),
        ("elsewhere.md", "x"));

    private static VaultSnapshot AttachmentSnapshot(TestVault vault) =>
        vault.Snapshot.WithOtherFiles(["img/pic.png", "notes/pic.png", "deep/down/img/pic.png", "other.png"]);

    [Fact]
    public void A_wikilink_naming_a_file_resolves_to_it_preferring_the_source_folder_then_the_shortest_path()
    {
        var vault = WithAttachments();
        var snapshot = AttachmentSnapshot(vault);
        var note = vault.Note("notes/source.md");
        var results = note.WikiLinks.Select(l => snapshot.Resolve(note, l)).ToList();
        Assert.All(new[] { results[0], results[1], results[3], results[5] }, r => Assert.Equal(TargetStatus.NotANote, r.Status));
        Assert.Equal("notes/pic.png", results[0].File);      // the source's own folder first
        Assert.Equal("img/pic.png", results[1].File);        // a vault path, exactly
        Assert.Null(results[2].File);                         // rooted: no /pic.png at the vault root
        Assert.Equal(TargetStatus.Broken, results[2].Status);
        Assert.Equal("notes/pic.png", results[3].File);      // the name ignoring case
        Assert.Equal(TargetStatus.Broken, results[4].Status); // a file-like name that matches nothing
        Assert.Equal("other.png", results[5].File);
    }

    [Fact]
    public void A_markdown_link_to_an_existing_file_resolves_to_it_and_a_missing_one_is_broken()
    {
        var vault = WithAttachments();
        var snapshot = AttachmentSnapshot(vault);
        var note = vault.Note("notes/source.md");
        var results = note.MarkdownLinks.Select(l => snapshot.Resolve(note, l)).ToList();
        Assert.Equal(("img/pic.png", TargetStatus.NotANote), (results[0].File, results[0].Status));
        Assert.Equal("notes/pic.png", results[1].File);       // relative to the source's folder
        Assert.Equal("img/pic.png", results[2].File);         // ignoring case
        Assert.Equal((null, TargetStatus.NotANote), (results[3].File, results[3].Status)); // no extension: may be a folder
        Assert.Equal(TargetStatus.Broken, results[4].Status);

        // Without the files the same links are broken; a deleted folder takes its files along.
        var without = snapshot.WithoutOtherFiles("img").WithoutOtherFiles("notes/pic.png");
        Assert.Equal(TargetStatus.Broken, without.Resolve(note, note.MarkdownLinks[0]).Status);
        Assert.Equal("deep/down/img/pic.png", without.Resolve(note, note.WikiLinks[1]).File); // path suffix
        Assert.Equal(["deep/down/img/pic.png", "other.png"], without.OtherFiles.Order(StringComparer.Ordinal));
        // A note edit keeps the files known.
        Assert.Equal("other.png", without.WithNote(Parsing.NoteParser.Parse("elsewhere.md", "y")).Resolve(note, note.WikiLinks[5]).File);
    }

    [Fact]
    public void Notes_whose_links_name_a_file_are_found_by_its_name_and_its_path()
    {
        var vault = WithAttachments().With("unrelated.md", "[[pic]] [x](img/other.png)");
        var snapshot = vault.Snapshot.WithOtherFile("img/pic.png");
        Assert.Equal(["notes/source.md"], snapshot.NotesLinkingToFile("img/pic.png"));
        Assert.Equal(["notes/source.md"], snapshot.NotesLinkingToFile("x/y/other.png"));
    }
}
