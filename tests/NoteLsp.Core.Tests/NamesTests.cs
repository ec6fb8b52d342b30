using FsCheck.Xunit;
using NoteLsp.Core.Names;
using NoteLsp.Core.Parsing;
using NoteLsp.Core.Text;

namespace NoteLsp.Core.Tests;

/// <summary>Keys, slugs, anchors and video times: docs/notes-format.md §3, §4 and §6.</summary>
public class NamesTests
{
    [Theory]
    [InlineData("Pre-training vs post-training in AI")]
    [InlineData("pretraining_vs_posttraining_in_ai")]
    [InlineData("Pretraining VS posttraining in AI")]
    [InlineData("  PRE training / vs. post—training (in AI)!  ")]
    public void Spellings_of_one_name_share_a_key(string name) =>
        Assert.Equal("pretrainingvsposttraininginai", NoteNames.Key(name));

    [Theory]
    [InlineData("Café", "cafe")]
    [InlineData("Cafe\u0301", "cafe")]         // combining acute accent dropped
    [InlineData("Ｆｕｌｌｗｉｄｔｈ", "fullwidth")] // NFKD folds compatibility forms
    [InlineData("ﬁle", "file")]               // ligature
    [InlineData("日本語 ノート", "日本語ノート")]    // letters of any script stay
    [InlineData("😀 Emoji 😀", "emoji")]       // symbols are not letters
    [InlineData("Straße", "straße")]
    [InlineData("", "")]
    public void Key_folds_case_compatibility_forms_and_marks_and_keeps_only_letters_and_digits(string name, string key) =>
        Assert.Equal(key, NoteNames.Key(name));

    [Property(MaxTest = 500)]
    public bool KeyEquals_agrees_with_comparing_keys(string? a, string? b)
    {
        a ??= "";
        b ??= "";
        return NoteNames.KeyEquals(a, NoteNames.Key(a)) && NoteNames.KeyEquals(a, NoteNames.Key(b)) == (NoteNames.Key(a) == NoteNames.Key(b));
    }

    [Fact]
    public void Key_of_accented_and_punctuated_names_equals_the_full_normalization_rule()
    {
        // Key takes a per-character table for Latin and general punctuation; the ICU rule is the reference.
        var random = new Random(17);
        char Pick() => random.Next(10) switch
        {
            < 4 => (char)random.Next(0x20, 0x80),
            < 8 => (char)random.Next(0x80, 0x250),
            9 when random.Next(4) == 0 => (char)random.Next(0x300, 0x370), // a combining mark: the full rule runs
            _ => (char)random.Next(0x2000, 0x2070),
        };
        for (var c = 0x80; c < 0x2100; c++)
        {
            var one = ((char)c).ToString();
            if (!char.IsSurrogate((char)c)) Assert.Equal(NoteNames.KeyByNormalization(one), NoteNames.Key(one));
        }
        for (var i = 0; i < 5000; i++)
        {
            var name = new string(Enumerable.Range(0, random.Next(1, 24)).Select(_ => Pick()).ToArray());
            Assert.Equal(NoteNames.KeyByNormalization(name), NoteNames.Key(name));
        }
        Assert.Equal("slowfacadesforthemodernkitchen", NoteNames.Key("slow_façades_for_the_modern_kitchen"));
        Assert.Equal("uberdzoe", NoteNames.Key("Über ǅœ"[..4] + "ǅ" + "oe"));
    }

    [Property(MaxTest = 500)]
    public bool PooledKey_is_Key(string? name)
    {
        name ??= "";
        return NoteNames.PooledKey(name) == NoteNames.Key(name);
    }

    [Theory]
    [InlineData("Forgotten Springs for Beekeeping", "forgotten_springs_for_beekeeping")]
    [InlineData("Café au lait", "cafe-au-lait")]
    public void Spellings_of_one_name_share_one_pooled_key(string a, string b)
    {
        var key = NoteNames.PooledKey(a);
        Assert.Equal(NoteNames.Key(a), key);
        Assert.Same(key, NoteNames.PooledKey(b));
    }

    [Theory]
    [InlineData("Intro", "intro", true)]
    [InlineData("In-tro!", "intro", true)]
    [InlineData("Intro", "intr", false)]
    [InlineData("Intro", "introx", false)]
    [InlineData("Cafe\u0301", "cafe", true)]
    public void KeyEquals_examples(string text, string key, bool equal) => Assert.Equal(equal, NoteNames.KeyEquals(System.Text.RegularExpressions.Regex.Unescape(text), key));

    [Theory]
    [InlineData("Development and challenges in AI scaling and optimization", "development_and_challenges_in_ai_scaling_and_optimization")]
    [InlineData("  AI: safety & security -- measures!  ", "ai_safety_security_measures")]
    [InlineData("Über Größe", "über_größe")]
    [InlineData("???", "")]
    public void Slug_is_lower_case_words_joined_by_underscores(string name, string slug) =>
        Assert.Equal(slug, NoteNames.Slug(name));

