using System.Globalization;

namespace NoteLsp.VaultGenerator;

/// <summary>A link worth a definition check, before the target's heading/block lines are known.</summary>
internal sealed record SampleDraft(string Kind, int Line, int Character, string LinkText, int Target, int HeadingIndex, int BlockIndex);

/// <summary>What writing one note produced.</summary>
internal sealed class NoteResult
{
    public List<PlantedProblem> Problems { get; } = [];
    public List<SampleDraft> Samples { get; } = [];
    public int[] HeadingLines { get; set; } = [];
    public int[] BlockLines { get; set; } = [];
    public int LinkCount { get; set; }
    public int TimestampCount { get; set; }
    public long Bytes { get; set; }
    public CompletionProbe? Completion { get; set; }
}

/// <summary>
/// Writes one note from its plan with its own random stream, recording the exact position of every planted
/// problem. Everything that is not planted is written to be clean: links resolve, times are valid and inside
/// the video, code spans and blocks hold the only link-like text that must not count.
/// </summary>
internal sealed class NoteComposer
{
    private const int MaxSamplesPerNote = 2;

    private static readonly string[] Connectors =
    [
        "as discussed in", "see", "which connects to", "much like", "building on", "a point also made in",
        "compare", "related to", "explored further in", "echoing",
    ];

    private static readonly string[] Fillers =
    [
        "and the guest takes time to unpack it", "which the host finds hard to believe", "with a short demonstration",
        "before moving on", "in plain words", "with a few caveats", "and nobody in the studio disagrees",
    ];

    private readonly VaultPlan _plan;
    private readonly NotePlan _note;
    private readonly Prng _rng;
    private readonly NoteWriter _w;
    private readonly NoteResult _result = new();
    private int _problemParagraph = -1;
    private int _paragraphCounter;

    private NoteComposer(VaultPlan plan, NotePlan note)
    {
        _plan = plan;
        _note = note;
        _rng = Prng.For(plan.Options.Seed, 2, note.Index);
        _w = new NoteWriter(note.Crlf ? "\r\n" : "\n", plan.Options.NoteBytes + 1024);
    }

    public static NoteResult Compose(VaultPlan plan, NotePlan note, string root)
    {
        var composer = new NoteComposer(plan, note);
        if (note.IsChannel) composer.WriteChannel();
        else composer.WriteTranscript();
        var bytes = composer._w.ToBytes(note.Bom);
        // Plain create + write: File.WriteAllBytes preallocates, which costs a system call per file here.
        using (var handle = File.OpenHandle(System.IO.Path.Combine(root, note.Path), FileMode.CreateNew, FileAccess.Write))
        {
            RandomAccess.Write(handle, bytes, 0);
        }
        composer._result.Bytes = bytes.Length;
        return composer._result;
    }

    // ---------------------------------------------------------------- structure

    private void WriteTranscript()
    {
        WriteFrontMatter();
        _w.NewLine();

        var sections = _note.Headings.Count;
        var paragraphs = Math.Max(sections + 1, _plan.Options.NoteBytes / 560);
        var perSection = new int[sections];
        for (var p = 0; p < paragraphs - 1; p++) perSection[p < sections ? p : _rng.Next(sections)]++;

        // Blocks go on distinct body paragraphs (never the intro, which starts with the From line).
        var bodyParagraphs = paragraphs - 1;
        var blockAt = new Dictionary<int, int>();
        var choices = Enumerable.Range(1, bodyParagraphs).ToList();
        _rng.Shuffle(choices);
        for (var b = 0; b < _note.BlockIds.Count; b++) blockAt[choices[b]] = b;
        _result.BlockLines = new int[_note.BlockIds.Count];
        _result.HeadingLines = new int[sections];
        if (_note.Problem != ProblemKind.None) _problemParagraph = _rng.Next(paragraphs);

        _w.Write("From: ");
        var channel = _plan.Notes[_note.ChannelIndex];
        var channelPos = WikiLink(channel.Stem, null, null, null);
        CountBacklink(channel.Index);
        MaybeSample("stem", channelPos, channel.Stem, channel.Index);
        _w.Write(" <br/> ").NewLine();
        Paragraph(null);
        _w.NewLine();

        for (var s = 0; s < sections; s++)
        {
            var heading = _note.Headings[s];
            _result.HeadingLines[s] = _w.CurrentLine;
            _w.WriteLine(new string('#', heading.Level) + " " + heading.Written).NewLine();
            if (heading.LinkTarget >= 0)
            {
                _result.LinkCount++;
                CountBacklink(heading.LinkTarget);
            }
            for (var p = 0; p < perSection[s]; p++)
            {
                var number = _paragraphCounter;
                Paragraph(blockAt.TryGetValue(number, out var b) ? b : null);
                _w.NewLine();
            }
            WriteExtras();
        }

        if (_note.Index == _plan.CompletionNote)
        {
            _w.Write("Draft idea for the next episode: [[");
            var at = _w.Position;
            _result.Completion = new CompletionProbe(_note.Path, at.Line, at.Character, "", "");
            _w.NewLine();
        }
    }

