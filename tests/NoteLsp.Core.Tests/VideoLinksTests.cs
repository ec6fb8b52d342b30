using NoteLsp.Core.Parsing;

namespace NoteLsp.Core.Tests;

/// <summary>Which YouTube URLs name a moment of a video (docs/notes-format.md §6.2).</summary>
public class VideoLinksTests
{
    [Theory]
    [InlineData("https://youtu.be/ID_x-1?t=119", "ID_x-1", 119)]
    [InlineData("https://youtu.be/ID?si=abc&t=119s", "ID", 119)]
    [InlineData("https://www.youtube.com/watch?v=ID&t=1m59s", "ID", 119)]
    [InlineData("http://youtube.com/watch?t=1h0m2s&v=ID", "ID", 3602)]
    [InlineData("https://m.youtube.com/watch?v=ID&t=2m", "ID", 120)]
    [InlineData("HTTPS://WWW.YOUTUBE.COM/watch?v=ID#t=5", "ID", 5)]
    public void A_link_at_a_moment_is_read(string url, string id, int seconds)
    {
        Assert.True(VideoLinks.TryParse(url, out var foundId, out var foundSeconds));
        Assert.Equal((id, seconds), (foundId, foundSeconds));
    }

    [Theory]
    [InlineData("https://youtu.be/ID")]
    [InlineData("https://www.youtube.com/watch?v=ID")]
    [InlineData("https://www.youtube.com/embed/ID?t=5")]
    [InlineData("https://example.com/watch?v=ID&t=5")]
    [InlineData("https://youtu.be/ID?t=1m59")]
    [InlineData("https://youtu.be/ID?t=5s1m")]
    [InlineData("https://youtu.be/ID?t=99999999")]
    [InlineData("https://youtu.be/a%20b?t=5")]
    [InlineData("ftp://youtu.be/ID?t=5")]
    public void Anything_else_is_not(string url) => Assert.False(VideoLinks.TryParse(url, out _, out _));

    [Fact]
    public void Containers_are_covered_whole_and_a_label_worth_keeping_is_kept()
    {
        const string Line = "A [talk](https://youtu.be/ID?t=5), <https://youtu.be/ID?t=6>, [0:07](https://youtu.be/ID?t=7) and https://youtu.be/ID?t=8.";
        Assert.Equal(
            [
                new VideoLink(2, 33, "ID", 5, "talk"),
                new VideoLink(35, 60, "ID", 6, null),
                new VideoLink(62, 93, "ID", 7, null),
                new VideoLink(98, 121, "ID", 8, null),
            ],
            VideoLinks.In(Line));
    }
}
