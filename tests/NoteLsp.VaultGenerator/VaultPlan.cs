using System.Globalization;

namespace NoteLsp.VaultGenerator;

/// <summary>The codes of docs/notes-format.md §7, in the order of the spec's table.</summary>
public enum ProblemKind
{
    None = -1,
    LinkBroken,
    LinkAmbiguous,
    HeadingBroken,
    BlockBroken,
    LinkEmpty,
    TimestampInvalid,
    TimestampMismatch,
    TimestampNoVideo,
    TimestampOutOfRange,
    FrontmatterInvalid,
    VideoIdInvalid,
    EncodingInvalid,
    FootnoteBroken,
}

public static class ProblemCodes
{
    public const int Count = 13;

    public static string Code(this ProblemKind kind) => kind switch
    {
        ProblemKind.LinkBroken => "link-broken",
        ProblemKind.LinkAmbiguous => "link-ambiguous",
        ProblemKind.HeadingBroken => "heading-broken",
        ProblemKind.BlockBroken => "block-broken",
        ProblemKind.LinkEmpty => "link-empty",
        ProblemKind.TimestampInvalid => "timestamp-invalid",
        ProblemKind.TimestampMismatch => "timestamp-mismatch",
        ProblemKind.TimestampNoVideo => "timestamp-no-video",
        ProblemKind.TimestampOutOfRange => "timestamp-out-of-range",
        ProblemKind.FrontmatterInvalid => "frontmatter-invalid",
        ProblemKind.VideoIdInvalid => "video-id-invalid",
        ProblemKind.EncodingInvalid => "encoding-invalid",
        ProblemKind.FootnoteBroken => "footnote-broken",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static IReadOnlyList<string> All { get; } =
        Enumerable.Range(0, Count).Select(i => ((ProblemKind)i).Code()).ToArray();
}

internal enum TimestampStyle { HtmlAnchor, MarkdownLink, Mixed }

/// <summary>
/// A heading: Text is what it reads as (what links name it by, what its anchor is made of); Source is how it is
/// written when that differs (inline markup, or a wikilink to the note LinkTarget, which reads as the target's stem).
/// </summary>
internal sealed record HeadingPlan(string Text, int Level, string? Source = null, int LinkTarget = -1)
{
    public string Written => Source ?? Text;
}

/// <summary>Everything decided about one note before any text is written, so other notes can link to its headings and blocks.</summary>
internal sealed class NotePlan
{
    public required int Index { get; init; }
    public bool IsChannel { get; init; }
    public string Folder { get; set; } = "";
    public required string Stem { get; set; }
    public required string Title { get; set; }
    public string Path => Folder.Length == 0 ? Stem + ".md" : Folder + "/" + Stem + ".md";

    /// <summary>The stem is not the slug of the title ("ep_00042"), so links by title match at the title rank.</summary>
    public bool StemDiffersFromTitle { get; set; }

    /// <summary>One of two notes with the same stem in different folders: only path-qualified or title links may name it without ambiguity.</summary>
    public bool SharesStem { get; set; }

    /// <summary>The videoId as written (invalid on purpose for a video-id-invalid note); null: no videoId line.</summary>
    public string? VideoId { get; set; }
    public int? DurationSeconds { get; set; }
    public string? DurationText { get; set; }

    /// <summary>Valid timestamps stay below this moment (the duration when there is one).</summary>
    public int VideoLength { get; set; }
    public List<string> Aliases { get; } = [];
    public List<string> Tags { get; } = [];
    public List<HeadingPlan> Headings { get; } = [];
    public List<string> BlockIds { get; } = [];
    public bool Crlf { get; set; }
    public bool Bom { get; set; }
    public TimestampStyle Style { get; set; }
    public int ChannelIndex { get; set; } = -1;

    public ProblemKind Problem { get; set; } = ProblemKind.None;

    /// <summary>Which flavour of the problem (rotates so each code shows each of its forms).</summary>
    public int Variant { get; set; }

    /// <summary>The front matter parses, so title, aliases and videoId are what the plan says.</summary>
    public bool FrontMatterValid => Problem != ProblemKind.FrontmatterInvalid;

