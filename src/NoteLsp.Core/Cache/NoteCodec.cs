using System.Collections.Immutable;
using System.Runtime.InteropServices;
using NoteLsp.Core.Index;
using NoteLsp.Core.Model;
using NoteLsp.Core.Text;

namespace NoteLsp.Core.Cache;

/// <summary>Strings written once per cache file: a note refers to them by index, so a target linked a thousand times is stored (and loaded) once.</summary>
internal sealed class StringTableBuilder
{
    private readonly Dictionary<string, int> _indexes = new(StringComparer.Ordinal);

    public List<string> Strings { get; } = [];

    /// <summary>0 for null, else the string's index + 1.</summary>
    public int IndexOf(string? text)
    {
        if (text is null) return 0;
        if (!_indexes.TryGetValue(text, out var index))
        {
            index = Strings.Count;
            Strings.Add(text);
            _indexes.Add(text, index);
        }
        return index + 1;
    }
}

/// <summary>
/// One <see cref="ParsedNote"/> in the cache's binary form (docs of the whole file: <see cref="NoteCacheFile"/>). Field
/// by field, in declaration order; a new field of the model means a new <see cref="NoteCacheFile.FormatVersion"/>.
/// </summary>
internal static class NoteCodec
{
    [Flags]
    private enum Present : ushort
    {
        None = 0,
        TitleRange = 1,
        VideoId = 2,
        Duration = 4,
        FrontMatter = 8,
        FrontMatterError = 16,
        InvalidEncoding = 32,
        InvalidEncodingRange = 64,
        // The front matter's own alias and tag arrays are the note's (the parser shares them): stored once.
        SharedAliases = 128,
        SharedTags = 256,
    }

