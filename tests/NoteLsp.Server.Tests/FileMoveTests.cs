using System.Text.Json;
using NoteLsp.Server.Tests.Fixture;

namespace NoteLsp.Server.Tests;

/// <summary>Issue 12: a move (workspace/willRenameFiles) changes only the links it breaks, each in its own form.</summary>
public class FileMoveTests
{
    private static async Task<JsonElement> Move(LspSession session, TempVault vault, string from, string to) =>
        await session.Request("workspace/willRenameFiles", new { files = new[] { new { oldUri = vault.Uri(from), newUri = vault.Uri(to) } } });

    private static void ApplyAndMove(JsonElement edit, TempVault vault, string from, string to)
    {
        if (edit.ValueKind != JsonValueKind.Null) EditApplier.Apply(edit);
        Directory.CreateDirectory(Path.GetDirectoryName(vault.PathOf(to))!);
        File.Move(vault.PathOf(from), vault.PathOf(to));
    }

    [Fact]
    public async Task A_link_by_file_name_follows_a_rename_even_when_the_title_would_still_reach_the_note()
    {
        using var vault = new TempVault(new Dictionary<string, string>
        {
            ["star_party_checklist.md"] = "---\ntitle: Star party checklist\naliases: [Dark-site list]\n---\nText.\n",
            ["linker.md"] = "[[star_party_checklist]] and [[Star party checklist|named]] and [[Dark-site list]]\n",
        });
        await using var session = await LspSession.StartAsync(vault);

        var edit = await Move(session, vault, "star_party_checklist.md", "packing_for_the_dark.md");
        ApplyAndMove(edit, vault, "star_party_checklist.md", "packing_for_the_dark.md");

        // Both first links matched the file name (by key) and would reach the note only through its title after the move:
        // they keep naming the file. The alias link reaches it the same way before and after, and is left as written.
        Assert.Equal("[[packing_for_the_dark]] and [[packing_for_the_dark|named]] and [[Dark-site list]]\n", vault.Read("linker.md"));
        Assert.Empty(VaultCheck.Problems(vault.Root));
    }

    [Fact]
    public async Task Moving_a_note_to_a_folder_leaves_links_that_still_resolve_and_rewrites_the_others_in_their_form()
    {
        const string Linker = """
            [[target.md]] [[ target ]] [[target|label]] [[Target Title]] [[/target]] [[/target.md|rooted]]
            [a](./target.md#intro) [b](target) [c](<target.md>) [d](/target.md) [e](sub/../target.md)
            """;
        using var vault = new TempVault(new Dictionary<string, string>
        {
            ["target.md"] = "---\ntitle: Target Title\n---\n## Intro\n\n[up](other/far.md) [pdf](files/doc.pdf) [self](#intro)\n",
            ["linker.md"] = Linker,
            ["other/far.md"] = "[[target]]\n",
            ["files/doc.pdf"] = "%PDF-1.4\n", // an attachment: its relative link must follow the move
        });
        await using var session = await LspSession.StartAsync(vault);
        var edit = await Move(session, vault, "target.md", "archive/target.md");

        var changes = edit.GetProperty("documentChanges").EnumerateArray().ToDictionary(c => c.GetProperty("textDocument").GetProperty("uri").GetString()!, c => c.GetProperty("edits"));
        Assert.Equal([vault.Uri("linker.md"), vault.Uri("target.md")], changes.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("""
            [[target.md]] [[ target ]] [[target|label]] [[Target Title]] [[/archive/target]] [[/archive/target.md|rooted]]
            [a](./archive/target.md#intro) [b](archive/target) [c](<archive/target.md>) [d](/archive/target.md) [e](archive/target.md)
            """, EditApplier.ApplyTextEdits(Linker, changes[vault.Uri("linker.md")]));

        ApplyAndMove(edit, vault, "target.md", "archive/target.md");
        Assert.Equal("---\ntitle: Target Title\n---\n## Intro\n\n[up](../other/far.md) [pdf](../files/doc.pdf) [self](#intro)\n", vault.Read("archive/target.md"));
        Assert.Empty(VaultCheck.Problems(vault.Root));
    }

    [Fact]
    public async Task Renaming_a_file_keeps_extension_label_spacing_and_percent_encoding()
    {
        const string Linker = "[[my note.md|x]] [[ my note ]] [[sub/my note]] [p](sub/my%20note.md#top) [q](<sub/my note.md>)\n";
        using var vault = new TempVault(new Dictionary<string, string>
        {
            ["sub/my note.md"] = "## Top\n",
            ["linker.md"] = Linker,
        });
        await using var session = await LspSession.StartAsync(vault);
        var edit = await Move(session, vault, "sub/my note.md", "sub/your note.md");
        var linkerEdits = edit.GetProperty("documentChanges").EnumerateArray().Single().GetProperty("edits");
        Assert.Equal("[[your note.md|x]] [[ your note ]] [[sub/your note]] [p](sub/your%20note.md#top) [q](<sub/your note.md>)\n",
            EditApplier.ApplyTextEdits(Linker, linkerEdits));

        ApplyAndMove(edit, vault, "sub/my note.md", "sub/your note.md");
        Assert.Empty(VaultCheck.Problems(vault.Root));
    }

    [Fact]
    public async Task Renaming_the_note_from_a_link_keeps_each_link_form_too()
    {
        const string Linker = "[[my note.md|x]] [[ my note ]] [[sub/my note]] [p](sub/my%20note.md#top) [q](<sub/my note.md>)\n";
        using var vault = new TempVault(new Dictionary<string, string> { ["sub/my note.md"] = "## Top\n", ["linker.md"] = Linker });
        await using var session = await LspSession.StartAsync(vault);
        var (line, start, _, _) = TextAt.Range(Linker, "my note ]]");
        var edit = await session.Request("textDocument/rename", new { textDocument = new { uri = vault.Uri("linker.md") }, position = new { line, character = start + 1 }, newName = "your note" });
        var linkerEdits = edit.GetProperty("documentChanges").EnumerateArray().Single(c => c.TryGetProperty("textDocument", out _)).GetProperty("edits");
        Assert.Equal("[[your note.md|x]] [[ your note ]] [[sub/your note]] [p](sub/your%20note.md#top) [q](<sub/your note.md>)\n",
            EditApplier.ApplyTextEdits(Linker, linkerEdits));

        EditApplier.Apply(edit);
        Assert.True(vault.Exists("sub/your note.md"));
        Assert.Empty(VaultCheck.Problems(vault.Root));
    }

    [Fact]
    public async Task A_move_that_gives_a_note_the_stem_of_another_qualifies_the_links_it_would_make_ambiguous()
    {
        using var vault = new TempVault(new Dictionary<string, string>
        {
            ["a/plan.md"] = "# A plan\n",
            ["b/draft.md"] = "No heading: titled by its stem.\n",
            ["linker.md"] = "[[plan]] and [[draft]]\n",
        });
        await using var session = await LspSession.StartAsync(vault);
        var edit = await Move(session, vault, "b/draft.md", "b/plan.md");
        var linkerEdits = edit.GetProperty("documentChanges").EnumerateArray().Single().GetProperty("edits");
        Assert.Equal("[[a/plan]] and [[b/plan]]\n", EditApplier.ApplyTextEdits("[[plan]] and [[draft]]\n", linkerEdits));

        ApplyAndMove(edit, vault, "b/draft.md", "b/plan.md");
        Assert.Empty(VaultCheck.Problems(vault.Root));
    }
}
