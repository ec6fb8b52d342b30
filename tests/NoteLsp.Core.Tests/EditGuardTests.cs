using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NoteLsp.Core.Config;
using NoteLsp.Core.Edits;
using NoteLsp.Core.Index;
using NoteLsp.Core.Parsing;
using NoteLsp.Core.Paths;

namespace NoteLsp.Core.Tests;

public class VaultPathsTests
{
    [Theory]
    [InlineData("a.md", "a.md")]
    [InlineData("sub/./a.md", "sub/a.md")]
    [InlineData("sub//a.md", "sub/a.md")]
    [InlineData("sub/x/../a.md", "sub/a.md")]
    [InlineData("日本/ノート.md", "日本/ノート.md")]
    [InlineData("../a.md", null)]
    [InlineData("sub/../../a.md", null)]
    [InlineData("/etc/hosts.md", null)]
    [InlineData("//server/share/a.md", null)]
    [InlineData("C:/a.md", null)]
    [InlineData("c:a.md", null)]
    [InlineData("..\\a.md", null)]
    [InlineData("sub\\a.md", null)]
    [InlineData(" ../a.md", null)]
    [InlineData("sub/ .. /a.md", null)]
    [InlineData("%2e%2e/a.md", null)]
    [InlineData("%2E./a.md", null)]
    [InlineData("%252e%252e/a.md", null)]
    [InlineData("a%2fb.md", null)]
    [InlineData("a%5cb.md", null)]
    [InlineData("a\nb.md", null)]
    [InlineData("sub/..", null)]
    [InlineData("", null)]
    public void Normalize_folds_dots_and_refuses_whatever_could_leave_the_vault(string path, string? expected) =>
        Assert.Equal(expected, VaultPaths.Normalize(path));

    [Theory]
    [InlineData("notes", "../a.md", "a.md")]
    [InlineData("notes", "/a.md", "a.md")]
    [InlineData("", "../a.md", null)]
    [InlineData("notes", "//a.md", null)]
    [InlineData("notes/deep", "../../../etc/hosts.md", null)]
    public void Resolve_reads_a_link_path_from_the_linking_notes_folder(string folder, string written, string? expected) =>
        Assert.Equal(expected, VaultPaths.Resolve(folder, written));

    [Theory]
    [InlineData("CON")]
    [InlineData("con.md")]
    [InlineData("Nul.tar.md")]
    [InlineData("aux .md")]
    [InlineData("COM1.md")]
    [InlineData("lpt9.md")]
    [InlineData("COM¹.md")]
    [InlineData("conin$.md")]
    [InlineData("a:b.md")]
    [InlineData("a*b.md")]
    [InlineData("a?.md")]
    [InlineData("a|b.md")]
    [InlineData("a\"b.md")]
    [InlineData("a<b>.md")]
    [InlineData("a\\b.md")]
    [InlineData("a/b.md")]
    [InlineData("a\tb.md")]
    [InlineData("name.")]
    [InlineData(" name.md")]
    [InlineData("name.md ")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("")]
    public void A_name_a_file_system_refuses_has_a_problem(string name) => Assert.NotNull(VaultPaths.FileNameProblem(name));

    [Fact]
    public void A_lone_surrogate_is_not_a_name_character() // UTF-8 cannot encode it: every file system would get another name
    {
        Assert.Contains("surrogate", VaultPaths.FileNameProblem("a" + '\ud800' + ".md"));
        Assert.Null(VaultPaths.FileNameProblem("a🙂.md"));
    }

    [Theory]
    [InlineData("console.md")]
    [InlineData("com10.md")]
    [InlineData("lpt.md")]
    [InlineData("my con.md")]
    [InlineData("conclusion.md")]
    [InlineData("日本語 🙂.md")]
    [InlineData("v1.2 notes.md")]
    public void An_ordinary_name_has_none(string name) => Assert.Null(VaultPaths.FileNameProblem(name));

    [Fact]
    public void The_limit_is_255_UTF8_bytes()
    {
        Assert.Null(VaultPaths.FileNameProblem(new string('a', 252) + ".md"));
        Assert.Contains("256 bytes", VaultPaths.FileNameProblem(new string('a', 253) + ".md"));
        Assert.Null(VaultPaths.FileNameProblem(string.Concat(Enumerable.Repeat("日", 84)) + ".md"));
        Assert.Contains("258 bytes", VaultPaths.FileNameProblem(string.Concat(Enumerable.Repeat("日", 85)) + ".md"));
    }

    private static readonly string[] Atoms =
        ["..", ".", " ", " .. ", "%2e", "%2e%2e", "%2F", "\\", "C:", "~", "a", "b", "日本", "con", "x.md", "%25", "\t", "/", "/", "/", "/", "/"];

    /// <summary>Whatever Normalize accepts is canonical, plain and stays under any root.</summary>
    [Property(MaxTest = 500)]
    public Property Normalize_never_returns_a_path_that_leaves_the_root() => Prop.ForAll(
        Arb.From(Gen.Elements(Atoms).ArrayOf().Select(string.Concat)),
        path =>
        {
            if (VaultPaths.Normalize(path) is not { } normalized) return true;
            var root = Path.Combine(Path.GetTempPath(), "vault-root");
            var full = Path.GetFullPath(Path.Combine(root, normalized));
            return VaultPaths.Normalize(normalized) == normalized
                && normalized.Split('/').All(s => s.Length > 0 && s.Trim() is not ("." or ".."))
                && !normalized.Contains('\\')
                && full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                && VaultPaths.FullPathUnder(root, normalized) == full;
        });
}