    /// <param name="noteExtensions">the extensions (normalized) the cache is for: a link table made under them is stored too</param>
    public static void Write(CacheWriter w, StringTableBuilder s, ParsedNote note, ImmutableArray<string> noteExtensions)
    {
        var fm = note.FrontMatter;
        var present = Present.None;
        if (note.TitleRange is not null) present |= Present.TitleRange;
        if (note.VideoId is not null) present |= Present.VideoId;
        if (note.Duration is not null) present |= Present.Duration;
        if (fm is not null) present |= Present.FrontMatter;
        if (fm?.Error is not null) present |= Present.FrontMatterError;
        if (note.HasInvalidEncoding) present |= Present.InvalidEncoding;
        if (note.InvalidEncodingRange is not null) present |= Present.InvalidEncodingRange;
        if (fm is not null && fm.Aliases == note.Aliases) present |= Present.SharedAliases;
        if (fm is not null && fm.Tags == note.Tags) present |= Present.SharedTags;
        w.UInt((uint)present);

        w.Int(s.IndexOf(note.Path));
        w.Int(s.IndexOf(note.Stem));
        w.Int(s.IndexOf(note.Title));
        w.Byte((byte)note.TitleSource);
        if (note.TitleRange is { } titleRange) Range(w, titleRange);
        Values(w, s, note.Aliases);
        Values(w, s, note.Tags);
        w.Int(note.TagOccurrences.Length);
        foreach (var tag in note.TagOccurrences)
        {
            w.Int(s.IndexOf(tag.Name));
            Range(w, tag.NameRange);
            w.Byte((byte)tag.Form);
        }
        if (note.VideoId is { } videoId) Value(w, s, videoId);
        if (note.Duration is { } duration) Value(w, s, duration);
        if (fm is not null)
        {
            Range(w, fm.Range);
            if (!present.HasFlag(Present.SharedAliases)) Values(w, s, fm.Aliases);
            if (!present.HasFlag(Present.SharedTags)) Values(w, s, fm.Tags);
            if (fm.Error is { } error)
            {
                w.Int(s.IndexOf(error.Message));
                Range(w, error.Range);
            }
        }
        w.Int(note.Headings.Length);
        foreach (var h in note.Headings)
        {
            w.Int(s.IndexOf(h.Text));
            w.Int(h.Level);
            w.Int(s.IndexOf(h.Anchor));
            Range(w, h.Range);
            Range(w, h.TextRange);
            w.Int(s.IndexOf(h.Source));
        }
        w.Int(note.BlockIds.Length);
        foreach (var b in note.BlockIds)
        {
            w.Int(s.IndexOf(b.Id));
            Range(w, b.Range);
            Range(w, b.BlockRange);
        }
        w.Int(note.WikiLinks.Length);
        foreach (var link in note.WikiLinks)
        {
            // Every part of a wikilink is on its one line: columns only.
            var range = link.Range;
            w.Int(range.Start.Line);
            w.Int(range.Start.Character);
            w.Int(range.End.Character);
            w.Byte((byte)((link.IsEmbed ? 1 : 0) | (link.HeadingRange is null ? 0 : 2) | (link.BlockIdRange is null ? 0 : 4) | (link.LabelRange is null ? 0 : 8)));
            w.Int(s.IndexOf(link.Target));
            Columns(w, link.TargetRange);
            w.Int(s.IndexOf(link.Heading));
            if (link.HeadingRange is { } hr) Columns(w, hr);
            w.Int(s.IndexOf(link.BlockId));
            if (link.BlockIdRange is { } br) Columns(w, br);
            if (link.LabelRange is { } lr) Columns(w, lr);
        }
        w.Int(note.MarkdownLinks.Length);
        foreach (var link in note.MarkdownLinks)
        {
            Range(w, link.Range);
            w.Int(s.IndexOf(link.Text));
            w.Int(s.IndexOf(link.Path));
            Range(w, link.PathRange);
            w.Int(s.IndexOf(link.Fragment));
            w.Byte(link.FragmentRange is null ? (byte)0 : (byte)1);
            if (link.FragmentRange is { } fr) Range(w, fr);
        }
        w.Int(note.Timestamps.Length);
        foreach (var t in note.Timestamps)
        {
            w.Byte((byte)t.Form);
            Range(w, t.Range);
            w.Int(s.IndexOf(t.TargetText));
            Range(w, t.TargetRange);
            w.Int(s.IndexOf(t.DisplayText));
            Range(w, t.DisplayRange);
        }
        w.Int(note.Footnotes.Length);
        foreach (var f in note.Footnotes)
        {
            w.Int(s.IndexOf(f.Label));
            Range(w, f.Range);
            Range(w, f.LabelRange);
            w.Byte(f.IsDefinition ? (byte)1 : (byte)0);
        }
        w.Int(note.Callouts.Length);
        foreach (var c in note.Callouts)
        {
            w.Int(s.IndexOf(c.Type));
            Range(w, c.TypeRange);
            w.UInt(c.Fold ?? '\0');
            Range(w, c.Range);
        }
        w.Int(note.Comments.Length);
        foreach (var comment in note.Comments) Range(w, comment);
        if (note.InvalidEncodingRange is { } invalid) Range(w, invalid);
        w.Int(note.End.Line);
        w.Int(note.End.Character);
        // The note's link table (its wikilinks by target key), which the index needs for every note: 0 when there is
        // none yet, else its length + 1 and its (key, entry) pairs in order.
        if (VaultSnapshot.StoredLinkTable(note, noteExtensions) is not var (keys, entries))
        {
            w.Int(0);
            return;
        }
        w.Int(keys.Length + 1);
        for (var i = 0; i < keys.Length; i++)
        {
            w.Int(s.IndexOf(keys[i]));
            w.Int(entries[i]);
        }
    }