    private void WriteChannel()
    {
        _w.WriteLine("---");
        _w.WriteLine("title: " + _note.Title);
        _w.WriteLine("tags: [channel]");
        _w.WriteLine("---");
        _w.NewLine();
        _w.Write("The channel ").Write(_note.Title).Write(" publishes long conversations with makers and scientists.");
        for (var i = 0; i < 2; i++) _w.Write(' ').Write(PlainSentence());
        _w.NewLine().NewLine();
        _result.HeadingLines = [_w.CurrentLine];
        _w.WriteLine("## " + _note.Headings[0].Text).NewLine();
        var count = _rng.Next(3, 7);
        for (var i = 0; i < count; i++)
        {
            var target = _plan.Notes[_plan.ZipfPool[_rng.Next(_plan.ZipfPool.Length)]];
            _w.Write("- ");
            var pos = WikiLink(target.Stem, null, null, target.Title.ToLowerInvariant());
            CountBacklink(target.Index);
            MaybeSample("stem", pos, target.Stem, target.Index);
            _w.NewLine();
        }
    }

    private void WriteFrontMatter()
    {
        var broken = _note.Problem == ProblemKind.FrontmatterInvalid ? _note.Variant % 4 : -1;
        _w.WriteLine("---");

        if (broken == 0)
        {
            // A colon after the first word: "Mapping values are not allowed here", reported at that colon.
            var space = _note.Title.IndexOf(' ');
            var first = _note.Title[..space];
            _w.Write("title: ").Write(first);
            Plant(ProblemKind.FrontmatterInvalid, _w.Position, "colon inside an unquoted title");
            _w.Write(':').WriteLine(_note.Title[space..]);
        }
        else
        {
            _w.WriteLine("title: " + _note.Title);
        }

        if (_note.VideoId is { } videoId)
        {
            if (broken == 1)
            {
                // "videoId" without its colon: a key with no value, reported at the start of the line.
                Plant(ProblemKind.FrontmatterInvalid, _w.Position, "videoId line without its colon");
                _w.WriteLine("videoId " + videoId);
            }
            else
            {
                _w.Write("videoId: ");
                if (_note.Problem == ProblemKind.VideoIdInvalid) Plant(ProblemKind.VideoIdInvalid, _w.Position, $"videoId \"{videoId}\"");
                _w.WriteLine(videoId);
            }
        }

        if (_note.DurationText is { } duration)
        {
            if (broken == 2)
            {
                // An indented key continues the videoId scalar; the colon after it is reported.
                _w.Write("  duration");
                Plant(ProblemKind.FrontmatterInvalid, _w.Position, "over-indented duration line");
                _w.WriteLine(": " + duration);
            }
            else
            {
                _w.WriteLine("duration: " + duration);
            }
        }

        if (_note.Aliases.Count > 0)
        {
            switch (_rng.Next(3))
            {
                case 0 when _note.Aliases.Count == 1:
                    _w.WriteLine("aliases: " + _note.Aliases[0]);
                    break;
                case 1:
                    _w.WriteLine("aliases:");
                    foreach (var alias in _note.Aliases) _w.WriteLine("  - " + alias);
                    break;
                default:
                    _w.WriteLine("aliases: [" + string.Join(", ", _note.Aliases) + "]");
                    break;
            }
        }

        if (broken == 3)
        {
            // The second list item is less indented than the first: "did not find expected key" at its dash.
            _w.WriteLine("tags:");
            _w.WriteLine("  - " + _note.Tags[0]);
            _w.Write(" ");
            Plant(ProblemKind.FrontmatterInvalid, _w.Position, "tag list item with the wrong indentation");
            _w.WriteLine("- " + _note.Tags[1]);
        }
        else if (_note.Tags.Count == 1 && _rng.Chance(0.5))
        {
            _w.WriteLine("tags: " + _note.Tags[0]);
        }
        else if (_rng.Chance(0.5))
        {
            _w.WriteLine("tags: [" + string.Join(", ", _note.Tags) + "]");
        }
        else
        {
            _w.WriteLine("tags:");
            foreach (var tag in _note.Tags) _w.WriteLine("  - " + tag);
        }
        _w.WriteLine("---");
    }