    /// <summary>Timestamps are written (valid ones, plus planted bad ones). A note without videoId only gets them when it plants timestamp-no-video.</summary>
    public bool WritesTimestamps =>
        !IsChannel && Problem != ProblemKind.FrontmatterInvalid && (VideoId is not null || Problem == ProblemKind.TimestampNoVideo);

    public bool IsAsciiPath => Names.IsAscii(Path);
}

/// <summary>Two notes sharing a stem: a bare [[stem]] is ambiguous.</summary>
internal sealed record SharedStemPair(string Stem, int First, int Second);

/// <summary>The whole vault decided up front (sequentially, from the seed); notes are then written in parallel from it.</summary>
internal sealed class VaultPlan
{
    public required GeneratorOptions Options { get; init; }
    public required NotePlan[] Notes { get; init; }
    public required int[] Channels { get; init; }

    /// <summary>Transcript notes a bare [[stem]] may target, most popular first; ZipfCumulative[i] is the cumulative weight up to ZipfPool[i].</summary>
    public required int[] ZipfPool { get; init; }
    public required double[] ZipfCumulative { get; init; }
    public required int[] AliasPool { get; init; }
    public required int[] SubfolderPool { get; init; }

    /// <summary>Notes far down the popularity list: targets of planted heading/block problems, so the popular notes' backlink counts do not depend on how fragment errors are counted.</summary>
    public required int[] QuietPool { get; init; }
    public required SharedStemPair[] Pairs { get; init; }
    public required int CompletionNote { get; init; }

    /// <summary>Keys (docs/notes-format.md §3) of every stem, title and alias in the vault.</summary>
    public required HashSet<string> UsedKeys { get; init; }

    /// <summary>Links from other notes that resolve to each note; incremented by the writers.</summary>
    public required int[] Backlinks { get; init; }

    public int PickZipf(Prng rng)
    {
        var total = ZipfCumulative[^1];
        var u = rng.NextDouble() * total;
        var i = Array.BinarySearch(ZipfCumulative, u);
        if (i < 0) i = ~i;
        return ZipfPool[Math.Min(i, ZipfPool.Length - 1)];
    }