    /// <param name="linkKeys">when given, receives a (key's string number, <paramref name="ordinal"/>) pair per distinct key of the note's link table (<see cref="LinkSourceSeed"/>)</param>
    /// <param name="ordinal">the note's position in the file</param>
    public static ParsedNote Read(CacheReader r, string[] strings, ImmutableArray<string> noteExtensions, List<long>? linkKeys = null, int ordinal = 0)
    {
        var present = (Present)r.UInt();
        var path = Required(r, strings);
        var stem = Required(r, strings);
        var title = Required(r, strings);
        var titleSource = (TitleSource)r.Byte();
        if (!Enum.IsDefined(titleSource)) throw new CacheFormatException("unknown title source");
        var titleRange = present.HasFlag(Present.TitleRange) ? Range(r) : (TextRange?)null;
        var aliases = Values(r, strings);
        var tags = Values(r, strings);
        var tagOccurrences = Array(r, strings, static (r, strings) =>
        {
            var name = Required(r, strings);
            var range = Range(r);
            var form = (TagForm)r.Byte();
            return Enum.IsDefined(form) ? new Tag(name, range, form) : throw new CacheFormatException("unknown tag form");
        });
        var videoId = present.HasFlag(Present.VideoId) ? Value(r, strings) : null;
        var duration = present.HasFlag(Present.Duration) ? Value(r, strings) : null;
        FrontMatter? frontMatter = null;
        if (present.HasFlag(Present.FrontMatter))
        {
            var range = Range(r);
            var fmAliases = present.HasFlag(Present.SharedAliases) ? aliases : Values(r, strings);
            var fmTags = present.HasFlag(Present.SharedTags) ? tags : Values(r, strings);
            var error = present.HasFlag(Present.FrontMatterError) ? new FrontMatterError(Required(r, strings), Range(r)) : null;
            frontMatter = new FrontMatter(range, fmAliases, fmTags, error);
        }
        var headings = Array(r, strings, static (r, strings) =>
        {
            var text = Required(r, strings);
            var level = r.Int();
            var anchor = Required(r, strings);
            var range = Range(r);
            var textRange = Range(r);
            return new Heading(text, level, anchor, range, textRange) { Source = Optional(r, strings) };
        });
        var blockIds = Array(r, strings, static (r, strings) => new BlockId(Required(r, strings), Range(r), Range(r)));
        var wikiLinks = Array(r, strings, static (r, strings) =>
        {
            var line = r.Int();
            var range = new TextRange(line, r.Int(), line, r.Int());
            var flags = r.Byte();
            var target = Required(r, strings);
            var targetRange = Columns(r, line);
            var heading = Optional(r, strings);
            var headingRange = (flags & 2) != 0 ? Columns(r, line) : (TextRange?)null;
            var blockId = Optional(r, strings);
            var blockIdRange = (flags & 4) != 0 ? Columns(r, line) : (TextRange?)null;
            var labelRange = (flags & 8) != 0 ? Columns(r, line) : (TextRange?)null;
            return new WikiLink(range, (flags & 1) != 0, target, targetRange, heading, headingRange, blockId, blockIdRange, labelRange);
        });
        var markdownLinks = Array(r, strings, static (r, strings) =>
        {
            var range = Range(r);
            var text = Required(r, strings);
            var linkPath = Required(r, strings);
            var pathRange = Range(r);
            var fragment = Optional(r, strings);
            var fragmentRange = r.Byte() != 0 ? Range(r) : (TextRange?)null;
            return new MarkdownLink(range, text, linkPath, pathRange, fragment, fragmentRange);
        });
        var timestamps = Array(r, strings, static (r, strings) =>
        {
            var form = (TimestampForm)r.Byte();
            if (!Enum.IsDefined(form)) throw new CacheFormatException("unknown timestamp form");
            return new Timestamp(form, Range(r), Required(r, strings), Range(r), Required(r, strings), Range(r));
        });
        var footnotes = Array(r, strings, static (r, strings) => new Footnote(Required(r, strings), Range(r), Range(r), r.Byte() != 0));
        var callouts = Array(r, strings, static (r, strings) =>
        {
            var type = Required(r, strings);
            var typeRange = Range(r);
            var fold = r.UInt();
            if (fold > char.MaxValue) throw new CacheFormatException("fold out of range");
            return new Callout(type, typeRange, fold == 0 ? null : (char)fold, Range(r));
        });
        var comments = Array(r, strings, static (r, _) => Range(r));
        var invalidRange = present.HasFlag(Present.InvalidEncodingRange) ? Range(r) : (TextRange?)null;
        var end = new TextPosition(r.Int(), r.Int());
        var note = new ParsedNote
        {
            Path = path,
            Stem = stem,
            Title = title,
            TitleSource = titleSource,
            TitleRange = titleRange,
            Aliases = aliases,
            Tags = tags,
            TagOccurrences = tagOccurrences,
            VideoId = videoId,
            Duration = duration,
            FrontMatter = frontMatter,
            Headings = headings,
            BlockIds = blockIds,
            WikiLinks = wikiLinks,
            MarkdownLinks = markdownLinks,
            Timestamps = timestamps,
            Footnotes = footnotes,
            Callouts = callouts,
            Comments = comments,
            HasInvalidEncoding = present.HasFlag(Present.InvalidEncoding),
            InvalidEncodingRange = invalidRange,
            End = end,
        };
        var tableLength = r.Count();
        if (tableLength == 0) return note;
        var keys = new string[tableLength - 1];
        var entries = new int[tableLength - 1];
        var lastIndex = 0;
        for (var i = 0; i < keys.Length; i++)
        {
            var index = RequiredIndex(r, strings);
            keys[i] = strings[index - 1];
            entries[i] = r.Int();
            // The keys are sorted, so a key's entries are together: one pair per distinct key.
            if (linkKeys is not null && index != lastIndex) linkKeys.Add(LinkSourceSeed.Pack(index - 1, ordinal));
            lastIndex = index;
        }
        try
        {
            VaultSnapshot.RestoreLinkTable(note, noteExtensions, keys, entries);
        }
        catch (ArgumentException e)
        {
            throw new CacheFormatException("a link table does not fit its note: " + e.Message);
        }
        return note;
    }