    [Theory]
    [InlineData("AI Scaling: The Path and Challenges", "ai-scaling-the-path-and-challenges")]
    [InlineData("Sample-Efficient Methods", "sample-efficient-methods")]
    [InlineData("snake_case & more", "snake_case--more")]
    [InlineData("Émile's café", "émiles-café")]
    public void GitHub_anchor(string heading, string anchor) =>
        Assert.Equal(anchor, NoteNames.GitHubAnchor(heading));

    [Fact]
    public void Duplicate_anchors_get_numbered_like_github() =>
        Assert.Equal(["intro", "intro-1", "intro-2", "other", "intro-1-1"],
            NoteNames.UniqueAnchors(["Intro", "Intro", "Intro", "Other", "Intro 1"]));

    [Theory]
    [InlineData("16:47", 1007)]
    [InlineData("07:18", 438)]
    [InlineData("01:01:01", 3661)]
    [InlineData("75:30", 4530)]
    [InlineData("0:05", 5)]
    [InlineData("123:59:59", 123 * 3600 + 3599)]
    public void Valid_times_name_their_moment(string time, int seconds)
    {
        Assert.True(TimeText.TryParse(time, out var parsed));
        Assert.Equal(seconds, parsed);
    }

    [Theory]
    [InlineData("16:7")]
    [InlineData("1:60:00")]
    [InlineData("75:99")]
    [InlineData("1234:00")]
    [InlineData(":30")]
    [InlineData("1:02:03:04")]
    [InlineData("1:2:3")]
    [InlineData("")]
    [InlineData("ab:cd")]
    public void Invalid_times_are_refused(string time) => Assert.False(TimeText.TryParse(time, out _));

    [Fact]
    public void Pooled_strings_are_shared_and_equal_to_their_text()
    {
        var text = "x [[shared_target]] y [[shared_target]]";
        var first = StringPool.Intern(text, 4, 13);
        var second = StringPool.Intern(text, 24, 13);
        Assert.Equal("shared_target", first);
        Assert.Same(first, second);
        Assert.Equal("", StringPool.Intern(""));
        var huge = new string('x', 1000);
        Assert.Equal(huge, StringPool.Intern(huge));
    }

    [Fact]
    public void Threads_interning_the_same_texts_at_once_all_get_one_copy_of_each()
    {
        // Every thread interns the same fresh texts in the same order at the same time: each insert is contested.
        var prefix = Guid.NewGuid().ToString("N");
        var texts = Enumerable.Range(0, 20_000).Select(i => $"{prefix}/{i}").ToArray();
        const int threads = 8;
        var results = new string[threads][];
        using var start = new Barrier(threads);
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            var mine = results[t] = new string[texts.Length];
            start.SignalAndWait();
            for (var i = 0; i < texts.Length; i++) mine[i] = StringPool.Intern(texts[i].AsSpan());
        });
        var shared = 0;
        for (var i = 0; i < texts.Length; i++)
        {
            for (var t = 0; t < threads; t++) Assert.Equal(texts[i], results[t][i]);
            if (Enumerable.Range(1, threads - 1).All(t => ReferenceEquals(results[0][i], results[t][i]))) shared++;
        }
        // Not every one: the pool may start afresh while the threads run (other tests intern too), or give up on a
        // text whose slots are all taken. A thread that kept its own copy after losing a race would share almost none.
        Assert.True(shared > texts.Length * 95 / 100, $"{shared} of {texts.Length} texts shared by all threads");
    }
}

/// <summary>
/// Tests that fill the shared string pool until it grows and starts afresh. They run alone: a test elsewhere that
/// checks two texts are one string would otherwise see the pool start afresh between its two look-ups.
/// </summary>
[CollectionDefinition(nameof(StringPoolGrowthTests), DisableParallelization = true)]
[Collection(nameof(StringPoolGrowthTests))]
public class StringPoolGrowthTests
{
    [Fact]
    public void More_texts_than_the_pool_keeps_still_come_back_equal()
    {
        var prefix = Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 1_100_000; i++)
        {
            var text = $"{prefix}{i}";
            Assert.Equal(text, StringPool.Intern(text.AsSpan()));
        }
        // After starting afresh the pool shares again.
        Assert.Same(StringPool.Intern($"{prefix}again".AsSpan()), StringPool.Intern($"{prefix}again".AsSpan()));
    }

    [Fact]
    public void Texts_pooled_early_in_a_large_vault_are_still_shared_after_the_pool_grows()
    {
        // A 100,000-note vault interns about a million texts; the pool grows rather than forgetting the first ones
        // (it used to start afresh at 262,144, so every later link to an early target kept its own copy).
        var prefix = Guid.NewGuid().ToString("N")[..8];
        var first = StringPool.Intern($"{prefix}-first".AsSpan());
        for (var i = 0; i < 400_000; i++) StringPool.Intern($"{prefix}{i}".AsSpan());
        Assert.Same(first, StringPool.Intern($"{prefix}-first".AsSpan()));
        Assert.Same(StringPool.Intern($"{prefix}7".AsSpan()), StringPool.Intern($"{prefix}7".AsSpan()));
    }
}
