using NoteLsp.Core.Config;
using NoteLsp.Core.Diagnostics;

namespace NoteLsp.Core.Tests;

public class ConfigTests
{
    private static readonly NoteLspConfig Defaults = NoteLspConfig.Default;

    private static NoteLspConfig ParseClean(string yaml)
    {
        var result = ConfigLoader.Parse(yaml);
        Assert.Null(result.Error);
        return result.Config;
    }

    [Fact]
    public void Defaults_are_md_and_markdown_five_mib_no_ignore_and_the_youtube_template()
    {
        Assert.Equal<string>([".md", ".markdown"], Defaults.Extensions);
        Assert.Equal(5 * 1024 * 1024, Defaults.MaxFileBytes);
        Assert.Empty(Defaults.Ignore);
        Assert.Equal(DiagnosticSeverity.Warning, Defaults.Diagnostics.SeverityOf(DiagnosticCode.LinkBroken));
        Assert.Equal(DiagnosticSeverity.Error, Defaults.Diagnostics.SeverityOf(DiagnosticCode.TimestampInvalid));
        Assert.Contains("{videoId}", Defaults.TimestampUrlTemplate);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("---\n...\n")]
    public void Empty_file_gives_defaults_without_error(string yaml)
    {
        Assert.Equal(Defaults, ParseClean(yaml));
    }

    [Fact]
    public void Missing_file_gives_defaults_without_error()
    {
        using var folder = new TempFolder();
        var result = ConfigLoader.Load(folder.Root);
        Assert.Null(result.Error);
        Assert.Equal(Defaults, result.Config);
    }

    [Fact]
    public void Extensions_list_is_lower_cased_with_a_leading_dot()
    {
        var config = ParseClean("extensions: [MD, txt, .Markdown, '*.org']");
        Assert.Equal<string>([".md", ".txt", ".markdown", ".org"], config.Extensions);
        Assert.True(config.IsNoteFile("notes/todo.TXT"));
        Assert.False(config.IsNoteFile("notes/todo.rst"));
    }

    [Fact]
    public void Extensions_may_be_a_single_string()
    {
        Assert.Equal<string>([".txt"], ParseClean("extensions: txt").Extensions);
        Assert.Equal<string>([".md", ".txt"], ParseClean("extensions: md, txt").Extensions);
    }

    [Fact]
    public void Ignore_is_a_list_of_globs_or_one_glob()
    {
        Assert.Equal<string>(["drafts/**", "**/*.tmp.md"], ParseClean("ignore:\n  - drafts/**\n  - '**/*.tmp.md'\n").Ignore);
        Assert.Equal<string>(["archive"], ParseClean("ignore: archive").Ignore);
    }

    [Fact]
    public void Max_file_bytes_is_an_integer()
    {
        Assert.Equal(1000, ParseClean("maxFileBytes: 1000").MaxFileBytes);
        Assert.Equal(20_000_000, ParseClean("maxFileBytes: 20_000_000").MaxFileBytes);
    }

    [Fact]
    public void Severities_map_codes_to_levels_and_off()
    {
        var config = ParseClean("""
            severities:
              link-broken: off
              timestamp-invalid: warning
              video-id-invalid: error
              encoding-invalid: information
              link-empty: hint
            """);
        var options = config.Diagnostics;
        Assert.Null(options.SeverityOf(DiagnosticCode.LinkBroken));
        Assert.Equal(DiagnosticSeverity.Warning, options.SeverityOf(DiagnosticCode.TimestampInvalid));
        Assert.Equal(DiagnosticSeverity.Error, options.SeverityOf(DiagnosticCode.VideoIdInvalid));
        Assert.Equal(DiagnosticSeverity.Information, options.SeverityOf(DiagnosticCode.EncodingInvalid));
        Assert.Equal(DiagnosticSeverity.Hint, options.SeverityOf(DiagnosticCode.LinkEmpty));
        // Codes not named keep their defaults.
        Assert.Equal(DiagnosticSeverity.Error, options.SeverityOf(DiagnosticCode.FrontmatterInvalid));
        Assert.Equal(DiagnosticSeverity.Warning, options.SeverityOf(DiagnosticCode.LinkAmbiguous));
    }

    [Fact]
    public void Timestamp_url_template_is_read()
    {
        var config = ParseClean("timestampUrlTemplate: 'https://video.example/{videoId}?start={seconds}'");
        Assert.Equal("https://video.example/abc?start=90", config.TimestampUrl("abc", 90));
    }

    [Fact]
    public void Timestamp_url_template_without_placeholders_is_refused()
    {
        var result = ConfigLoader.Parse("maxFileBytes: 10\ntimestampUrlTemplate: https://video.example/{videoId}\n");
        Assert.Equal(Defaults.TimestampUrlTemplate, result.Config.TimestampUrlTemplate);
        Assert.Equal(10, result.Config.MaxFileBytes);
        Assert.NotNull(result.Error);
        Assert.Contains(":2:", result.Error);
        Assert.Contains("{seconds}", result.Error);
    }

    [Fact]
    public void Malformed_yaml_gives_defaults_and_an_error_with_the_line()
    {
        var result = ConfigLoader.Parse("maxFileBytes: 10\nextensions: [md, txt\nignore:\n  - x\n", sourceName: "vault/.notelsp.yml");
        Assert.Equal(Defaults, result.Config);
        Assert.NotNull(result.Error);
        Assert.StartsWith("vault/.notelsp.yml:", result.Error);
        Assert.Matches(@"\.notelsp\.yml:[2-4]:", result.Error);
    }

