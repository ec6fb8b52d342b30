using System.Collections.Immutable;
using NoteLsp.Core.Model;

namespace NoteLsp.Core.Index;

/// <summary>
/// An immutable view of a vault: notes by path, name index (stem / title / alias keys) and link index
/// (which notes link to which key or path). Updates return a new snapshot sharing structure with the old.
/// </summary>
public sealed class VaultSnapshot
{
    public static VaultSnapshot Empty => throw new NotImplementedException("index helper");

    public static VaultSnapshot Build(IEnumerable<ParsedNote> notes) => throw new NotImplementedException("index helper");

    /// <summary>Note extensions (lower-case, with the dot) used to tell a Markdown link to a note from a link to an image or a PDF.</summary>
    public System.Collections.Immutable.ImmutableArray<string> NoteExtensions => throw new NotImplementedException("index helper");

    /// <summary>The same notes with other note extensions (from the vault's config).</summary>
    public VaultSnapshot WithNoteExtensions(IEnumerable<string> extensions) => throw new NotImplementedException("index helper");

    public int Count => throw new NotImplementedException("index helper");

    public IEnumerable<ParsedNote> Notes => throw new NotImplementedException("index helper");

    public ParsedNote? GetNote(string path) => throw new NotImplementedException("index helper");

    /// <summary>Adds the note or replaces the note with the same path.</summary>
    public VaultSnapshot WithNote(ParsedNote note) => throw new NotImplementedException("index helper");

    public VaultSnapshot WithoutNote(string path) => throw new NotImplementedException("index helper");

    public LinkResolution Resolve(ParsedNote source, WikiLink link) => throw new NotImplementedException("index helper");

    public LinkResolution Resolve(ParsedNote source, MarkdownLink link) => throw new NotImplementedException("index helper");

    /// <summary>Paths of the notes (other than before/after themselves) whose link resolution may change when a note goes from before to after (either may be null).</summary>
    public IReadOnlySet<string> NotesAffectedBy(ParsedNote? before, ParsedNote? after) => throw new NotImplementedException("index helper");

    /// <summary>Every link in the vault that resolves to the note at path.</summary>
    public IReadOnlyList<LinkReference> LinksTo(string path) => throw new NotImplementedException("index helper");

    /// <summary>Number of links (from other notes) that resolve to the note at path.</summary>
    public int BacklinkCount(string path) => throw new NotImplementedException("index helper");

    /// <summary>Notes whose stem, title or alias key is the key (for completion / workspace symbols), in path order.</summary>
    public ImmutableArray<ParsedNote> NotesWithKey(string key) => throw new NotImplementedException("index helper");
}
