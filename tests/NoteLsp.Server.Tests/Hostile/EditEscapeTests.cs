using NoteLsp.Server.Tests.Fixture;

namespace NoteLsp.Server.Tests.Hostile;

/// <summary>
/// A vault full of traps for an edit: files the index skips (ignored, too big, hidden, in node_modules), a folder with a
/// note's name, a dangling link, links to a file and a folder outside the vault. Only the notes in
/// <see cref="IndexedNotes"/> may be edited; nothing else may be written.
/// </summary>
public sealed class TrapVault : IAsyncLifetime
{
    public const string Config = "ignore:\n  - drafts/**\n  - secret.md\nmaxFileBytes: 4000\n";

    public TempVault Vault { get; } = new();

    /// <summary>A folder beside the vault, reached only through links.</summary>
    public string Outside { get; } = Path.Combine(Path.GetTempPath(), "notelsp-outside-" + Guid.NewGuid().ToString("N")[..10]);

    public LspSession Session { get; private set; } = null!;

    public List<string> IndexedNotes { get; } = [];

    public void WriteNote(string relative, string text)
    {
        Vault.Write(relative, text);
        IndexedNotes.Add(Vault.PathOf(relative));
    }

    public async Task InitializeAsync()
    {
        File.WriteAllText(Vault.PathOf(".notelsp.yml"), Config);
        WriteNote("alpha.md", "# Alpha\n\nSee [[beta]] and [b](sub/beta.md).\n");
        WriteNote("sub/beta.md", "# Beta\n\nBack to [[alpha]] and [a](../alpha.md).\n");
        WriteNote("index.md", "# Index\n");
        Vault.Write("drafts/plan.md", "# Plan (ignored)\n");
        Vault.Write("secret.md", "# Secret (ignored)\n");
        Vault.Write("big.md", "# Big\n" + new string('x', 5000));
        Vault.Write("folder.md/inside.md", "# Inside a folder named like a note\n");
        IndexedNotes.Add(Vault.PathOf("folder.md/inside.md"));
        Vault.Write(".hidden/note.md", "# Hidden\n");
        Vault.Write("node_modules/pkg/readme.md", "# Package\n");
        Vault.Write("notes.txt", "not a note\n");
        Directory.CreateDirectory(Outside);
        File.WriteAllText(Path.Combine(Outside, "target.md"), "# Outside\n");
        File.CreateSymbolicLink(Vault.PathOf("dangling.md"), Vault.PathOf("nowhere/gone.md"));
        File.CreateSymbolicLink(Vault.PathOf("outlink.md"), Path.Combine(Outside, "target.md"));
        Directory.CreateSymbolicLink(Vault.PathOf("escape"), Outside);
        Session = await LspSession.StartAsync(Vault);
    }

    public async Task DisposeAsync()
    {
        await Session.DisposeAsync();
        Vault.Dispose();
        Directory.Delete(Outside, recursive: true);
    }
}

/// <summary>
/// Issue 11.1: a quick fix for a link must never write outside the vault or into a file that exists. Each link below is
/// broken; its fixes (through the real protocol) may only create a new note inside the vault, with a CreateFile that
/// fails rather than touch an existing file.
/// </summary>
public class EditEscapeTests(TrapVault trap) : IClassFixture<TrapVault>
{
    /// <summary>The expected "Create note" path ("" = none may be offered).</summary>
    public static TheoryData<string, string, string> Links => new()
    {
        // Wikilinks: a folder part is a path from the vault root, never a climb out of it.
        { "index.md", "[[../../etc/hosts]]", "" },
        { "index.md", "[[ ../x ]]", "" },
        { "index.md", "[[./../x]]", "" },
        { "index.md", "[[sub/../../x]]", "" },
        { "index.md", "[[sub/./x]]", "" },
        { "index.md", "[[/../x]]", "" },
        { "index.md", "[[//server/share/x]]", "" },
        { "index.md", "[[C:/Windows/x]]", "" },
        { "index.md", "[[%2e%2e/x]]", "" },
        { "index.md", "[[ .. /x]]", "" },
        { "index.md", "[[/etc/x]]", "etc/x.md" }, // '/' first: the vault's root
        { "index.md", "[[..\\..\\x]]", "x.md" }, // one name, slugged: "x"
        { "index.md", "[[drafts/plan]]", "" }, // exists, ignored by the config
        { "index.md", "[[secret]]", "" }, // exists, ignored by the config
        { "index.md", "[[big]]", "" }, // exists, over maxFileBytes
        { "index.md", "[[folder]]", "" }, // a folder named folder.md
        { "index.md", "[[dangling]]", "" }, // a dangling link
        { "index.md", "[[outlink]]", "" }, // a link to a file outside
        { "index.md", "[[escape/x]]", "" }, // a folder link to outside
        { "index.md", "[[.hidden/note]]", "" },
        { "index.md", "[[node_modules/pkg/readme]]", "" },
        { "index.md", "[[con]]", "" }, // Windows device name
        // Markdown links: relative to the linking note, '/' = the vault root, percent-decoded.
        { "index.md", "[a](../../etc/hosts.md)", "" },
        { "index.md", "[a](<../x.md>)", "" },
        { "index.md", "[a](< ../x.md >)", "" },
        { "index.md", "[a](./../x.md)", "" },
        { "index.md", "[a](sub/../../x.md)", "" },
        { "index.md", "[a](%2e%2e/x.md)", "" },
        { "index.md", "[a](%2e%2e%2fx.md)", "" },
        { "index.md", "[a](.%2e/.%2e/x.md)", "" },
        { "index.md", "[a](%252e%252e/x.md)", "" },
        { "index.md", "[a](..\\..\\x.md)", "" },
        { "index.md", "[a](<sub\\..\\..\\x.md>)", "" },
        { "index.md", "[a](//etc/x.md)", "" },
        { "index.md", "[a](/etc/x.md)", "etc/x.md" },
        { "index.md", "[a](drafts/plan.md)", "" },
        { "index.md", "[a](secret.md)", "" },
        { "index.md", "[a](big.md)", "" },
        { "index.md", "[a](folder.md)", "" },
        { "index.md", "[a](dangling.md)", "" },
        { "index.md", "[a](outlink.md)", "" },
        { "index.md", "[a](escape/x.md)", "" },
        { "index.md", "[a](escape/target.md)", "" },
        { "index.md", "[a](.hidden/note.md)", "" },
        { "index.md", "[a](node_modules/pkg/readme.md)", "" },
        { "index.md", "[a](nul.md)", "" },
        { "index.md", "[a](sub/LPT9.md)", "" },
        { "sub/beta.md", "[a](../../x.md)", "" },
        { "sub/beta.md", "[a](../x.md)", "x.md" },
        { "sub/beta.md", "[a](../escape/x.md)", "" },
    };

