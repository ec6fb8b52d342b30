using NoteLsp.Core.Config;
using NoteLsp.Core.Files;

namespace NoteLsp.Core.Tests;

public class ScannerTests : IDisposable
{
    private readonly TempFolder _vault = new();
    private readonly List<TempFolder> _others = [];

    public void Dispose()
    {
        _vault.Dispose();
        foreach (var other in _others) other.Dispose();
    }

    private TempFolder OtherFolder()
    {
        var folder = new TempFolder();
        _others.Add(folder);
        return folder;
    }

    private List<string> Enumerate(NoteLspConfig? config = null, List<ScanIssue>? issues = null) =>
        VaultScanner.EnumerateNotes(_vault.Root, config ?? NoteLspConfig.Default, issues).ToList();

    [Fact]
    public void Subfolders_give_vault_relative_paths_with_slashes_sorted()
    {
        _vault.Write("b.md", "b");
        _vault.Write("a/b.md", "ab");
        _vault.Write("a/deeper/c.markdown", "c");
        _vault.Write("A.md", "A");

        Assert.Equal(["A.md", "a/b.md", "a/deeper/c.markdown", "b.md"], Enumerate());
    }

    [Fact]
    public void Empty_vault_has_no_notes_and_no_issues()
    {
        var issues = new List<ScanIssue>();
        Assert.Empty(Enumerate(issues: issues));
        Assert.Empty(issues);
    }

    [Fact]
    public void Hidden_folders_and_hidden_files_are_skipped()
    {
        _vault.Write("visible.md", "x");
        _vault.Write(".obsidian/workspace.md", "x");
        _vault.Write(".git/notes/x.md", "x");
        _vault.Write("sub/.trash/old.md", "x");
        _vault.Write("sub/.hidden.md", "x");
        _vault.Write("sub/kept.md", "x");

        Assert.Equal(["sub/kept.md", "visible.md"], Enumerate());
    }

    [Fact]
    public void Node_modules_is_skipped_at_any_depth()
    {
        _vault.Write("node_modules/pkg/README.md", "x");
        _vault.Write("project/node_modules/other/README.md", "x");
        _vault.Write("project/notes.md", "x");

        Assert.Equal(["project/notes.md"], Enumerate());
    }

    [Fact]
    public void Ignore_globs_skip_matching_files_and_folders()
    {
        _vault.Write("drafts/one.md", "x");
        _vault.Write("drafts/deep/two.md", "x");
        _vault.Write("notes/scratch.tmp.md", "x");
        _vault.Write("notes/keep.md", "x");
        _vault.Write("Archive/old.md", "x");
        _vault.Write("templates/t.md", "x");
        var config = NoteLspConfig.Default with { Ignore = ["drafts/**", "**/*.tmp.md", "archive", "/templates/"] };

        Assert.Equal(["notes/keep.md"], Enumerate(config));
    }

    [Fact]
    public void Only_files_with_a_configured_extension_are_notes()
    {
        _vault.Write("a.md", "x");
        _vault.Write("b.MD", "x");
        _vault.Write("c.markdown", "x");
        _vault.Write("d.txt", "x");
        _vault.Write("e.md.bak", "x");
        _vault.Write("image.png", "x");

        Assert.Equal(["a.md", "b.MD", "c.markdown"], Enumerate());
        Assert.Equal(["d.txt"], Enumerate(NoteLspConfig.Default with { Extensions = [".txt"] }));
    }

    [Fact]
    public void Files_over_max_file_bytes_are_skipped_and_reported()
    {
        _vault.Write("small.md", new string('x', 100));
        _vault.Write("big.md", new string('x', 101));
        _vault.Write("ignored/big.md", new string('x', 500));
        var issues = new List<ScanIssue>();
        var config = NoteLspConfig.Default with { MaxFileBytes = 100, Ignore = ["ignored/**"] };

        Assert.Equal(["small.md"], Enumerate(config, issues));
        var issue = Assert.Single(issues); // the ignored big file is not worth a word
        Assert.Equal("big.md", issue.Path);
        Assert.Equal("skipped: 101 bytes is over maxFileBytes (100 bytes)", issue.Message);
    }

    [Fact]
    public void Too_big_message_speaks_in_megabytes()
    {
        var issue = VaultEnumeratorMessage(7_549_747, 5 * 1024 * 1024);
        Assert.Equal("skipped: 7.2 MB is over maxFileBytes (5 MB)", issue);
    }