    private void Paragraph(int? blockIndex)
    {
        var number = _paragraphCounter++;
        var sentences = _rng.Next(3, 6);
        var problemAt = number == _problemParagraph ? _rng.Next(sentences) : -1;
        for (var s = 0; s < sentences; s++)
        {
            if (s > 0) _w.Write(' ');
            if (s == problemAt) PlantProblemSentence();
            else Sentence(allowElements: true);
        }
        if (blockIndex is { } b)
        {
            _w.Write(" ^").Write(_note.BlockIds[b]);
            _result.BlockLines[b] = _w.CurrentLine;
        }
        _w.NewLine();
    }

    /// <summary>Callouts, lists, code and the like after a section's paragraphs. Order matters: an indented code block must follow a paragraph, never a list.</summary>
    private void WriteExtras()
    {
        if (_rng.Chance(0.03))
        {
            _w.WriteLine("    [[indented_code_is_not_a_link]] and [12:7](#12:7) stay literal here").NewLine();
        }
        if (_rng.Chance(0.3))
        {
            var kind = _rng.Pick(Words.CalloutKinds);
            _w.WriteLine($"> [!{kind}] {Names.Capitalize(_rng.Pick(Words.Adjectives))} {_rng.Pick(Words.Nouns)}");
            _w.WriteLine("> ");
            _w.Write("> ");
            var sentences = _rng.Next(1, 3);
            for (var s = 0; s < sentences; s++)
            {
                if (s > 0) _w.Write(' ');
                Sentence(allowElements: true);
            }
            _w.NewLine().NewLine();
        }
        if (_rng.Chance(0.06))
        {
            var fence = _rng.Chance(0.5) ? "```" : "~~~";
            _w.WriteLine(fence == "```" ? fence + "markdown" : fence);
            _w.WriteLine("Example: [[example_target_in_a_code_block]] and <a class=\"yt-timestamp\" data-t=\"99:99\">[99:99]</a>");
            _w.WriteLine("[[]] [1:2:3](#1:2:3) [[also_not#a link]]");
            _w.WriteLine(fence).NewLine();
        }
        if (_rng.Chance(0.03))
        {
            _w.WriteLine("<!-- TODO: follow up on [[a_note_still_to_write]] at <a class=\"yt-timestamp\" data-t=\"88:88\">[88:88]</a> -->").NewLine();
        }
        if (_rng.Chance(0.04))
        {
            _w.WriteLine("| Topic | Episode |");
            _w.WriteLine("| --- | --- |");
            var rows = _rng.Next(1, 4);
            for (var r = 0; r < rows; r++)
            {
                var target = PickZipfOther();
                _w.Write("| ").Write(Names.Capitalize(_rng.Pick(Words.Nouns))).Write(" | ");
                var pos = WikiLink(target.Stem, null, null, _rng.Chance(0.6) ? _rng.Pick(Words.Nouns) : null, tableSeparator: true);
                CountBacklink(target.Index);
                MaybeSample("table", pos, target.Stem, target.Index);
                _w.WriteLine(" |");
            }
            _w.NewLine();
        }
        if (_rng.Chance(0.18))
        {
            var numbered = _rng.Chance(0.6);
            var items = _rng.Next(2, 5);
            for (var i = 0; i < items; i++)
            {
                _w.Write(numbered ? (i + 1).ToString(CultureInfo.InvariantCulture) + ". " : "- ");
                _w.Write("**").Write(Names.Capitalize(_rng.Pick(Words.Nouns))).Write("**: ");
                Sentence(allowElements: true);
                _w.NewLine();
            }
            _w.NewLine();
        }
        if (_rng.Chance(0.08))
        {
            // An embed of another note (or of one of its sections) on its own line: a link like any other.
            var target = PickZipfOther();
            var h = _rng.Chance(0.3) ? _rng.Next(target.Headings.Count) : -1;
            _w.Write("!");
            var pos = WikiLink(target.Stem, h >= 0 ? target.Headings[h].Text : null, null, null);
            CountBacklink(target.Index);
            MaybeSample("embed", pos, target.Stem, target.Index, headingIndex: h);
            _w.NewLine().NewLine();
        }
    }

