using System.Collections.Immutable;
using NoteLsp.Core.Model;
using NoteLsp.Core.Names;

namespace NoteLsp.Core.Index;

/// <summary>Fragment lookup: the heading or block id a link's "#…" or "^…" names in its target note.</summary>
public sealed partial class VaultSnapshot
{
    /// <summary>The heading a wikilink's "#text" reaches: the first whose text has the same Key, else the one with that anchor.</summary>
    public static Heading? FindWikiHeading(ParsedNote note, string text) => FindHeadingByKey(note, text) ?? FindHeadingByAnchor(note, text);

    private static Heading? FindHeadingByKey(ParsedNote note, string text)
    {
        var key = NoteNames.Key(text);
        if (note.Headings.Length > FragmentIndex.MinElements) return FragmentIndex.Of(note).HeadingsByKey.GetValueOrDefault(key);
        foreach (var heading in note.Headings)
        {
            if (NoteNames.KeyEquals(heading.Text, key)) return heading;
        }
        return null;
    }

    private static Heading? FindHeadingByAnchor(ParsedNote note, string anchor)
    {
        anchor = anchor.Trim();
        if (note.Headings.Length > FragmentIndex.MinElements) return FragmentIndex.Of(note).HeadingsByAnchor.GetValueOrDefault(anchor);
        foreach (var heading in note.Headings)
        {
            if (string.Equals(heading.Anchor, anchor, StringComparison.OrdinalIgnoreCase)) return heading;
        }
        return null;
    }

    private static BlockId? FindBlock(ParsedNote note, string id)
    {
        id = id.Trim().TrimStart('^');
        if (note.BlockIds.Length > FragmentIndex.MinElements) return FragmentIndex.Of(note).Blocks.GetValueOrDefault(id);
        foreach (var block in note.BlockIds)
        {
            if (string.Equals(block.Id.TrimStart('^'), id, StringComparison.OrdinalIgnoreCase)) return block;
        }
        return null;
    }

    /// <summary>
    /// A note's headings and block ids by the names links use, built once per (immutable) note: a note with 100,000 block
    /// ids linking to each other was quadratic (minutes for its diagnostics and document links). The first match wins,
    /// as in the linear search that small notes keep.
    /// </summary>
    private sealed class FragmentIndex
    {
        public const int MinElements = 32;

        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ParsedNote, FragmentIndex> Indexes = new();

        private FragmentIndex(ParsedNote note)
        {
            foreach (var heading in note.Headings)
            {
                HeadingsByKey.TryAdd(NoteNames.Key(heading.Text), heading);
                HeadingsByAnchor.TryAdd(heading.Anchor, heading);
            }
            foreach (var block in note.BlockIds) Blocks.TryAdd(block.Id.TrimStart('^'), block);
        }

        public static FragmentIndex Of(ParsedNote note) => Indexes.GetValue(note, static n => new FragmentIndex(n));

        public Dictionary<string, Heading> HeadingsByKey { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, Heading> HeadingsByAnchor { get; } = new(StringComparer.OrdinalIgnoreCase);

        public Dictionary<string, BlockId> Blocks { get; } = new(StringComparer.OrdinalIgnoreCase);
    }
}