    [Fact]
    public void Too_big_message_falls_back_to_bytes_when_both_round_alike()
    {
        Assert.Equal("skipped: 5,242,881 bytes is over maxFileBytes (5,242,880 bytes)", VaultEnumeratorMessage(5 * 1024 * 1024 + 1, 5 * 1024 * 1024));
    }

    private static string VaultEnumeratorMessage(long length, long max) => VaultEnumerator.TooBigMessage(length, max);

    [Fact]
    public void Symbolic_links_out_of_the_vault_are_not_followed()
    {
        var outside = OtherFolder();
        outside.Write("secret.md", "x");
        outside.Write("folder/private.md", "x");
        _vault.Write("own.md", "x");
        _vault.Link("linked-folder", outside.PathOf("folder"), isDirectory: true);
        _vault.Link("linked.md", outside.PathOf("secret.md"), isDirectory: false);
        _vault.Link("relative", "../" + Path.GetFileName(outside.Root), isDirectory: true);
        var issues = new List<ScanIssue>();

        Assert.Equal(["own.md"], Enumerate(issues: issues));
        Assert.Equal(["linked-folder", "linked.md", "relative"], issues.Select(i => i.Path).Order(StringComparer.Ordinal));
        Assert.All(issues, i => Assert.Contains("outside the vault", i.Message));
    }

    [Fact]
    public void Symbolic_links_inside_the_vault_are_followed_once_and_real_paths_win()
    {
        _vault.Write("real/note.md", "x");
        _vault.Write(".hidden/kept.md", "x");
        _vault.Link("alias", "real", isDirectory: true); // same notes again: not listed twice
        _vault.Link("shortcut.md", "real/note.md", isDirectory: false);
        _vault.Link("shown", ".hidden", isDirectory: true); // only reachable through the link

        Assert.Equal(["real/note.md", "shown/kept.md"], Enumerate());
    }

    [Fact]
    public void Symbolic_link_loops_terminate()
    {
        _vault.Write("a/note.md", "x");
        _vault.Link("a/up", "..", isDirectory: true);            // back to the vault root
        _vault.Link("a/self", "self", isDirectory: true);        // points at itself
        _vault.Link("ping", "pong", isDirectory: true);          // two links pointing at each other
        _vault.Link("pong", "ping", isDirectory: true);
        _vault.Link("b", "c", isDirectory: true);                // c -> b/x -> ... through a real folder
        _vault.Write("c/x/inner.md", "x");
        _vault.Link("c/x/back", "../../b", isDirectory: true);
        var issues = new List<ScanIssue>();

        var notes = Enumerate(issues: issues);

        Assert.Equal(["a/note.md", "c/x/inner.md"], notes);
        Assert.Contains(issues, i => i.Path == "a/self" && i.Message.Contains("loop"));
        Assert.Contains(issues, i => i.Path == "ping" && i.Message.Contains("loop"));
    }

    [Fact]
    public void Dangling_link_with_a_note_name_is_reported()
    {
        _vault.Link("gone.md", "nowhere.md", isDirectory: false);
        var issues = new List<ScanIssue>();

        Assert.Empty(Enumerate(issues: issues));
        var issue = Assert.Single(issues);
        Assert.Equal("gone.md", issue.Path);
        Assert.Contains("does not exist", issue.Message);
    }

    [Fact]
    public void Missing_vault_folder_is_an_issue_not_an_exception()
    {
        var issues = new List<ScanIssue>();
        Assert.Empty(VaultScanner.EnumerateNotes(Path.Combine(_vault.Root, "nope"), NoteLspConfig.Default, issues));
        Assert.Contains("does not exist", Assert.Single(issues).Message);
    }

    [Fact]
    public void Read_note_parses_with_the_relative_path()
    {
        _vault.Write("people/Ada Lovelace.md", "# Ada\nSee [[charles_babbage]].\n");
        var note = VaultScanner.ReadNote(_vault.Root, "people/Ada Lovelace.md", NoteLspConfig.Default);

        Assert.NotNull(note);
        Assert.Equal("people/Ada Lovelace.md", note.Path);
        Assert.Equal("Ada Lovelace", note.Stem);
        Assert.Equal("charles_babbage", Assert.Single(note.WikiLinks).Target);
        Assert.False(note.HasInvalidEncoding);
    }

    [Fact]
    public void Invalid_utf8_file_is_read_and_flagged()
    {
        _vault.WriteBytes("latin1.md", [.. "# Caf"u8.ToArray(), 0xE9, .. "\nSee [[other]].\n"u8.ToArray()]);
        var note = VaultScanner.ReadNote(_vault.Root, "latin1.md", NoteLspConfig.Default);

        Assert.NotNull(note);
        Assert.True(note.HasInvalidEncoding);
        Assert.Equal("other", Assert.Single(note.WikiLinks).Target);
        Assert.Equal(new Text.TextRange(0, 5, 0, 6), note.InvalidEncodingRange);
    }

