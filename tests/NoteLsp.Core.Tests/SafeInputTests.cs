using System.Diagnostics;
using NoteLsp.Core.Config;
using NoteLsp.Core.Files;
using NoteLsp.Core.Parsing;
using NoteLsp.Core.Text;

namespace NoteLsp.Core.Tests;

/// <summary>The one safe reader, the one membership rule, and the config and front matter as untrusted input.</summary>
public class SafeInputTests
{
    private static readonly NoteLspConfig Defaults = NoteLspConfig.Default;

    private static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start("mkfifo", path)!;
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }

    [Fact]
    public void A_regular_file_is_read_whole_and_one_over_the_limit_is_refused_with_its_size()
    {
        using var folder = new TempFolder();
        folder.Write("a.md", "0123456789");
        var root = SafeFile.RealRoot(folder.Root);

        Assert.Equal("0123456789"u8.ToArray(), SafeFile.Read(folder.PathOf("a.md"), root, 10).Bytes);
        var tooBig = SafeFile.Read(folder.PathOf("a.md"), root, 9);
        Assert.Null(tooBig.Bytes);
        Assert.True(tooBig.IsTooBig);
        Assert.Equal(10, tooBig.Length);
        Assert.True(SafeFile.Read(folder.PathOf("missing.md"), root, 10).IsMissing);
        Assert.Null(SafeFile.Read(folder.PathOf("a.md") + "\0.txt", root, 10).Bytes); // not a.md: the name goes on past the NUL
    }

    [Fact]
    public void A_file_longer_than_its_reported_size_is_read_to_its_end_and_still_cut_at_the_limit()
    {
        // What a note that grows while it is read looks like: more bytes than fstat announced. Linux's /proc files are
        // regular files whose size reads as 0, so they take that path every time.
        if (!OperatingSystem.IsLinux()) return;
        var status = SafeFile.Read("/proc/self/status", null, 1 << 20);
        Assert.True(status.Succeeded, status.Problem);
        Assert.Equal(status.Length, status.Bytes!.Length);
        Assert.StartsWith("Name:", System.Text.Encoding.UTF8.GetString(status.Bytes));
        var cut = SafeFile.Read("/proc/self/status", null, 16);
        Assert.True(cut.IsTooBig);
        Assert.Null(cut.Bytes);
    }

    [Fact]
    public async Task A_fifo_a_device_and_a_folder_are_refused_without_blocking()
    {
        if (OperatingSystem.IsWindows()) return; // no FIFOs or /dev there
        using var folder = new TempFolder();
        MakeFifo(folder.PathOf("pipe.md"));
        File.CreateSymbolicLink(folder.PathOf("zero.md"), "/dev/zero");
        folder.CreateFolder("dir.md");

        var reads = Task.Run(() => new[] { "pipe.md", "zero.md", "dir.md" }.Select(n => SafeFile.Read(folder.PathOf(n), null, 1 << 20)).ToList());
        var results = await reads.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.All(results, r => Assert.Null(r.Bytes));
        Assert.Contains("named pipe", results[0].Problem);
        Assert.Contains("character device", results[1].Problem);
        Assert.Contains("folder", results[2].Problem);
    }

    [Fact]
    public void A_link_is_read_only_when_the_file_it_leads_to_is_inside_the_allowed_folder()
    {
        if (OperatingSystem.IsWindows()) return; // symbolic links need privileges there
        using var outside = new TempFolder();
        outside.Write("secret.md", "secret");
        using var folder = new TempFolder();
        folder.Write("sub/real.md", "inside");
        File.CreateSymbolicLink(folder.PathOf("in.md"), folder.PathOf("sub/real.md"));
        File.CreateSymbolicLink(folder.PathOf("out.md"), outside.PathOf("secret.md"));
        Directory.CreateSymbolicLink(folder.PathOf("outdir"), outside.Root);
        var root = SafeFile.RealRoot(folder.Root);

        Assert.Equal("inside"u8.ToArray(), SafeFile.Read(folder.PathOf("in.md"), root, 100).Bytes);
        Assert.Contains("outside the vault", SafeFile.Read(folder.PathOf("out.md"), root, 100).Problem);
        Assert.Contains("outside the vault", SafeFile.Read(folder.PathOf("outdir/secret.md"), root, 100).Problem);
        Assert.Equal("secret"u8.ToArray(), SafeFile.Read(folder.PathOf("out.md"), null, 100).Bytes); // no confinement asked
    }

    [Fact]
    public void The_scan_and_the_membership_rule_agree_on_every_path()
    {
        using var folder = new TempFolder();
        string[] paths =
        [
            "a.md", "b.markdown", "c.txt", ".hidden.md", ".git/x.md", "sub/.obsidian/y.md", "node_modules/z.md",
            "deep/node_modules/w.md", "archive/old.md", "archive/deep/older.md", "notes/archive.md", "keep/x.tmp.md", "keep/x.md",
        ];
        foreach (var path in paths) folder.Write(path, "# x\n");
        var config = Defaults with { Ignore = ["archive/**", "**/*.tmp.md"] };

        var scanned = VaultScanner.EnumerateNotes(folder.Root, config);

        Assert.Equal(paths.Where(p => VaultMembership.IsNotePath(p, config)).Order(StringComparer.Ordinal), scanned);
        Assert.Equal(["a.md", "b.markdown", "keep/x.md", "notes/archive.md"], scanned);
    }

    [Theory]
    [InlineData("https://www.youtube.com/watch?v={videoId}&t={seconds}s", true)]
    [InlineData("http://video.example/{videoId}?t={seconds}", true)]
    [InlineData("command:x?{videoId}{seconds}", false)]
    [InlineData("javascript:alert({videoId},{seconds})", false)]
    [InlineData("file:///home/{videoId}/{seconds}", false)]
    [InlineData("https:{videoId}{seconds}", false)]
    [InlineData("https:///{videoId}{seconds}", false)]
    [InlineData("{videoId}://x/{seconds}", false)]
    [InlineData(" https://x/{videoId}?{seconds}", false)] // trimmed before this check in the loader; raw it is not a web address
    [InlineData("https://x/{videoId}\n{seconds}", false)]
    public void Only_web_addresses_are_timestamp_url_templates(string template, bool accepted) =>
        Assert.Equal(accepted, ConfigLoader.IsWebTemplate(template));

    [Theory]
    [InlineData(".md", true)]
    [InlineData(".tmp.md", true)]
    [InlineData(".mkd-x_1", true)]
    [InlineData("", false)]
    [InlineData(".", false)]
    [InlineData("..md", false)]
    [InlineData(".md.", false)]
    [InlineData("./", false)]
    [InlineData(".*", false)]
    [InlineData(".m d", false)]
    [InlineData("md", false)]
    public void An_extension_is_a_dot_then_safe_characters(string extension, bool accepted) =>
        Assert.Equal(accepted, ConfigLoader.IsSafeExtension(extension));

    [Theory]
    [InlineData("extensions: 5")]
    [InlineData("extensions: true")]
    [InlineData("extensions: [5]")]
    [InlineData("extensions: []")]
    [InlineData("extensions: ''")]
    [InlineData("extensions: ['/']")]
    [InlineData("extensions: ['*']")]
    [InlineData("extensions: ['.']")]
    public void Unusable_extensions_are_an_error_and_the_default_is_kept(string yaml)
    {
        var result = ConfigLoader.Parse(yaml + "\nmaxFileBytes: 77\n");
        Assert.Equal(Defaults.Extensions, result.Config.Extensions);
        Assert.Equal(77, result.Config.MaxFileBytes);
        Assert.Contains("'extensions'", result.Error);
    }

    [Fact]
    public void Error_messages_name_the_key_and_the_type_but_never_echo_the_value()
    {
        const string secret = "hunter2-token";
        var result = ConfigLoader.Parse(
            $"extensions: [{secret}/x]\n" +
            $"maxFileBytes: {secret}\n" +
            $"severities: {{link-broken: {secret}}}\n" +
            $"timestampUrlTemplate: \"javascript:{secret}{{videoId}}{{seconds}}\"\n" +
            $"ignore: {{a: {secret}}}\n");
        foreach (var key in new[] { "extensions", "maxFileBytes", "link-broken", "timestampUrlTemplate", "ignore" }) Assert.Contains(key, result.Error);
        Assert.DoesNotContain(secret, result.Error);
        Assert.DoesNotContain("javascript", result.Error);
    }

    [Fact]
    public void A_key_that_does_not_look_like_a_setting_name_is_not_echoed()
    {
        var result = ConfigLoader.Parse("\"ghp_0123456789abcdef0123456789abcdef0123456789\": 1\n\"pass word!\": 2\nextension: .md\n");
        Assert.DoesNotContain("ghp_", result.Error);
        Assert.DoesNotContain("pass word", result.Error);
        Assert.Contains("'extension'", result.Error); // a typo of a setting name is still shown
    }

    [Theory]
    [InlineData("[", 65, true)]
    [InlineData("[", 64, false)]
    [InlineData("{a: ", 65, true)]
    [InlineData("- ", 65, true)]
    public void Yaml_nested_past_64_levels_is_refused_before_the_parser_recurses(string opener, int depth, bool refused)
    {
        // The top-level mapping is one level: `x:` holds depth - 1 more.
        var yaml = (opener == "- " ? "x:\n  " : "x: ") + string.Concat(Enumerable.Repeat(opener, depth - 1)) + (opener == "- " ? "end" : "");
        var config = ConfigLoader.Parse(yaml);
        Assert.Equal(refused, config.Error?.Contains("more than 64 levels deep") ?? false);

        var text = "---\n" + yaml + "\n---\n# Note\n";
        var frontMatter = FrontMatterReader.Read(text, LineMap.Build(text)).FrontMatter!;
        Assert.Equal(refused, frontMatter.Error?.Message.Contains("64 levels") ?? false);
    }
}