    public static VaultPlan Create(GeneratorOptions options)
    {
        if (options.Notes < 50) throw new ArgumentException("A generated vault has at least 50 notes (every problem code needs hosts).", nameof(options));
        if (options.NoteBytes < 1000) throw new ArgumentException("NoteBytes must be at least 1000.", nameof(options));
        var rng = Prng.For(options.Seed, 1, 0);
        var used = new HashSet<string>(StringComparer.Ordinal);

        var perCode = Math.Max(options.MinProblemsPerCode, (int)Math.Round(options.Notes * options.ProblemRate / ProblemCodes.Count));
        var channelCount = Math.Clamp(options.Notes / 50, 2, 200);
        var pairCount = Math.Max(1, (perCode + 2) / 3);
        var transcriptCount = options.Notes - channelCount - 2 * pairCount;
        if (transcriptCount < ProblemCodes.Count * perCode + 10)
        {
            throw new ArgumentException($"{options.Notes} notes are too few for {perCode} planted problems of each of the {ProblemCodes.Count} codes; lower ProblemRate or MinProblemsPerCode.", nameof(options));
        }

        var notes = new List<NotePlan>(options.Notes);

        // Transcripts first (indices 0..transcriptCount-1), then the shared-stem pairs, then the channels.
        for (var i = 0; i < transcriptCount; i++)
        {
            var title = FreshTitle(rng, used);
            var note = new NotePlan { Index = notes.Count, Stem = Names.Slug(title), Title = title };
            if (rng.Chance(0.05))
            {
                // A stem that is not the title's slug: such notes are linked by title at the title rank.
                var stem = "ep_" + (i + 1).ToString("00000", CultureInfo.InvariantCulture);
                if (used.Add(Names.Key(stem)))
                {
                    note.Stem = stem;
                    note.StemDiffersFromTitle = true;
                }
            }
            if (rng.Chance(options.SubfolderRate)) note.Folder = rng.Pick(Words.Folders);
            DescribeTranscript(note, rng, options, used);
            notes.Add(note);
        }

        var pairs = new List<SharedStemPair>();
        for (var p = 0; p < pairCount; p++)
        {
            var stem = p == 0 ? "listener_questions" : "listener_questions_" + (p + 1).ToString(CultureInfo.InvariantCulture);
            if (!used.Add(Names.Key(stem))) throw new InvalidOperationException("shared stem collides: " + stem);
            var folderA = Words.Folders[(2 * p) % Words.Folders.Length];
            var folderB = Words.Folders[(2 * p + 1) % Words.Folders.Length];
            var first = new NotePlan { Index = notes.Count, Stem = stem, Title = FreshTitle(rng, used), Folder = folderA, SharesStem = true };
            DescribeTranscript(first, rng, options, used);
            notes.Add(first);
            var second = new NotePlan { Index = notes.Count, Stem = stem, Title = FreshTitle(rng, used), Folder = folderB, SharesStem = true };
            DescribeTranscript(second, rng, options, used);
            notes.Add(second);
            pairs.Add(new SharedStemPair(stem, first.Index, second.Index));
        }

        var channels = new List<int>();
        for (var c = 0; c < channelCount; c++)
        {
            string words;
            do
            {
                words = rng.Pick(Words.ChannelFirst) + " " + rng.Pick(Words.ChannelSecond);
                if (used.Contains(Names.Key(words))) words = words + " " + rng.Pick(Words.ChannelSecond);
            } while (!used.Add(Names.Key(words)));
            var note = new NotePlan
            {
                Index = notes.Count,
                IsChannel = true,
                Stem = words.Replace(" ", "", StringComparison.Ordinal),
                Title = words,
                Folder = "channels",
                Crlf = rng.Chance(options.CrlfRate),
            };
            note.Tags.Add("channel");
            note.Headings.Add(new HeadingPlan("Recent episodes", 2));
            channels.Add(note.Index);
            notes.Add(note);
        }

        foreach (var note in notes)
        {
            if (!note.IsChannel) note.ChannelIndex = rng.Pick(channels);
        }

        // Planted problems: hosts are ordinary transcripts (not the shared-stem notes), one code each, codes in rotation.
        var hosts = Enumerable.Range(0, transcriptCount).ToList();
        rng.Shuffle(hosts);
        for (var h = 0; h < ProblemCodes.Count * perCode; h++)
        {
            var note = notes[hosts[h]];
            note.Problem = (ProblemKind)(h % ProblemCodes.Count);
            note.Variant = h / ProblemCodes.Count;
            AdjustForProblem(note, rng);
        }
        var completionNote = hosts[ProblemCodes.Count * perCode];

        // Popularity: a random order of the transcripts, weighted 1/rank^s.
        var pool = Enumerable.Range(0, transcriptCount).ToArray();
        rng.Shuffle(pool);
        var cumulative = new double[pool.Length];
        var sum = 0.0;
        for (var r = 0; r < pool.Length; r++)
        {
            sum += 1.0 / Math.Pow(r + 1, options.ZipfExponent);
            cumulative[r] = sum;
        }
        var quietStart = Math.Min(pool.Length / 2, 20);

        // Some headings hold a wikilink ("About [[stem]]", read as "About stem"): a backlink from inside a heading,
        // which renames must keep and follow. Targets are quiet transcripts with ASCII stems (never a shared stem, never
        // a popular note: renaming the most linked note, as the end-to-end benchmark does, then rewrites only its links).
        var linkable = pool[quietStart..].Where(i => Names.IsAscii(notes[i].Stem)).ToArray();
        for (var i = 0; i < transcriptCount && linkable.Length > 1; i++)
        {
            if (!rng.Chance(0.12)) continue;
            var note = notes[i];
            var target = notes[rng.Pick(linkable)];
            if (target.Index == note.Index) continue;
            var text = "About " + target.Stem;
            if (note.Headings.Any(h => Names.Key(h.Text) == Names.Key(text) || Names.AsciiAnchor(h.Text) == Names.AsciiAnchor(text))) continue;
            var at = 1 + rng.Next(note.Headings.Count - 1);
            note.Headings[at] = new HeadingPlan(text, note.Headings[at].Level, "About [[" + target.Stem + "]]", target.Index);
        }

        return new VaultPlan
        {
            Options = options,
            Notes = notes.ToArray(),
            Channels = channels.ToArray(),
            ZipfPool = pool,
            ZipfCumulative = cumulative,
            AliasPool = notes.Where(n => n.Aliases.Count > 0 && n.FrontMatterValid).Select(n => n.Index).ToArray(),
            SubfolderPool = notes.Where(n => !n.IsChannel && n.Folder.Length > 0).Select(n => n.Index).ToArray(),
            QuietPool = pool[quietStart..],
            Pairs = pairs.ToArray(),
            CompletionNote = completionNote,
            UsedKeys = used,
            Backlinks = new int[notes.Count],
        };
    }

