using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NoteLsp.Core.Features;
using NoteLsp.Core.Text;

namespace NoteLsp.Core.Tests;

public class UnlinkedMentionsTests
{
    private static TestVault Vault(string text) => TestVault.Of(
        ("long_context.md", "---\ntitle: Long Context\naliases: [Context Windows]\n---\n"),
        ("scaling_laws.md", "# Scaling Laws\n"),
        ("python.md", "# Python\n"),
        ("ai_art.md", "# AI Art\n"),
        ("a/same.md", "---\ntitle: Shared Name\n---\n"),
        ("b/other.md", "---\ntitle: Shared Name\n---\n"),
        ("note.md", text));

    private static List<(TextRange Range, string Text, string Target, string Link)> Find(string text)
    {
        var vault = Vault(text);
        return UnlinkedMentions.Find(vault.Snapshot, "note.md", text).Select(m => (m.Range, m.Text, m.Target.Path, m.LinkText)).ToList();
    }

    [Fact]
    public void Titles_and_aliases_in_prose_are_found_by_key_as_whole_words_with_the_seeds_link_form()
    {
        const string text = "On long-context models, scaling laws and context windows.\nNot longcontextual, nor Long Contexts.\n";
        Assert.Equal(
            [
                (new TextRange(0, 3, 0, 15), "long-context", "long_context.md", "[[long_context | long-context]]"),
                (new TextRange(0, 24, 0, 36), "scaling laws", "scaling_laws.md", "[[scaling_laws | scaling laws]]"),
                (new TextRange(0, 41, 0, 56), "context windows", "long_context.md", "[[long_context | context windows]]"),
            ],
            Find(text));
    }

    [Fact]
    public void Nothing_in_front_matter_headings_code_links_urls_or_comments_and_no_short_or_shared_names()
    {
        const string text = "---\nsummary: Long Context\n---\n# Long Context\n```\nLong Context\n```\n" +
            "`Long Context` [[x | Long Context]] [Long Context](y.md) https://e.com/Long-Context <!-- Long Context --> %% Long Context %%\n" +
            "Python and AI Art and Shared Name.\n<!--\nLong Context\n-->\n";
        Assert.Empty(Find(text));
    }

    [Fact]
    public void A_note_does_not_mention_itself_and_the_longest_name_wins_at_one_place()
    {
        var vault = TestVault.Of(
            ("scaling.md", "# Scaling Laws\n"),
            ("scaling_laws_of_ai.md", "# Scaling Laws of AI\n"),
            ("note.md", "Scaling Laws of AI differ.\n"));
        var mentions = UnlinkedMentions.Find(vault.Snapshot, "note.md", "Scaling Laws of AI differ.\n");
        Assert.Equal("scaling_laws_of_ai.md", Assert.Single(mentions).Target.Path);
        Assert.Empty(UnlinkedMentions.Find(vault.Snapshot, "scaling.md", "# Scaling Laws\nScaling laws matter.\n"));
    }

    [Fact]
    public void The_automaton_finds_every_key_ending_at_each_position()
    {
        var matcher = new AhoCorasick(["he", "she", "his", "hers", ""]);
        var found = new List<(int Key, int End)>();
        matcher.FindAll("ushers", found);
        Assert.Equal([(1, 4), (0, 4), (3, 6)], found);
    }

    /// <summary>
    /// Any keys (prefixes of one another, repeated, empty) over a small alphabet: every occurrence a plain search finds,
    /// in order of end, the longer key first at one end, a repeated key under its first index.
    /// </summary>
    [Property(MaxTest = 300)]
    public Property The_automaton_finds_what_a_plain_search_finds() => Prop.ForAll(
        Arb.From(Gen.Elements("a", "b", "ab", "ba", "aab", "").ArrayOf().Select(parts => string.Concat(parts)).ArrayOf()),
        Arb.From(Gen.Elements("a", "b", "c", "ab").ArrayOf().Select(string.Concat)),
        (keys, text) =>
        {
            var expected = new List<(int Key, int End)>();
            for (var end = 1; end <= text.Length; end++)
            {
                expected.AddRange(Enumerable.Range(0, keys.Length)
                    .Where(k => keys[k].Length > 0 && Array.IndexOf(keys, keys[k]) == k && text.AsSpan(0, end).EndsWith(keys[k]))
                    .OrderByDescending(k => keys[k].Length)
                    .Select(k => (k, end)));
            }
            var found = new List<(int Key, int End)>();
            new AhoCorasick(keys).FindAll(text, found);
            return found.SequenceEqual(expected);
        });

    [Fact]
    public void A_title_edited_since_the_names_were_indexed_is_found_under_its_new_name_only()
    {
        var vault = TestVault.Of(("sl.md", "# Scaling Laws\n"), ("other.md", "# Other Things\n"), ("note.md", "x\n"));
        const string text = "Scaling Laws and Power Laws Galore.\n";
        Assert.Equal(["Scaling Laws"], UnlinkedMentions.Find(vault.Snapshot, "note.md", text).Select(m => m.Text));
        var edited = vault.With("sl.md", "# Power Laws Galore\n");
        Assert.Equal(["Power Laws Galore"], UnlinkedMentions.Find(edited.Snapshot, "note.md", text).Select(m => m.Text));
    }
}