    // ---------------------------------------------------------------- sentences

    private string PlainSentence()
    {
        var words = new List<string> { Names.Capitalize(_rng.Pick(Words.Prose)) };
        var count = _rng.Next(7, 15);
        for (var i = 0; i < count; i++) words.Add(_rng.Pick(Words.Prose));
        return string.Join(' ', words) + ".";
    }

    private void Sentence(bool allowElements)
    {
        if (_rng.Chance(0.2)) _w.Write(_rng.Pick(Words.Openers)).Write(", the ");
        else _w.Write(Names.Capitalize(_rng.Pick(Words.Prose))).Write(' ');
        var count = _rng.Next(7, 16);
        var unicodeAt = _rng.Chance(0.05) ? _rng.Next(count) : -1;
        var codeAt = _rng.Chance(0.03) ? _rng.Next(count) : -1;
        for (var i = 0; i < count; i++)
        {
            if (i > 0) _w.Write(' ');
            _w.Write(_rng.Pick(Words.Prose));
            if (i == unicodeAt) _w.Write(' ').Write(_rng.Pick(Words.Unicode));
            if (i == codeAt)
            {
                _w.Write(_rng.Chance(0.5)
                    ? " (written as `[[inline_code_is_not_a_link]]` in the show notes)"
                    : " (the notes use `[00:12](#00:12)` and `<a class=\"yt-timestamp\" data-t=\"1:2\">` there)");
            }
        }
        if (allowElements && _rng.Chance(0.5))
        {
            _w.Write(' ').Write(_rng.Pick(Connectors)).Write(' ');
            Link();
        }
        if (_rng.Chance(0.15)) _w.Write(", ").Write(_rng.Pick(Fillers));
        if (allowElements && _note.WritesTimestamps && _rng.Chance(_note.VideoId is null ? 0.08 : 0.35))
        {
            ValidTimestamp();
        }
        _w.Write('.');
    }

