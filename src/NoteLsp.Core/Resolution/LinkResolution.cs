using System.Collections.Immutable;
using NoteLsp.Core.Model;

namespace NoteLsp.Core.Index;

public enum TargetStatus
{
    /// <summary>Exactly one note matched (or the link points into its own note).</summary>
    Resolved,
    /// <summary>No note matches.</summary>
    Broken,
    /// <summary>Two or more notes match at the first rank that matches.</summary>
    Ambiguous,
    /// <summary><c>[[]]</c>, <c>[[ | x]]</c>, <c>[[#]]</c>.</summary>
    Empty,
    /// <summary>A link to something that is not a note: a file of the vault (<see cref="LinkResolution.File"/>), or a folder, left alone.</summary>
    NotANote,
}

/// <summary>How the target matched (docs/notes-format.md §3).</summary>
public enum MatchRank { None, Self, Path, Stem, Title, Alias }

public enum FragmentStatus
{
    /// <summary>The link names no heading or block.</summary>
    None,
    Found,
    /// <summary>The target note has no such heading / block id.</summary>
    Missing,
}

/// <summary>The result of resolving one link against a snapshot.</summary>
public sealed record LinkResolution(
    TargetStatus Status,
    MatchRank Rank,
    ImmutableArray<ParsedNote> Candidates,
    FragmentStatus Fragment,
    Heading? Heading,
    BlockId? Block)
{
    /// <summary>For <see cref="TargetStatus.NotANote"/>: the vault-relative path of the existing file that is not a note (an image, a PDF).</summary>
    public string? File { get; init; }

    /// <summary>The single target when resolved.</summary>
    public ParsedNote? Target => Status == TargetStatus.Resolved && Candidates.Length > 0 ? Candidates[0] : null;
}

/// <summary>One link in a note, either kind: what references and rename report.</summary>
public sealed record LinkReference(ParsedNote Source, WikiLink? WikiLink, MarkdownLink? MarkdownLink);
