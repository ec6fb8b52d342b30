using System.IO.Hashing;
using System.Text.Json;
using NoteLsp.Core.Cache;
using NoteLsp.Core.Config;
using NoteLsp.Core.Files;
using NoteLsp.VaultGenerator;

namespace NoteLsp.Core.Tests;

/// <summary>The note cache: a warm scan gives the notes a cold one gives, and any cache it cannot trust is ignored.</summary>
public sealed class NoteCacheTests : IDisposable
{
    private readonly GeneratedVault _vault = GeneratedVault.Create(new GeneratorOptions { Notes = 200, Seed = 11, CrlfRate = 0.2, ProblemRate = 0.1 });
    private readonly TempFolder _cacheDir = new();
    private readonly List<string> _log = [];
    private static readonly NoteLspConfig Config = NoteLspConfig.Default;

    public NoteCacheTests() => AgeAllFiles(_vault.Root);

    public void Dispose()
    {
        _vault.Dispose();
        _cacheDir.Dispose();
    }

    /// <summary>Files written by a test are seconds old: racy. Dating them back makes them cacheable (the same instant every time: a changed time is a changed file).</summary>
    private static readonly DateTime Old = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static void AgeAllFiles(string root)
    {
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)) File.SetLastWriteTimeUtc(file, Old);
    }

    private NoteCache Open() => NoteCache.Open(_vault.Root, Config, _cacheDir.Root, _log.Add)!;

    private (ScanResult Scan, NoteCache Cache) ScanWithCache()
    {
        var cache = Open();
        var scan = VaultScanner.Scan(_vault.Root, Config, cache: cache);
        Assert.True(cache.Save());
        return (scan, cache);
    }

    private static Dictionary<string, string> Models(ScanResult scan) =>
        scan.Snapshot.Notes.ToDictionary(n => n.Path, n => JsonSerializer.Serialize(n), StringComparer.Ordinal);

    private static void AssertSameNotes(ScanResult expected, ScanResult actual)
    {
        var want = Models(expected);
        var got = Models(actual);
        Assert.Equal(want.Keys.Order(StringComparer.Ordinal), got.Keys.Order(StringComparer.Ordinal));
        foreach (var (path, model) in want) Assert.True(model == got[path], $"{path} differs:\n{model}\n{got[path]}");
    }

    [Fact]
    public void A_warm_scan_takes_every_note_from_the_cache_and_gives_the_models_a_cold_parse_gives()
    {
        var cold = VaultScanner.Scan(_vault.Root, Config);
        var (first, firstCache) = ScanWithCache();
        Assert.Equal(0, firstCache.Hits);

        var (warm, warmCache) = ScanWithCache();

        Assert.Equal(cold.Snapshot.Count, warmCache.Hits);
        Assert.False(warmCache.NeedsSave);
        AssertSameNotes(cold, first);
        AssertSameNotes(cold, warm);
        Assert.Empty(_log);
        Assert.Empty(Directory.EnumerateFiles(_cacheDir.Root, "*.tmp"));
    }

    [Fact]
    public void A_warm_scan_gets_each_note_with_the_link_table_the_cold_build_made_and_answers_as_it_does()
    {
        var cold = VaultScanner.Scan(_vault.Root, Config);
        ScanWithCache();
        var extensions = Index.VaultSnapshot.NormalizeExtensions(Config.Extensions);

        // The notes as the cache gives them, before any build: each carries its table (a warm start makes none).
        var cache = Open();
        var withTables = 0;
        foreach (var coldNote in cold.Snapshot.Notes)
        {
            var stamp = new FileInfo(Path.Combine(_vault.Root, coldNote.Path));
            Assert.True(cache.TryGet(coldNote.Path, new FileStamp(stamp.Length, stamp.LastWriteTimeUtc.Ticks), out var cached), coldNote.Path);
            var stored = Index.VaultSnapshot.StoredLinkTable(cached, extensions);
            Assert.NotNull(stored);
            var expected = Index.VaultSnapshot.StoredLinkTable(coldNote, extensions)!.Value;
            Assert.Equal(expected.Keys, stored.Value.Keys);
            Assert.Equal(expected.Entries, stored.Value.Entries);
            if (expected.Keys.Length > 0) withTables++;
        }
        Assert.True(withTables > cold.Snapshot.Count / 2);

        var warm = VaultScanner.Scan(_vault.Root, Config, cache: Open());
        foreach (var note in cold.Snapshot.Notes)
        {
            Assert.Equal(
                cold.Snapshot.LinksTo(note.Path).Select(r => (r.Source.Path, r.WikiLink?.Range, r.MarkdownLink?.Range)),
                warm.Snapshot.LinksTo(note.Path).Select(r => (r.Source.Path, r.WikiLink?.Range, r.MarkdownLink?.Range)));
        }
        Assert.Empty(_log);
    }

    [Fact]
    public void A_warm_build_with_the_caches_link_sources_indexes_every_link_as_a_cold_build_does()
    {
        ScanWithCache();
        var paths = VaultScanner.EnumerateNotes(_vault.Root, Config);
        var (changed, deleted, target) = (paths[1], paths[^2], Path.GetFileNameWithoutExtension(paths[3]));
        // A changed note now links elsewhere, a new note links to an existing note, a deleted note's links go away.
        File.WriteAllText(Path.Combine(_vault.Root, changed), "# Changed\n[[A key no note had]] and [[" + target + "]]\n");
        File.WriteAllText(Path.Combine(_vault.Root, "Added note.md"), "# Added\n[[" + target + "]] [[sub/" + target + "]]\n");
        File.Delete(Path.Combine(_vault.Root, deleted));
        AgeAllFiles(_vault.Root);
        File.SetLastWriteTimeUtc(Path.Combine(_vault.Root, changed), Old.AddMinutes(1));

        var cache = Open();
        var linkSources = cache.LinkSources;
        Assert.NotNull(linkSources);
        Assert.Equal(paths.Count, linkSources.NoteCount);
        var warm = VaultScanner.Scan(_vault.Root, Config, cache: cache);
        Assert.Null(cache.LinkSources); // the scan's build took them, and let them go
        var cold = VaultScanner.Scan(_vault.Root, Config);

        var expected = Flat(cold.Snapshot);
        Assert.Contains(expected, entry => entry.StartsWith(NoteLsp.Core.Names.NoteNames.Key("A key no note had") + " <- ", StringComparison.Ordinal));
        Assert.DoesNotContain(expected, entry => entry.Contains(deleted, StringComparison.Ordinal));
        Assert.Equal(expected, Flat(warm.Snapshot));
        // And the same notes built without them: the same index.
        Assert.Equal(expected, Flat(Index.VaultSnapshot.Build(warm.Snapshot.Notes.ToList(), Config.Extensions)));
        Assert.Empty(_log);
    }

    /// <summary>
    /// A cache file is outside the vault but not beyond tampering: one whose string table holds a link key twice (this
    /// build writes each text once) still gives every note linking by that key, as a build without the cache does.
    /// </summary>
    [Fact]
    public void A_cache_naming_one_link_key_twice_still_indexes_every_note_that_links_by_it()
    {
        var extensions = Index.VaultSnapshot.NormalizeExtensions(Config.Extensions);
        var notes = new[]
        {
            Parsing.NoteParser.Parse("a.md", "[[Hub]]\n"),
            Parsing.NoteParser.Parse("b.md", "[[Hub]] and [[Other]]\n"),
            Parsing.NoteParser.Parse("hub.md", "# Hub\n"),
        };
        var hub = NoteLsp.Core.Names.NoteNames.Key("Hub");
        string[] keyTexts = [hub, hub, NoteLsp.Core.Names.NoteNames.Key("Other")];
        List<long> pairs = [Index.LinkSourceSeed.Pack(0, 0), Index.LinkSourceSeed.Pack(1, 1), Index.LinkSourceSeed.Pack(2, 1)];
        var seed = Index.LinkSourceSeed.Create(extensions, notes, keyTexts, [pairs]);
        Assert.NotNull(seed);

        var seeded = Flat(Index.VaultSnapshot.Build(notes, Config.Extensions, seed));
        Assert.Equal(Flat(Index.VaultSnapshot.Build(notes, Config.Extensions)), seeded);
        Assert.Contains(hub + " <- a.md | b.md", seeded);
    }

    private static List<string> Flat(Index.VaultSnapshot snapshot) =>
        [.. snapshot.WikiLinkSourceList().Select(entry => entry.Key + " <- " + string.Join(" | ", entry.Sources))];

    [Theory]
    [InlineData(new[] { "a" }, new[] { 2 })] // link 1 of a note with one link
    [InlineData(new[] { "b", "a" }, new[] { 0, 0 })] // keys out of order
    [InlineData(new[] { "a", "a" }, new[] { 0, 0 })] // the same entry twice
    [InlineData(new[] { "a" }, new[] { 0, 1 })] // lengths differ
    [InlineData(new[] { "a" }, new[] { -2 })]
    public void A_stored_link_table_that_does_not_fit_its_note_is_refused(string[] keys, int[] entries)
    {
        var note = Parsing.NoteParser.Parse("n.md", "[[A]]\n");
        var extensions = Index.VaultSnapshot.NormalizeExtensions(Config.Extensions);
        Assert.Throws<ArgumentException>(() => Index.VaultSnapshot.RestoreLinkTable(note, extensions, keys, entries));
        Assert.Null(Index.VaultSnapshot.StoredLinkTable(note, extensions));
        Index.VaultSnapshot.RestoreLinkTable(note, extensions, ["a"], [0]);
        Assert.NotNull(Index.VaultSnapshot.StoredLinkTable(note, extensions));
    }

    [Fact]
    public void A_changed_note_is_parsed_again_an_added_one_is_read_and_a_deleted_one_is_dropped()
    {
        ScanWithCache();
        var paths = VaultScanner.EnumerateNotes(_vault.Root, Config);
        var (changed, deleted) = (paths[0], paths[^1]);
        File.AppendAllText(Path.Combine(_vault.Root, changed), "\n# Appended heading\n");
        File.WriteAllText(Path.Combine(_vault.Root, "Added note.md"), "# Added\n[[" + Path.GetFileNameWithoutExtension(changed) + "]]\n");
        File.Delete(Path.Combine(_vault.Root, deleted));
        AgeAllFiles(_vault.Root);
        File.SetLastWriteTimeUtc(Path.Combine(_vault.Root, changed), Old.AddMinutes(1));

        var (warm, cache) = ScanWithCache();

        Assert.Equal(warm.Snapshot.Count - 2, cache.Hits);
        Assert.Null(warm.Snapshot.GetNote(deleted));
        Assert.Contains(warm.Snapshot.GetNote(changed)!.Headings, h => h.Text == "Appended heading");
        Assert.Equal("Added", warm.Snapshot.GetNote("Added note.md")!.Title);
        AssertSameNotes(VaultScanner.Scan(_vault.Root, Config), warm);
        var reopened = Open();
        Assert.Empty(_log);
        Assert.Equal(warm.Snapshot.Count, reopened.LoadedCount);
    }

    [Fact]
    public void A_note_written_just_before_the_cache_is_read_again_next_time()
    {
        var racy = Path.Combine(_vault.Root, "Just written.md");
        File.WriteAllText(racy, "# Just written\n");
        ScanWithCache();

        var next = Open();
        var scan = VaultScanner.Scan(_vault.Root, Config, cache: next);

        Assert.Equal(scan.Snapshot.Count - 1, next.Hits);
        Assert.True(next.NeedsSave);
    }

    public static TheoryData<string> Damages => ["truncated", "bit flip", "wrong version", "garbage", "empty", "other vault", "other extensions"];

    [Theory]
    [MemberData(nameof(Damages))]
    public void A_cache_that_cannot_be_trusted_is_ignored_with_one_log_line_and_rebuilt(string damage)
    {
        var (_, cache) = ScanWithCache();
        var bytes = File.ReadAllBytes(cache.FilePath);
        var config = Config;
        switch (damage)
        {
            case "truncated": bytes = bytes[..(bytes.Length / 2)]; break;
            case "bit flip": bytes[bytes.Length / 3] ^= 0x10; break;
            case "wrong version": bytes[8] ^= 0x7F; break;
            case "garbage": Random.Shared.NextBytes(bytes); break;
            case "empty": bytes = []; break;
            case "other vault":
                // The same bytes under another vault's name: the real path inside must match.
                using (var other = new TempFolder())
                {
                    var otherCache = NoteCache.Open(other.Root, Config, _cacheDir.Root)!;
                    File.WriteAllBytes(otherCache.FilePath, bytes);
                    var log = new List<string>();
                    Assert.Equal(0, NoteCache.Open(other.Root, Config, _cacheDir.Root, log.Add)!.LoadedCount);
                    Assert.Contains("another vault", Assert.Single(log));
                }
                return;
            case "other extensions": config = Config with { Extensions = [".md", ".txt"] }; break;
        }
        File.WriteAllBytes(cache.FilePath, bytes);

        var reopened = NoteCache.Open(_vault.Root, config, _cacheDir.Root, _log.Add)!;
        var scan = VaultScanner.Scan(_vault.Root, config, cache: reopened);

        Assert.Equal(0, reopened.LoadedCount);
        Assert.Single(_log);
        Assert.Equal(0, reopened.Hits);
        AssertSameNotes(VaultScanner.Scan(_vault.Root, config), scan);
        Assert.True(reopened.Save());
        Assert.Equal(scan.Snapshot.Count, NoteCache.Open(_vault.Root, config, _cacheDir.Root)!.LoadedCount);
    }

    [Fact]
    public void A_hostile_cache_with_a_valid_checksum_never_throws_and_logs_at_most_one_line()
    {
        var (_, cache) = ScanWithCache();
        var original = File.ReadAllBytes(cache.FilePath);
        var random = new Random(17);
        for (var round = 0; round < 300; round++)
        {
            var bytes = (byte[])original.Clone();
            // Damage the body (strings, counts, indexes) and sign it again, as an attacker who knows the format would.
            for (var i = 0; i < 1 + round % 4; i++)
            {
                var at = random.Next(28, bytes.Length);
                bytes[at] = round % 2 == 0 ? (byte)random.Next(256) : (byte)0xFF;
            }
            BitConverter.GetBytes(XxHash3.HashToUInt64(bytes.AsSpan(28))).CopyTo(bytes, 20);
            File.WriteAllBytes(cache.FilePath, bytes);
            var log = new List<string>();
            var reopened = NoteCache.Open(_vault.Root, Config, _cacheDir.Root, log.Add);
            Assert.NotNull(reopened);
            Assert.True(log.Count <= 1);
        }
    }

    [Fact]
    public void A_cache_file_over_the_size_limit_is_not_read()
    {
        var (_, cache) = ScanWithCache();
        using (var stream = new FileStream(cache.FilePath, FileMode.Open)) stream.SetLength(NoteCacheFile.MaxFileBytes + 1);

        var reopened = NoteCache.Open(_vault.Root, Config, _cacheDir.Root, _log.Add)!;

        Assert.Equal(0, reopened.LoadedCount);
        Assert.Contains("limit", Assert.Single(_log));
    }

    [Fact]
    public void A_cache_directory_inside_the_vault_is_refused_and_nothing_is_written_there()
    {
        var inside = Path.Combine(_vault.Root, "cache");

        Assert.Null(NoteCache.Open(_vault.Root, Config, inside, _log.Add));
        Assert.Null(NoteCache.Open(_vault.Root, Config, _vault.Root, _log.Add));

        Assert.Equal(2, _log.Count);
        Assert.All(_log, line => Assert.Contains("inside the vault", line));
        Assert.False(Directory.Exists(inside));
    }

    [Fact]
    public void The_cache_file_is_named_by_the_vault_and_readable_by_its_owner_only()
    {
        var nested = Path.Combine(_cacheDir.Root, "a", "notelsp");
        var cache = NoteCache.Open(_vault.Root, Config, nested)!;
        VaultScanner.Scan(_vault.Root, Config, cache: cache);
        Assert.True(cache.Save());

        Assert.Equal(nested, Path.GetDirectoryName(cache.FilePath));
        Assert.StartsWith("vault-", Path.GetFileName(cache.FilePath));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(nested));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(cache.FilePath));
        }
    }
}