    private void PlantProblemSentence()
    {
        _w.Write(_rng.Pick(Words.Openers)).Write(", the ").Write(_rng.Pick(Words.Prose)).Write(' ').Write(_rng.Pick(Words.Prose)).Write(' ');
        var kind = _note.Problem;
        var variant = _note.Variant;
        switch (kind)
        {
            case ProblemKind.LinkBroken:
                {
                    _w.Write("comes back to ");
                    var missing = MissingName(asciiOnly: variant % 3 == 2);
                    switch (variant % 3)
                    {
                        case 0:
                            Plant(kind, WikiLink(Names.Slug(missing), null, null, missing.ToLowerInvariant()), $"[[{Names.Slug(missing)}]] names no note");
                            break;
                        case 1:
                            Plant(kind, WikiLink(missing, null, null, null), $"[[{missing}]] names no note");
                            break;
                        default:
                            _w.Write('[').Write(missing.ToLowerInvariant()).Write("](");
                            Plant(kind, _w.Position, $"Markdown link to missing {Names.Slug(missing)}.md");
                            _w.Write(Names.Slug(missing)).Write(".md)");
                            _result.LinkCount++;
                            break;
                    }
                    break;
                }
            case ProblemKind.LinkAmbiguous:
                {
                    var pair = _plan.Pairs[variant % _plan.Pairs.Length];
                    _w.Write("answers one of the ");
                    var label = variant % 2 == 0 ? null : "listener questions";
                    Plant(kind, WikiLink(pair.Stem, null, null, label), $"[[{pair.Stem}]] matches {_plan.Notes[pair.First].Path} and {_plan.Notes[pair.Second].Path}");
                    break;
                }
            case ProblemKind.HeadingBroken:
                {
                    var target = PickQuiet();
                    string heading;
                    do heading = $"Notes on {_rng.Pick(Words.Adjectives)} {_rng.Pick(Words.Nouns)}";
                    while (target.Headings.Any(h => Names.Key(h.Text) == Names.Key(heading) || Names.AsciiAnchor(h.Text) == heading));
                    _w.Write("points to ");
                    _w.Write("[[").Write(target.Stem).Write('#');
                    Plant(kind, _w.Position, $"no heading \"{heading}\" in {target.Path}");
                    _w.Write(heading).Write(" | ").Write(heading.ToLowerInvariant()).Write("]]");
                    _result.LinkCount++;
                    CountBacklink(target.Index);
                    break;
                }
            case ProblemKind.BlockBroken:
                {
                    var target = PickQuiet();
                    string id;
                    do id = "zz" + _rng.Next(1000, 10000).ToString(CultureInfo.InvariantCulture);
                    while (target.BlockIds.Contains(id));
                    _w.Write("quotes ");
                    _w.Write("[[").Write(target.Stem).Write("#^");
                    Plant(kind, _w.Position, $"no block ^{id} in {target.Path}");
                    _w.Write(id).Write("]]");
                    _result.LinkCount++;
                    CountBacklink(target.Index);
                    break;
                }
            case ProblemKind.LinkEmpty:
                {
                    _w.Write("leaves an empty link ");
                    Plant(kind, _w.Position, "empty link");
                    _w.Write((variant % 3) switch { 0 => "[[]]", 1 => "[[ | " + _rng.Pick(Words.Nouns) + "]]", _ => "[[#]]" });
                    _result.LinkCount++;
                    break;
                }
            case ProblemKind.TimestampInvalid:
                {
                    _w.Write("jumps to the demonstration");
                    var seconds = ValidMoment();
                    var badShort = string.Create(CultureInfo.InvariantCulture, $"{seconds / 60}:{seconds % 10}");
                    switch (variant % 3)
                    {
                        case 0:
                            _w.Write(" (<a class=\"yt-timestamp\" data-t=\"");
                            Plant(kind, _w.Position, $"data-t \"{badShort}\"");
                            _w.Write(badShort).Write("\">[").Write(Short(seconds)).Write("]</a>)");
                            break;
                        case 1:
                            {
                                var badLong = string.Create(CultureInfo.InvariantCulture, $"0:{60 + _rng.Next(40)}:{seconds % 60:00}");
                                _w.Write(" [");
                                Plant(kind, _w.Position, $"display \"{badLong}\"");
                                _w.Write(badLong).Write("](#").Write(Short(seconds)).Write(')');
                                break;
                            }
                        default:
                            // Both times invalid is one problem: one diagnostic from the display to the end of the target.
                            _w.Write(" [");
                            Plant(kind, _w.Position, $"display and target \"{badShort}\"");
                            _w.Write(badShort).Write("](#");
                            _w.Write(badShort).Write(')');
                            break;
                    }
                    _result.TimestampCount++;
                    break;
                }
            case ProblemKind.TimestampMismatch:
                {
                    _w.Write("jumps to the demonstration");
                    var seconds = ValidMoment();
                    var shown = seconds + (_rng.Chance(0.5) ? 1 : -1) * _rng.Next(3, 40);
                    if (shown < 5 || shown > _note.VideoLength - 30) shown = seconds + (seconds > _note.VideoLength / 2 ? -20 : 20);
                    if (variant % 2 == 0)
                    {
                        _w.Write(" (<a class=\"yt-timestamp\" data-t=\"").Write(Short(seconds)).Write("\">[");
                        Plant(kind, _w.Position, $"shows {Short(shown)}, jumps to {Short(seconds)}");
                        _w.Write(Short(shown)).Write("]</a>)");
                    }
                    else
                    {
                        _w.Write(" [");
                        Plant(kind, _w.Position, $"shows {Long(shown)}, jumps to {Short(seconds)}");
                        _w.Write(Long(shown)).Write("](#").Write(Short(seconds)).Write(')');
                    }
                    _result.TimestampCount++;
                    break;
                }
            case ProblemKind.TimestampNoVideo:
                _w.Write("jumps to the demonstration");
                ValidTimestamp(); // every timestamp of this note is recorded as timestamp-no-video
                break;
            case ProblemKind.TimestampOutOfRange:
                {
                    _w.Write("mentions the end credits");
                    var seconds = _note.DurationSeconds!.Value + _rng.Next(30, 900);
                    if (variant % 2 == 0)
                    {
                        _w.Write(" (<a class=\"yt-timestamp\" data-t=\"");
                        Plant(kind, _w.Position, $"{Short(seconds)} past duration {_note.DurationText}");
                        _w.Write(Short(seconds)).Write("\">[").Write(Short(seconds)).Write("]</a>)");
                    }
                    else
                    {
                        _w.Write(" [").Write(Long(seconds)).Write("](#");
                        Plant(kind, _w.Position, $"{Short(seconds)} past duration {_note.DurationText}");
                        _w.Write(Short(seconds)).Write(')');
                    }
                    _result.TimestampCount++;
                    break;
                }
            case ProblemKind.EncodingInvalid:
                _w.Write("orders a caf");
                Plant(kind, _w.Position, "a Latin-1 byte 0xE9 in UTF-8 text");
                _w.Write(NoteWriter.InvalidBytePlaceholder).Write(" au lait");
                break;
            case ProblemKind.FootnoteBroken:
                {
                    var label = "src" + variant.ToString(CultureInfo.InvariantCulture);
                    _w.Write("cites a source");
                    Plant(kind, _w.Position, $"footnote [^{label}] without a definition");
                    _w.Write("[^").Write(label).Write(']');
                    break;
                }
            default:
                // Front matter problems were planted with the front matter; this sentence stays clean.
                _w.Write(_rng.Pick(Words.Prose));
                break;
        }
        _w.Write(' ').Write(_rng.Pick(Fillers)).Write('.');
    }

