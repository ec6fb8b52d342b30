using System.Text.Json;
using NoteLsp.Server.Tests.Fixture;

namespace NoteLsp.Server.Tests;

/// <summary>
/// Issue 12: renames keep a heading's markup and the links inside it, follow headings whose text a note rename changes,
/// and act on block ids. Each edit is asserted exactly, applied to the files, and the vault is checked afresh.
/// </summary>
public class RenameMarkupAndBlockTests
{
    private static object At(string uri, string text, string find, int offset = 1) =>
        LspSession.At(uri, TextAt.Range(text, find).Line, TextAt.Range(text, find).Start + offset);

    private static object RenameAt(string uri, string text, string find, string newName, int offset = 1)
    {
        var (line, start, _, _) = TextAt.Range(text, find);
        return new { textDocument = new { uri }, position = new { line, character = start + offset }, newName };
    }

    private static object ReferencesAt(string uri, string text, string find, int offset = 1)
    {
        var (line, start, _, _) = TextAt.Range(text, find);
        return new { textDocument = new { uri }, position = new { line, character = start + offset }, context = new { includeDeclaration = false } };
    }

    /// <summary>Each edited note's text after its edits (by vault-relative path).</summary>
    private static Dictionary<string, string> EditsByFile(JsonElement edit, TempVault vault, Dictionary<string, string> texts)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var change in edit.GetProperty("documentChanges").EnumerateArray().Where(c => c.TryGetProperty("textDocument", out _)))
        {
            var uri = change.GetProperty("textDocument").GetProperty("uri").GetString();
            var path = texts.Keys.Single(p => vault.Uri(p) == uri);
            result[path] = EditApplier.ApplyTextEdits(texts[path], change.GetProperty("edits"));
        }
        return result;
    }

    [Theory]
    [InlineData("**Bold** heading", "Bold heading", "bold-heading", "**Bold** heading 2", "Bold heading 2", "bold-heading-2")]
    [InlineData("Using `code` and *em*", "Using code and em", "using-code-and-em", "Using `code` and *more em*", "Using code and more em", "using-code-and-more-em")]
    [InlineData("__Strong__ _start_", "Strong start", "strong-start", "__Strong__ _end_", "Strong end", "strong-end")]
    public async Task A_heading_is_renamed_by_its_source_so_its_markup_stays_and_links_get_its_text_or_anchor(
        string source, string text, string anchor, string newSource, string newText, string newAnchor)
    {
        var files = new Dictionary<string, string>
        {
            ["target.md"] = $"# Target\n\n## {source}\n\nBody.\n",
            ["linker.md"] = $"[[target#{text}]] and [[target#{anchor}|by anchor]] and [md](target.md#{anchor}).\n",
        };
        using var vault = new TempVault(files);
        await using var session = await LspSession.StartAsync(vault);

        // On the heading: the placeholder is the source as written, over the source's range.
        var prepare = await session.Request("textDocument/prepareRename", At(vault.Uri("target.md"), files["target.md"], source));
        JsonAssert.Equal($$"""{ "range": {{TextAt.Json(files["target.md"], source)}}, "placeholder": {{JsonSerializer.Serialize(source)}} }""", prepare);
        // From a link's heading part: the same placeholder (the heading's source is what gets renamed).
        var fromLink = await session.Request("textDocument/prepareRename", At(vault.Uri("linker.md"), files["linker.md"], text));
        Assert.Equal(source, fromLink.GetProperty("placeholder").GetString());

        var edit = await session.Request("textDocument/rename", RenameAt(vault.Uri("linker.md"), files["linker.md"], text, newSource));
        var after = EditsByFile(edit, vault, files);
        Assert.Equal($"# Target\n\n## {newSource}\n\nBody.\n", after["target.md"]);
        Assert.Equal($"[[target#{newText}]] and [[target#{newAnchor}|by anchor]] and [md](target.md#{newAnchor}).\n", after["linker.md"]);

        EditApplier.Apply(edit);
        Assert.Equal(after["target.md"], vault.Read("target.md"));
        Assert.Empty(VaultCheck.Problems(vault.Root));
    }

    [Fact]
    public async Task Renaming_a_heading_keeps_the_wikilink_inside_it_and_the_backlink_it_makes()
    {
        var files = new Dictionary<string, string>
        {
            ["target.md"] = "# Target\n\n## Heading with [[other]] link\n",
            ["other.md"] = "No title heading: the title is the stem.\n",
            ["linker.md"] = "[[target#Heading with other link]]\n",
        };
        using var vault = new TempVault(files);
        await using var session = await LspSession.StartAsync(vault);

        var prepare = await session.Request("textDocument/prepareRename", At(vault.Uri("target.md"), files["target.md"], "Heading with"));
        Assert.Equal("Heading with [[other]] link", prepare.GetProperty("placeholder").GetString());
        var edit = await session.Request("textDocument/rename", RenameAt(vault.Uri("target.md"), files["target.md"], "Heading with", "Heading with [[other]] link 2"));
        var after = EditsByFile(edit, vault, files);
        Assert.Equal("# Target\n\n## Heading with [[other]] link 2\n", after["target.md"]);
        Assert.Equal("[[target#Heading with other link 2]]\n", after["linker.md"]);

        EditApplier.Apply(edit);
        Assert.Empty(VaultCheck.Problems(vault.Root));
        // other.md still has its backlink from the heading.
        var snapshot = VaultCheck.Scan(vault.Root);
        Assert.Equal(["target.md"], snapshot.LinksTo("other.md").Select(r => r.Source.Path));
    }

    [Fact]
    public async Task Renaming_a_note_linked_from_a_heading_rewrites_the_links_to_that_heading()
    {
        var files = new Dictionary<string, string>
        {
            ["target.md"] = "# Target\n\n## Heading with [[other]] link\n",
            ["other.md"] = "No title heading: the title is the stem.\n",
            ["linker.md"] = "[[target#Heading with other link]], [[target#heading-with-other-link|anchor]], [m](target.md#heading-with-other-link) and [[other]].\n",
        };
        using var vault = new TempVault(files);
        await using var session = await LspSession.StartAsync(vault);

        var edit = await session.Request("textDocument/rename", RenameAt(vault.Uri("linker.md"), files["linker.md"], "[[other]]", "another", offset: 3));
        var after = EditsByFile(edit, vault, files);
        Assert.Equal("# Target\n\n## Heading with [[another]] link\n", after["target.md"]);
        Assert.Equal("[[target#Heading with another link]], [[target#heading-with-another-link|anchor]], [m](target.md#heading-with-another-link) and [[another]].\n", after["linker.md"]);

        EditApplier.Apply(edit);
        Assert.True(vault.Exists("another.md"));
        Assert.Empty(VaultCheck.Problems(vault.Root));
    }

    [Fact]
    public async Task A_title_heading_that_holds_a_link_follows_a_rename_of_the_linked_note_and_so_do_links_by_title()
    {
        var files = new Dictionary<string, string>
        {
            ["target.md"] = "# About [[other]]\n",
            ["other.md"] = "No title heading: the title is the stem.\n",
            ["linker.md"] = "[[About other|label]] and [[target#About other]] and [[other]].\n",
        };
        using var vault = new TempVault(files);
        await using var session = await LspSession.StartAsync(vault);

        var edit = await session.Request("textDocument/rename", RenameAt(vault.Uri("linker.md"), files["linker.md"], "[[other]]", "another", offset: 3));
        var after = EditsByFile(edit, vault, files);
        Assert.Equal("# About [[another]]\n", after["target.md"]);
        Assert.Equal("[[About another|label]] and [[target#About another]] and [[another]].\n", after["linker.md"]);

        EditApplier.Apply(edit);
        Assert.Empty(VaultCheck.Problems(vault.Root));
    }

    [Fact]
    public async Task Moving_a_note_linked_from_a_heading_rewrites_the_links_to_that_heading()
    {
        var files = new Dictionary<string, string>
        {
            ["target.md"] = "# Target\n\n## Heading with [[other]] link\n",
            ["other.md"] = "No title heading: the title is the stem.\n",
            ["linker.md"] = "[[target#Heading with other link]]\n",
        };
        using var vault = new TempVault(files);
        await using var session = await LspSession.StartAsync(vault);

        var edit = await session.Request("workspace/willRenameFiles", new { files = new[] { new { oldUri = vault.Uri("other.md"), newUri = vault.Uri("another.md") } } });
        var after = EditsByFile(edit, vault, files);
        Assert.Equal("# Target\n\n## Heading with [[another]] link\n", after["target.md"]);
        Assert.Equal("[[target#Heading with another link]]\n", after["linker.md"]);

        EditApplier.Apply(edit);
        File.Move(vault.PathOf("other.md"), vault.PathOf("another.md"));
        Assert.Empty(VaultCheck.Problems(vault.Root));
    }

    [Fact]
    public async Task References_and_rename_on_a_block_id_act_on_the_block_not_the_note()
    {
        var files = new Dictionary<string, string>
        {
            ["target.md"] = "# Target\n\nThe intro paragraph. ^intro-block\n\nAnother one. ^other-block\n",
            ["linker.md"] = "[[target#^intro-block]] and [[target]] and [m](target.md#^intro-block) and [[target#^other-block]].\n",
        };
        using var vault = new TempVault(files);
        await using var session = await LspSession.StartAsync(vault);
        var blockLinks = new[]
        {
            (vault.Uri("linker.md"), TextAt.Range(files["linker.md"], "[[target#^intro-block]]")),
            (vault.Uri("linker.md"), TextAt.Range(files["linker.md"], "[m](target.md#^intro-block)")),
        };

        // On "^intro-block" in the link (the caret too) and on the marker in target.md: the two links to that block only.
        foreach (var at in new[]
        {
            ReferencesAt(vault.Uri("linker.md"), files["linker.md"], "^intro-block", 0),
            ReferencesAt(vault.Uri("linker.md"), files["linker.md"], "^intro-block", 4),
            ReferencesAt(vault.Uri("target.md"), files["target.md"], "^intro-block", 3),
        })
        {
            var found = await session.Request("textDocument/references", at);
            Assert.Equal(blockLinks, found.EnumerateArray().Select(l => (l.GetProperty("uri").GetString()!, JsonAssert.RangeOf(l.GetProperty("range")))));
        }
        // On the target part the note's backlinks are still every link to it.
        var onTarget = await session.Request("textDocument/references", ReferencesAt(vault.Uri("linker.md"), files["linker.md"], "target#^intro", 2));
        Assert.Equal(4, onTarget.GetArrayLength());

        var prepare = await session.Request("textDocument/prepareRename", At(vault.Uri("target.md"), files["target.md"], "^intro-block", 2));
        JsonAssert.Equal($$"""{ "range": {{TextAt.Json(files["target.md"], "intro-block")}}, "placeholder": "intro-block" }""", prepare);

        var (code, message) = await Errors.CodeOf(() => session.Request("textDocument/rename", RenameAt(vault.Uri("linker.md"), files["linker.md"], "^intro-block", "bad id!")));
        Assert.Equal(-32803, code);
        Assert.Contains("block id", message);
        (code, _) = await Errors.CodeOf(() => session.Request("textDocument/rename", RenameAt(vault.Uri("linker.md"), files["linker.md"], "^intro-block", "other-block")));
        Assert.Equal(-32803, code);

        var edit = await session.Request("textDocument/rename", RenameAt(vault.Uri("linker.md"), files["linker.md"], "^intro-block", "^opening-2", offset: 3));
        Assert.DoesNotContain(edit.GetProperty("documentChanges").EnumerateArray(), c => c.TryGetProperty("kind", out _));
        var after = EditsByFile(edit, vault, files);
        Assert.Equal("# Target\n\nThe intro paragraph. ^opening-2\n\nAnother one. ^other-block\n", after["target.md"]);
        Assert.Equal("[[target#^opening-2]] and [[target]] and [m](target.md#^opening-2) and [[target#^other-block]].\n", after["linker.md"]);

        EditApplier.Apply(edit);
        Assert.True(vault.Exists("target.md"));
        Assert.Empty(VaultCheck.Problems(vault.Root));
    }
}