    private static string FreshTitle(Prng rng, HashSet<string> used)
    {
        for (var attempt = 0; ; attempt++)
        {
            var title = rng.Next(6) switch
            {
                0 => $"{rng.Pick(Words.Adjectives)} {rng.Pick(Words.Nouns)} and {rng.Pick(Words.Nouns)}",
                1 => $"{rng.Pick(Words.Nouns)} in {rng.Pick(Words.Fields)}",
                2 => $"the {rng.Pick(Words.Adjectives)} {rng.Pick(Words.Nouns)} of {rng.Pick(Words.Fields)}",
                3 => $"how {rng.Pick(Words.Nouns)} shapes {rng.Pick(Words.Nouns)}",
                4 => $"{rng.Pick(Words.Nouns)} versus {rng.Pick(Words.Nouns)} in {rng.Pick(Words.Fields)}",
                _ => $"{rng.Pick(Words.Adjectives)} {rng.Pick(Words.Nouns)} for {rng.Pick(Words.Fields)}",
            };
            if (attempt > 50) title += " part " + (attempt - 49).ToString(CultureInfo.InvariantCulture);
            title = Names.Capitalize(title);
            if (used.Add(Names.Key(title))) return title;
        }
    }

    private static readonly string[] AsciiNouns = Words.Nouns.Where(Names.IsAscii).ToArray();
    private static readonly string[] AsciiAdjectives = Words.Adjectives.Where(Names.IsAscii).ToArray();

    private static void DescribeTranscript(NotePlan note, Prng rng, GeneratorOptions options, HashSet<string> used)
    {
        note.Crlf = rng.Chance(options.CrlfRate);
        note.Bom = rng.Chance(0.01);
        note.Style = rng.Next(10) switch { < 4 => TimestampStyle.HtmlAnchor, < 9 => TimestampStyle.MarkdownLink, _ => TimestampStyle.Mixed };
        var hasVideo = rng.Chance(0.93);
        note.VideoLength = rng.Next(12 * 60, 100 * 60);
        if (hasVideo)
        {
            note.VideoId = NewVideoId(rng);
            if (rng.Chance(0.65)) SetDuration(note, rng);
        }

        if (rng.Chance(0.12))
        {
            var count = rng.Chance(0.7) ? 1 : 2;
            for (var attempt = 0; note.Aliases.Count < count && attempt < 20; attempt++)
            {
                var alias = rng.Next(3) switch
                {
                    0 => $"{Names.Capitalize(rng.Pick(AsciiNouns))} {rng.Pick(AsciiNouns)} talk",
                    1 => $"The {rng.Pick(Words.Adjectives)} {rng.Pick(AsciiNouns)} episode",
                    _ => $"{Names.Capitalize(rng.Pick(Words.Adjectives))} {rng.Pick(AsciiNouns)} chat",
                };
                if (used.Add(Names.Key(alias))) note.Aliases.Add(alias);
            }
        }

        var tagCount = rng.Next(1, 4);
        while (note.Tags.Count < tagCount)
        {
            var tag = rng.Pick(Words.Tags);
            if (!note.Tags.Contains(tag)) note.Tags.Add(tag);
        }

        var headingCount = rng.Next(3, 8);
        var headingKeys = new HashSet<string>(StringComparer.Ordinal);
        while (note.Headings.Count < headingCount)
        {
            var text = rng.Next(6) switch
            {
                0 => $"{Names.Capitalize(rng.Pick(AsciiNouns))} and {rng.Pick(AsciiNouns)}",
                1 => $"Why {rng.Pick(AsciiNouns)} matters",
                2 => $"The role of {rng.Pick(AsciiNouns)}",
                3 => $"{Names.Capitalize(rng.Pick(AsciiAdjectives))} {rng.Pick(AsciiNouns)}",
                4 => $"Working with {rng.Pick(AsciiNouns)}",
                _ => $"Lessons from {rng.Pick(AsciiNouns)}",
            };
            if (!headingKeys.Add(Names.Key(text)) || !headingKeys.Add("anchor:" + Names.AsciiAnchor(text))) continue;
            var level = note.Headings.Count == 0 ? 2 : rng.Chance(0.35) ? 3 : 2;
            note.Headings.Add(new HeadingPlan(text, level, WithMarkup(text, rng)));
        }

        if (rng.Chance(0.5))
        {
            var blocks = rng.Next(1, 4);
            while (note.BlockIds.Count < blocks)
            {
                var id = NewBlockId(rng);
                if (!note.BlockIds.Contains(id)) note.BlockIds.Add(id);
            }
        }
    }