    // ---------------------------------------------------------------- links

    private void Link()
    {
        var roll = _rng.Next(100);
        if (roll < 12) { HeadingLink(); return; }
        if (roll < 18) { BlockLink(); return; }
        if (roll < 25) { TitleLink(); return; }
        if (roll < 30) { AliasLink(); return; }
        if (roll < 36) { PathLink(); return; }
        if (roll < 45) { MarkdownLink(); return; }
        if (roll < 48) { SelfHeadingLink(); return; }
        StemLink();
    }

    private void StemLink()
    {
        var target = PickZipfOther();
        var text = target.Stem;
        var kind = "stem";
        if (!Names.IsAscii(text) && _rng.Chance(0.5))
        {
            text = Names.FoldAccents(text);
            kind = "folded";
        }
        var pos = WikiLink(text, null, null, _rng.Chance(0.75) ? Label(target) : null);
        CountBacklink(target.Index);
        MaybeSample(kind, pos, text, target.Index);
    }

    private void HeadingLink()
    {
        var target = PickZipfOther();
        var h = _rng.Next(target.Headings.Count);
        var pos = WikiLink(target.Stem, target.Headings[h].Text, null, _rng.Chance(0.6) ? target.Headings[h].Text.ToLowerInvariant() : null);
        CountBacklink(target.Index);
        MaybeSample("heading", pos, target.Stem + "#" + target.Headings[h].Text, target.Index, headingIndex: h);
    }

    private void BlockLink()
    {
        NotePlan? target = null;
        for (var attempt = 0; attempt < 8 && target is null; attempt++)
        {
            var candidate = PickZipfOther();
            if (candidate.BlockIds.Count > 0) target = candidate;
        }
        if (target is null) { StemLink(); return; }
        var b = _rng.Next(target.BlockIds.Count);
        var pos = WikiLink(target.Stem, null, target.BlockIds[b], _rng.Chance(0.5) ? "this passage" : null);
        CountBacklink(target.Index);
        MaybeSample("block", pos, target.Stem + "#^" + target.BlockIds[b], target.Index, blockIndex: b);
    }