    [Theory]
    [MemberData(nameof(Links))]
    public async Task A_quick_fix_for_a_hostile_link_creates_only_a_new_note_inside_the_vault(string notePath, string link, string expectedCreate)
    {
        var session = trap.Session;
        var uri = trap.Vault.Uri(notePath);
        var text = trap.Vault.Read(notePath) + "\n" + link + "\n";
        var line = text.Split('\n').Length - 2;
        await session.Open(uri, text);
        try
        {
            var actions = await session.Request("textDocument/codeAction", new
            {
                textDocument = new { uri },
                range = LspSession.Range(line, 0, line, link.Length),
                context = new { diagnostics = Array.Empty<object>() },
            });
            var creates = new List<string>();
            foreach (var action in actions.EnumerateArray())
            {
                var what = $"{link} in {notePath}: \"{action.GetProperty("title").GetString()}\"";
                EditSafety.AssertSafe(action.GetProperty("edit"), trap.Vault.Root, trap.IndexedNotes, what);
                foreach (var change in action.GetProperty("edit").GetProperty("documentChanges").EnumerateArray())
                {
                    if (change.TryGetProperty("kind", out var kind) && kind.GetString() == "create") creates.Add(change.GetProperty("uri").GetString()!);
                }
            }
            Assert.Equal(expectedCreate.Length == 0 ? [] : [trap.Vault.Uri(expectedCreate)], creates);
        }
        finally
        {
            await session.Close(uri);
        }
    }

    [Theory]
    [InlineData("secret", "ignore globs")] // an ignored file
    [InlineData("big", "already exists")] // a file over maxFileBytes
    [InlineData("dangling", "already exists")] // a dangling link
    [InlineData("outlink", "already exists")] // a link to a file outside the vault
    [InlineData("folder", "already exists")] // a folder
    public async Task Renaming_a_note_onto_a_file_the_index_skips_is_refused_with_the_reason(string newName, string reason)
    {
        var session = trap.Session;
        var uri = trap.Vault.Uri("sub/beta.md");
        var text = trap.Vault.Read("sub/beta.md");
        var (line, start, _, _) = TextAt.Range(text, "alpha");
        // [[alpha]] names alpha.md (in the vault's root, beside the traps) by its stem: renaming it renames the file.
        var (code, message) = await Errors.CodeOf(() => session.Request("textDocument/rename", new
        {
            textDocument = new { uri },
            position = new { line, character = start + 1 },
            newName,
        }));
        Assert.Equal(-32803, code);
        Assert.Contains(reason, message);
        Assert.Contains($"{newName}.md", message);
    }

    [Theory]
    [InlineData("sub/beta.md", "../moved.md")] // out of the vault: nothing can keep pointing at it
    [InlineData("sub/beta.md", "escape/moved.md")] // into a linked folder outside
    [InlineData("sub", "../elsewhere")] // a folder out of the vault
    [InlineData("sub/beta.md", "drafts/beta.md")] // into an ignored folder
    [InlineData("alpha.md", "sub/../../alpha.md")] // ".." in the URI itself
    [InlineData("alpha.md", "sub/moved.md")] // an ordinary move: its link edits too
    public async Task Link_updates_for_a_moved_file_edit_only_notes_of_the_index(string from, string to)
    {
        var session = trap.Session;
        var edit = await session.Request("workspace/willRenameFiles", new
        {
            files = new[] { new { oldUri = trap.Vault.Uri(from), newUri = trap.Vault.RootUri + "/" + to } },
        });
        EditSafety.AssertSafe(edit, trap.Vault.Root, trap.IndexedNotes, $"willRenameFiles {from} -> {to}");
    }
}