    /// <summary>Now and then one word in bold, emphasis or code: the heading reads the same (links and anchor unchanged).</summary>
    private static string? WithMarkup(string text, Prng rng)
    {
        if (!rng.Chance(0.15)) return null;
        var words = text.Split(' ');
        var at = rng.Next(words.Length);
        var mark = rng.Next(3) switch { 0 => "**", 1 => "*", _ => "`" };
        words[at] = mark + words[at] + mark;
        return string.Join(' ', words);
    }

    private static void SetDuration(NotePlan note, Prng rng)
    {
        var seconds = note.VideoLength;
        note.DurationSeconds = seconds;
        var h = seconds / 3600;
        var m = seconds % 3600 / 60;
        var s = seconds % 60;
        note.DurationText = rng.Next(4) switch
        {
            0 => seconds.ToString(CultureInfo.InvariantCulture),
            1 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 60}:{s:00}"),
            _ => h > 0 ? string.Create(CultureInfo.InvariantCulture, $"{h}:{m:00}:{s:00}") : string.Create(CultureInfo.InvariantCulture, $"{m:00}:{s:00}"),
        };
    }

    private const string VideoIdAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

    private static string NewVideoId(Prng rng)
    {
        Span<char> id = stackalloc char[11];
        id[0] = VideoIdAlphabet[rng.Next(52)]; // a letter first: never read as anything but a string
        for (var i = 1; i < 11; i++) id[i] = VideoIdAlphabet[rng.Next(VideoIdAlphabet.Length)];
        return new string(id);
    }

    private static string NewBlockId(Prng rng)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        Span<char> id = stackalloc char[6];
        id[0] = alphabet[rng.Next(26)];
        for (var i = 1; i < 6; i++) id[i] = alphabet[rng.Next(alphabet.Length)];
        return new string(id);
    }

    /// <summary>Makes the host note fit its problem, and only its problem.</summary>
    private static void AdjustForProblem(NotePlan note, Prng rng)
    {
        switch (note.Problem)
        {
            case ProblemKind.TimestampNoVideo:
                note.VideoId = null;
                note.DurationSeconds = null;
                note.DurationText = null;
                break;
            case ProblemKind.TimestampOutOfRange:
                note.VideoId ??= NewVideoId(rng);
                if (note.DurationSeconds is null) SetDuration(note, rng);
                break;
            case ProblemKind.FrontmatterInvalid:
                // Title, aliases and videoId are lost with the YAML: nobody links it by title or alias, and it has no timestamps.
                note.Aliases.Clear();
                note.VideoId ??= NewVideoId(rng);
                if (note.DurationSeconds is null) SetDuration(note, rng);
                if (note.Tags.Count < 2) note.Tags.Add(note.Tags.Contains("science") ? "craft" : "science");
                break;
            case ProblemKind.VideoIdInvalid:
                note.VideoId = (note.Variant % 4) switch
                {
                    0 => NewVideoId(rng)[..6],
                    1 => NewVideoId(rng) + "x",
                    2 => NewVideoId(rng)[..5] + "." + NewVideoId(rng)[..5],
                    _ => NewVideoId(rng)[..4] + "!" + NewVideoId(rng)[..6],
                };
                break;
            case ProblemKind.TimestampInvalid:
            case ProblemKind.TimestampMismatch:
                note.VideoId ??= NewVideoId(rng);
                break;
        }
    }
}