    private void TitleLink()
    {
        var target = PickZipfOther();
        if (!target.FrontMatterValid) { StemLink(); return; }
        var pos = WikiLink(target.Title, null, null, _rng.Chance(0.3) ? Label(target) : null);
        CountBacklink(target.Index);
        MaybeSample(target.StemDiffersFromTitle ? "title" : "title-as-stem", pos, target.Title, target.Index);
    }

    private void AliasLink()
    {
        if (_plan.AliasPool.Length == 0) { StemLink(); return; }
        var target = _plan.Notes[_rng.Pick(_plan.AliasPool)];
        if (target.Index == _note.Index) { StemLink(); return; }
        var alias = _rng.Pick(target.Aliases);
        var pos = WikiLink(alias, null, null, null);
        CountBacklink(target.Index);
        MaybeSample("alias", pos, alias, target.Index);
    }

    private void PathLink()
    {
        if (_plan.SubfolderPool.Length == 0) { StemLink(); return; }
        var target = _plan.Notes[_rng.Pick(_plan.SubfolderPool)];
        if (target.Index == _note.Index) { StemLink(); return; }
        var folders = target.Folder.Split('/');
        // The whole folder path, or only its last folder: both are suffixes of the note's path.
        var qualifier = _rng.Chance(0.5) ? target.Folder : folders[^1];
        var text = qualifier + "/" + target.Stem;
        var pos = WikiLink(text, null, null, _rng.Chance(0.5) ? Label(target) : null);
        CountBacklink(target.Index);
        MaybeSample("path", pos, text, target.Index);
    }

    private void MarkdownLink()
    {
        var target = PickZipfOther();
        if (!target.IsAsciiPath) { StemLink(); return; }
        var path = _rng.Chance(0.2) ? "/" + target.Path : RelativePath(_note.Folder, target.Path);
        int heading = -1;
        if (_rng.Chance(0.3)) heading = _rng.Next(target.Headings.Count);
        _w.Write('[').Write(Label(target)).Write("](");
        var pos = _w.Position;
        _w.Write(path);
        if (heading >= 0) _w.Write('#').Write(Names.AsciiAnchor(target.Headings[heading].Text));
        _w.Write(')');
        _result.LinkCount++;
        CountBacklink(target.Index);
        MaybeSample(heading >= 0 ? "markdown-heading" : "markdown", pos, path, target.Index, headingIndex: heading);
    }

    private void SelfHeadingLink()
    {
        var h = _rng.Next(_note.Headings.Count);
        WikiLink("", _note.Headings[h].Text, null, null);
    }

    /// <summary>Writes [[target#heading|label]] / [[target#^block]]; returns the position of the target text (or of the '#' part when the target is empty).</summary>
    private Pos WikiLink(string target, string? heading, string? block, string? label, bool tableSeparator = false)
    {
        _w.Write("[[");
        var pos = _w.Position;
        _w.Write(target);
        if (heading is not null) _w.Write('#').Write(heading);
        if (block is not null) _w.Write("#^").Write(block);
        if (label is not null)
        {
            _w.Write(tableSeparator ? "\\|" : _rng.Chance(0.8) ? " | " : "|");
            _w.Write(label);
        }
        _w.Write("]]");
        _result.LinkCount++;
        return pos;
    }

    private string Label(NotePlan target) =>
        _rng.Next(3) switch
        {
            0 => target.Title.ToLowerInvariant(),
            1 => _rng.Pick(Words.Nouns),
            _ => $"{_rng.Pick(Words.Adjectives)} {_rng.Pick(Words.Nouns)}",
        };

    private NotePlan PickZipfOther()
    {
        for (var attempt = 0; attempt < 16; attempt++)
        {
            var index = _plan.PickZipf(_rng);
            if (index != _note.Index) return _plan.Notes[index];
        }
        var pool = _plan.ZipfPool;
        var fallback = pool[0] == _note.Index ? pool[1] : pool[0];
        return _plan.Notes[fallback];
    }