/// <summary>The guard on a real folder: links, skipped files and folders count as taken or outside.</summary>
public sealed class EditGuardTests : IDisposable
{
    private readonly TempFolder _vault = new();
    private readonly TempFolder _outside = new();
    private readonly NoteLspConfig _config = NoteLspConfig.Default with { Ignore = ["drafts/**"] };
    private readonly EditGuard _guard;

    public EditGuardTests()
    {
        _vault.Write("a.md", "# A\n");
        _vault.Write("sub/b.md", "# B\n");
        _vault.Write("drafts/c.md", "# C (ignored)\n");
        _vault.Write("notes.txt", "text\n");
        _vault.CreateFolder("folder.md");
        _outside.Write("target.md", "# Outside\n");
        _vault.Link("dangling.md", "nowhere.md", isDirectory: false);
        _vault.Link("out.md", _outside.PathOf("target.md"), isDirectory: false);
        _vault.Link("escape", _outside.Root, isDirectory: true);
        _vault.Link("inner", _vault.PathOf("sub"), isDirectory: true);
        var snapshot = VaultSnapshot.Build([NoteParser.Parse("a.md", "# A\n"), NoteParser.Parse("sub/b.md", "# B\n"), NoteParser.Parse("out.md", "# opened in the editor\n")]);
        _guard = new EditGuard(_vault.Root, _config, snapshot);
    }

    public void Dispose()
    {
        _vault.Dispose();
        _outside.Dispose();
    }

    [Theory]
    [InlineData("new.md")]
    [InlineData("sub/new.md")]
    [InlineData("brand/new/folder/x.md")]
    [InlineData("inner/new.md")] // through a link to a folder inside the vault
    public void A_free_note_path_inside_the_vault_may_be_created(string path) => Assert.Null(_guard.CheckCreate(path));

    [Theory]
    [InlineData("a.md", "already a note")]
    [InlineData("drafts/c.md", "ignore")]
    [InlineData("drafts/new.md", "ignore")]
    [InlineData("folder.md", "exists")]
    [InlineData("dangling.md", "exists")]
    [InlineData("escape/new.md", "outside")]
    [InlineData("escape/target.md", "outside")]
    [InlineData("inner/b.md", "exists")]
    [InlineData("notes.txt", "note extension")]
    [InlineData("../x.md", "not a plain path")]
    [InlineData("/tmp/x.md", "not a plain path")]
    [InlineData("sub/../../x.md", "not a plain path")]
    [InlineData(".git/x.md", "hidden")]
    [InlineData("node_modules/x.md", "node_modules")]
    [InlineData("con.md", "device")]
    [InlineData("sub/aux/x.md", "device")]
    public void Anything_else_is_refused_with_the_reason(string path, string reason) =>
        Assert.Contains(reason, _guard.CheckCreate(path) ?? "(allowed)");

    [Fact]
    public void Text_edits_go_only_to_indexed_notes_inside_the_vault()
    {
        Assert.Null(_guard.CheckTextEdit("a.md"));
        Assert.Null(_guard.CheckTextEdit("sub/b.md"));
        Assert.Contains("not a note", _guard.CheckTextEdit("drafts/c.md"));
        Assert.Contains("not a note", _guard.CheckTextEdit("notes.txt"));
        Assert.Contains("outside", _guard.CheckTextEdit("out.md")); // indexed (open in the editor), but a link to outside
    }

    [Fact]
    public void Text_edits_of_many_notes_checked_together_report_the_first_refusal_in_their_order()
    {
        // Checked on every core: many allowed notes around the refused ones, which must not be lost or reordered.
        var allowed = Enumerable.Repeat("a.md", 5_000).Concat(Enumerable.Repeat("sub/b.md", 5_000)).ToList();
        Assert.Null(_guard.CheckTextEdits(allowed));

        var withRefusals = allowed.Take(7_000).Append("notes.txt").Concat(allowed).Append("out.md").ToList();
        Assert.Equal(_guard.CheckTextEdit("notes.txt"), _guard.CheckTextEdits(withRefusals));
        Assert.Contains("outside", _guard.CheckTextEdits([.. allowed, "out.md", "notes.txt"]));
    }

    [Fact]
    public void A_rename_goes_from_an_indexed_note_to_a_free_path()
    {
        Assert.Null(_guard.CheckRename("a.md", "renamed.md"));
        Assert.Null(_guard.CheckRename("sub/b.md", "moved/b.md"));
        Assert.Contains("already a note", _guard.CheckRename("a.md", "sub/b.md"));
        Assert.Contains("exists", _guard.CheckRename("a.md", "dangling.md"));
        Assert.Contains("device", _guard.CheckRename("a.md", "LPT1.md"));
        Assert.Contains("bytes", _guard.CheckRename("a.md", new string('x', 300) + ".md"));
        Assert.Contains("not a note", _guard.CheckRename("drafts/c.md", "c.md"));
        Assert.Contains("outside", _guard.CheckRename("out.md", "in.md"));
    }
}