    [Fact]
    public void Utf16_note_is_read_as_text()
    {
        _vault.WriteBytes("wide.md", [0xFF, 0xFE, .. System.Text.Encoding.Unicode.GetBytes("See [[target]].\n")]);
        var note = VaultScanner.ReadNote(_vault.Root, "wide.md", NoteLspConfig.Default);

        Assert.NotNull(note);
        Assert.False(note.HasInvalidEncoding);
        Assert.Equal("target", Assert.Single(note.WikiLinks).Target);
    }

    [Fact]
    public void File_deleted_between_enumeration_and_reading_is_an_issue_not_a_crash()
    {
        _vault.Write("short-lived.md", "x");
        var paths = Enumerate();
        File.Delete(_vault.PathOf("short-lived.md"));
        var issues = new List<ScanIssue>();

        var note = VaultScanner.ReadNote(_vault.Root, Assert.Single(paths), NoteLspConfig.Default, issues);

        Assert.Null(note);
        var issue = Assert.Single(issues);
        Assert.Equal("short-lived.md", issue.Path);
        Assert.Contains("no longer exists", issue.Message);
    }

    [Fact]
    public void File_that_grew_past_the_limit_after_enumeration_is_not_read()
    {
        _vault.Write("growing.md", "x");
        var config = NoteLspConfig.Default with { MaxFileBytes = 10 };
        Enumerate(config);
        _vault.Write("growing.md", new string('x', 11));
        var issues = new List<ScanIssue>();

        Assert.Null(VaultScanner.ReadNote(_vault.Root, "growing.md", config, issues));
        Assert.StartsWith("skipped: 11 bytes is over maxFileBytes", Assert.Single(issues).Message);
    }

    [Fact]
    public async Task Named_pipe_with_a_note_name_does_not_block_reading()
    {
        if (OperatingSystem.IsWindows()) return; // no mkfifo there
        _vault.Write("real.md", "# Real\n");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", _vault.PathOf("pipe.md"))) mkfifo.WaitForExit();
        Assert.Equal(["pipe.md", "real.md"], Enumerate());

        // Opening a pipe for reading waits for a writer that never comes; a hang here is the failure.
        // It is not a regular file, so it is skipped with the reason said, not indexed as an empty note.
        var issues = new List<ScanIssue>();
        var read = Task.Run(() => VaultScanner.ReadNote(_vault.Root, "pipe.md", NoteLspConfig.Default, issues));
        var note = await read.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Null(note);
        Assert.Contains("named pipe", Assert.Single(issues).Message);
    }

    [Fact]
    public void Scan_honours_cancellation()
    {
        for (var i = 0; i < 20; i++) _vault.Write($"n{i}.md", "x");
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => VaultScanner.Scan(_vault.Root, NoteLspConfig.Default, cancellationToken: cancelled.Token));
    }

    [Fact]
    public void Scan_parses_every_note_reports_progress_and_issues()
    {
        for (var i = 0; i < 250; i++) _vault.Write($"folder{i % 7}/note{i:D3}.md", $"# Note {i}\nSee [[note{(i + 1) % 250:D3}]].\n");
        _vault.Write("huge.md", new string('x', 2000));
        var counts = new List<int>();
        var progress = new SynchronousProgress(counts);
        var config = NoteLspConfig.Default with { MaxFileBytes = 1000, Extensions = [".md", ".txt"] };

        var result = VaultScanner.Scan(_vault.Root, config, progress);

        Assert.Equal(250, result.Snapshot.Count);
        Assert.Equal("folder0/note000.md", result.Snapshot.Notes.OrderBy(n => n.Path, StringComparer.Ordinal).First().Path);
        Assert.Equal("huge.md", Assert.Single(result.Issues).Path);
        Assert.Equal<string>([".md", ".txt"], result.Snapshot.NoteExtensions);
        Assert.Equal(250, counts.Max());
        Assert.True(counts.Count >= 2, "progress is reported along the way, not only at the end");
    }

    /// <summary>Progress&lt;T&gt; posts to the thread pool; the test needs every report before Scan returns.</summary>
    private sealed class SynchronousProgress(List<int> counts) : IProgress<int>
    {
        public void Report(int value)
        {
            lock (counts) counts.Add(value);
        }
    }
}
