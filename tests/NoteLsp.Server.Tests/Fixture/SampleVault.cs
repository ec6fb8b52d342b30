namespace NoteLsp.Server.Tests.Fixture;

/// <summary>A small vault with every kind of element, and a way to find exact positions in its texts.</summary>
public static class SampleVault
{
    public const string Index = """
        ---
        title: Home
        aliases: [Start]
        ---
        # Home

        See [[alpha]] and [[Beta Title|the beta]] and [[alpha#Section One]].
        Also [[missing_note]] and [md](sub/gamma.md#intro).

        ## Local
        Jump to [[#Local]] or [[alpha#^block1]].
        Last [[beta]]
        """;

    public const string Alpha = """
        ---
        title: Alpha Note
        ---
        # Alpha

        Intro line of alpha.

        ## Section One

        Text of section one. ^block1

        ### Deeper

        ## Section Two
        """;

    public const string Beta = """
        # Beta Title

        Beta body links [[alpha]].
        """;

    public const string Gamma = """
        # Gamma

        ## Intro

        Gamma intro text.
        """;

    public const string Video = """
        ---
        title: Video note
        videoId: qTogNUV3CAI
        ---
        # Video

        Moment <a class="yt-timestamp" data-t="16:47">[16:47]</a> and [00:01:59](#01:59) and [02:00](#03:00).
        """;

    public static Dictionary<string, string> Files() => new()
    {
        ["index.md"] = Index,
        ["alpha.md"] = Alpha,
        ["beta.md"] = Beta,
        ["sub/gamma.md"] = Gamma,
        ["video.md"] = Video,
    };

    public static TempVault Create() => new(Files());
}

/// <summary>Positions of substrings in a text (UTF-16), computed independently of the server.</summary>
public static class TextAt
{
    /// <summary>The range of the n-th (0-based) occurrence of the fragment.</summary>
    public static (int Line, int Start, int EndLine, int End) Range(string text, string fragment, int occurrence = 0)
    {
        var index = -1;
        for (var i = 0; i <= occurrence; i++)
        {
            index = text.IndexOf(fragment, index + 1, StringComparison.Ordinal);
            if (index < 0) throw new ArgumentException($"\"{fragment}\" (occurrence {occurrence}) is not in the text");
        }
        var (line, character) = Position(text, index);
        var (endLine, endCharacter) = Position(text, index + fragment.Length);
        return (line, character, endLine, endCharacter);
    }

    public static (int Line, int Character) Position(string text, int offset)
    {
        var line = 0;
        var lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }
        return (line, offset - lineStart);
    }

    public static string Json(string text, string fragment, int occurrence = 0)
    {
        var (l, s, el, e) = Range(text, fragment, occurrence);
        return JsonAssert.Range(l, s, el, e);
    }
}