    [Fact]
    public void Tab_indentation_is_malformed_yaml()
    {
        var result = ConfigLoader.Parse("ignore:\n\t- drafts\n");
        Assert.Equal(Defaults, result.Config);
        Assert.Contains(":2:", result.Error);
    }

    [Fact]
    public void Wrong_types_fall_back_to_the_default_of_that_key_only()
    {
        var result = ConfigLoader.Parse("""
            extensions: {md: yes}
            maxFileBytes: lots
            ignore: [drafts]
            severities: [link-broken]
            timestampUrlTemplate: [a, b]
            """);
        Assert.Equal(Defaults.Extensions, result.Config.Extensions);
        Assert.Equal(Defaults.MaxFileBytes, result.Config.MaxFileBytes);
        Assert.Equal(Defaults.Diagnostics, result.Config.Diagnostics);
        Assert.Equal(Defaults.TimestampUrlTemplate, result.Config.TimestampUrlTemplate);
        Assert.Equal<string>(["drafts"], result.Config.Ignore); // the good key still counts
        var lines = result.Error!.Split('\n');
        Assert.Equal(4, lines.Length);
        Assert.Contains(lines, l => l.Contains(":1:") && l.Contains("extensions"));
        // The key and the expected type are named; the value found is not echoed (a config may hold a secret).
        Assert.Contains(lines, l => l.Contains(":2:") && l.Contains("maxFileBytes") && l.Contains("whole number"));
        Assert.DoesNotContain("lots", result.Error);
        Assert.Contains(lines, l => l.Contains(":4:") && l.Contains("severities"));
        Assert.Contains(lines, l => l.Contains(":5:") && l.Contains("timestampUrlTemplate"));
    }

    [Theory]
    [InlineData("maxFileBytes: 0")]
    [InlineData("maxFileBytes: -5")]
    [InlineData("maxFileBytes: 1.5")]
    [InlineData("maxFileBytes: 99999999999999999999999")]
    public void Unusable_max_file_bytes_is_refused(string yaml)
    {
        var result = ConfigLoader.Parse(yaml);
        Assert.Equal(Defaults.MaxFileBytes, result.Config.MaxFileBytes);
        Assert.Contains("maxFileBytes", result.Error);
    }

    [Fact]
    public void Unknown_code_and_unknown_severity_word_are_reported_and_the_rest_applies()
    {
        var result = ConfigLoader.Parse("""
            severities:
              link-broke: off
              heading-broken: loud
              block-broken: off
            """);
        Assert.Null(result.Config.Diagnostics.SeverityOf(DiagnosticCode.BlockBroken));
        Assert.Equal(DiagnosticSeverity.Warning, result.Config.Diagnostics.SeverityOf(DiagnosticCode.HeadingBroken));
        Assert.Equal(DiagnosticSeverity.Warning, result.Config.Diagnostics.SeverityOf(DiagnosticCode.LinkBroken));
        var lines = result.Error!.Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.Contains(":2:", lines[0]);
        Assert.Contains("'link-broke'", lines[0]);
        Assert.Contains(":3:", lines[1]);
        Assert.Contains("heading-broken", lines[1]);
        Assert.DoesNotContain("loud", lines[1]); // values are not echoed
    }

    [Fact]
    public void Unknown_top_level_key_is_reported_with_a_suggestion_but_does_not_stop_the_rest()
    {
        var result = ConfigLoader.Parse("extension: txt\nmaxFileBytes: 42\n");
        Assert.Equal(42, result.Config.MaxFileBytes);
        Assert.Equal(Defaults.Extensions, result.Config.Extensions);
        Assert.Contains(":1:", result.Error);
        Assert.Contains("'extension'", result.Error);
        Assert.Contains("did you mean 'extensions'", result.Error);
    }

    [Fact]
    public void A_top_level_list_is_not_a_config()
    {
        var result = ConfigLoader.Parse("- md\n- txt\n");
        Assert.Equal(Defaults, result.Config);
        Assert.Contains(":1:", result.Error);
    }

    [Fact]
    public void Parse_applies_over_a_base_config()
    {
        var baseConfig = Defaults with { Ignore = ["drafts/**"], MaxFileBytes = 77 };
        var result = ConfigLoader.Parse("maxFileBytes: 88\nseverities: {link-broken: error}", baseConfig);
        Assert.Null(result.Error);
        Assert.Equal<string>(["drafts/**"], result.Config.Ignore);
        Assert.Equal(88, result.Config.MaxFileBytes);
        Assert.Equal(DiagnosticSeverity.Error, result.Config.Diagnostics.SeverityOf(DiagnosticCode.LinkBroken));
    }

    [Fact]
    public void Load_reads_the_vault_file_and_names_it_in_errors()
    {
        using var folder = new TempFolder();
        folder.Write(".notelsp.yml", "extensions: [txt]\nseverities:\n  link-broken: nope\n");
        var result = ConfigLoader.Load(folder.Root);
        Assert.Equal<string>([".txt"], result.Config.Extensions);
        Assert.NotNull(result.Error);
        Assert.Contains(Path.Combine(folder.Root, ".notelsp.yml") + ":3:", result.Error);
    }

    [Fact]
    public void Load_of_a_binary_file_does_not_throw()
    {
        using var folder = new TempFolder();
        folder.WriteBytes(".notelsp.yml", [0x00, 0xFF, 0xFE, 0x01, 0x7B, 0x5B]);
        var result = ConfigLoader.Load(folder.Root);
        Assert.Equal(Defaults, result.Config);
        Assert.NotNull(result.Error);
    }
}