    private NotePlan PickQuiet()
    {
        while (true)
        {
            var index = _rng.Pick(_plan.QuietPool);
            if (index != _note.Index) return _plan.Notes[index];
        }
    }

    private string MissingName(bool asciiOnly)
    {
        while (true)
        {
            var name = $"Unrecorded {_rng.Pick(Words.Adjectives)} {_rng.Pick(Words.Nouns)} session";
            if (asciiOnly && !Names.IsAscii(name)) continue;
            if (!_plan.UsedKeys.Contains(Names.Key(name))) return name;
        }
    }

    internal static string RelativePath(string fromFolder, string toPath)
    {
        var from = fromFolder.Length == 0 ? [] : fromFolder.Split('/');
        var to = toPath.Split('/');
        var common = 0;
        while (common < from.Length && common < to.Length - 1 && from[common] == to[common]) common++;
        var parts = Enumerable.Repeat("..", from.Length - common).Concat(to[common..]);
        return string.Join('/', parts);
    }

    // ---------------------------------------------------------------- timestamps

    private int ValidMoment() => _rng.Next(5, _note.VideoLength - 30);

    private static string Short(int seconds) =>
        seconds < 3600
            ? string.Create(CultureInfo.InvariantCulture, $"{seconds / 60:00}:{seconds % 60:00}")
            : Long(seconds);

    private static string Long(int seconds) =>
        string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:00}:{seconds % 3600 / 60:00}:{seconds % 60:00}");

    /// <summary>A correct timestamp inside the video, in the note's style. In a note without videoId it is the planted timestamp-no-video.</summary>
    private void ValidTimestamp()
    {
        var seconds = ValidMoment();
        var html = _note.Style switch
        {
            TimestampStyle.HtmlAnchor => true,
            TimestampStyle.MarkdownLink => false,
            _ => _rng.Chance(0.5),
        };
        Pos target;
        if (html)
        {
            var shown = _rng.Chance(0.1) ? Long(seconds) : Short(seconds);
            _w.Write(" (");
            switch (_rng.Next(10))
            {
                case 0:
                    _w.Write("<a data-t=\"");
                    target = _w.Position;
                    _w.Write(Short(seconds)).Write("\" class=\"yt-timestamp\">[").Write(shown).Write("]</a>");
                    break;
                case 1:
                    _w.Write("<a class='yt-timestamp' data-t='");
                    target = _w.Position;
                    _w.Write(Short(seconds)).Write("'>[").Write(shown).Write("]</a>");
                    break;
                case 2:
                    _w.Write("<a class=\"yt-timestamp\" data-t=\"");
                    target = _w.Position;
                    _w.Write(Short(seconds)).Write("\">").Write(shown).Write("</a>");
                    break;
                default:
                    _w.Write("<a class=\"yt-timestamp\" data-t=\"");
                    target = _w.Position;
                    _w.Write(Short(seconds)).Write("\">[").Write(shown).Write("]</a>");
                    break;
            }
            _w.Write(')');
        }
        else
        {
            _w.Write(" [").Write(_rng.Chance(0.85) ? Long(seconds) : Short(seconds)).Write("](#");
            target = _w.Position;
            _w.Write(Short(seconds)).Write(')');
        }
        _result.TimestampCount++;
        if (_note.VideoId is null) Plant(ProblemKind.TimestampNoVideo, target, $"timestamp {Short(seconds)} in a note without videoId");
    }

    // ---------------------------------------------------------------- bookkeeping

    private void Plant(ProblemKind kind, Pos at, string description) =>
        _result.Problems.Add(new PlantedProblem(_note.Path, kind.Code(), at.Line, at.Character, description));

    private void CountBacklink(int target)
    {
        if (target != _note.Index) Interlocked.Increment(ref _plan.Backlinks[target]);
    }

    private void MaybeSample(string kind, Pos pos, string linkText, int target, int headingIndex = -1, int blockIndex = -1)
    {
        if (_result.Samples.Count >= MaxSamplesPerNote || !_rng.Chance(0.2)) return;
        _result.Samples.Add(new SampleDraft(kind, pos.Line, pos.Character, linkText, target, headingIndex, blockIndex));
    }
}