    private static void Range(CacheWriter w, TextRange range)
    {
        w.Int(range.Start.Line);
        w.Int(range.Start.Character);
        // Most ranges end on their first line: the difference is a byte.
        w.Int(range.End.Line - range.Start.Line);
        w.Int(range.End.Character);
    }

    private static TextRange Range(CacheReader r)
    {
        var startLine = r.Int();
        var startCharacter = r.Int();
        var endLine = (long)startLine + r.Int();
        if (endLine > int.MaxValue) throw new CacheFormatException("line out of range");
        return new TextRange(startLine, startCharacter, (int)endLine, r.Int());
    }

    private static void Columns(CacheWriter w, TextRange range)
    {
        w.Int(range.Start.Character);
        w.Int(range.End.Character);
    }

    private static TextRange Columns(CacheReader r, int line) => new(line, r.Int(), line, r.Int());

    private static void Value(CacheWriter w, StringTableBuilder s, FrontMatterValue value)
    {
        w.Int(s.IndexOf(value.Value));
        Range(w, value.Range);
    }

    private static FrontMatterValue Value(CacheReader r, string[] strings) => new(Required(r, strings), Range(r));

    private static void Values(CacheWriter w, StringTableBuilder s, ImmutableArray<FrontMatterValue> values)
    {
        w.Int(values.Length);
        foreach (var value in values) Value(w, s, value);
    }

    private static ImmutableArray<FrontMatterValue> Values(CacheReader r, string[] strings) => Array(r, strings, static (r, strings) => Value(r, strings));

    /// <summary>
    /// count, then each item. Static readers given the string table (no closure per note and array) filling an array
    /// that becomes the ImmutableArray itself: a warm start at 100,000 notes reads millions of items.
    /// </summary>
    private static ImmutableArray<T> Array<T>(CacheReader r, string[] strings, Func<CacheReader, string[], T> read)
    {
        var count = r.Count();
        if (count == 0) return [];
        var items = new T[count];
        for (var i = 0; i < count; i++) items[i] = read(r, strings);
        return ImmutableCollectionsMarshal.AsImmutableArray(items);
    }

    private static string? Optional(CacheReader r, string[] strings) => StringNumber(r, strings) is var index and > 0 ? strings[index - 1] : null;

    private static string Required(CacheReader r, string[] strings) => strings[RequiredIndex(r, strings) - 1];

    /// <summary>A required string's number in the table (from 1): the link table keeps it to group keys (<see cref="LinkSourceSeed"/>).</summary>
    private static int RequiredIndex(CacheReader r, string[] strings) =>
        StringNumber(r, strings) is var index and > 0 ? index : throw new CacheFormatException("a required string is missing");

    /// <summary>A string's number in the table, from 1; 0 for none.</summary>
    private static int StringNumber(CacheReader r, string[] strings)
    {
        var index = r.Int();
        return (uint)index <= (uint)strings.Length ? index : throw new CacheFormatException("string index out of range");
    }
}
