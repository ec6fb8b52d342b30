using System.Text.Json;
using System.Text.Json.Serialization;

namespace NoteLsp.VaultGenerator;

/// <summary>
/// One planted problem: the diagnostic NoteLsp must report. Line and Character are 0-based, Character in
/// UTF-16 code units, and name the start of the diagnostic's range (docs/notes-format.md §7: the narrowest range).
/// </summary>
public sealed record PlantedProblem(string Path, string Code, int Line, int Character, string Description);

/// <summary>A link and where "go to definition" must lead: the target note and, for a heading or block link, the line of that heading or block.</summary>
public sealed record DefinitionSample(string SourcePath, int Line, int Character, string Kind, string LinkText, string TargetPath, int? TargetLine);

/// <summary>A place right after an unclosed "[[" (completion triggers there) and a note the completion list must offer.</summary>
public sealed record CompletionProbe(string Path, int Line, int Character, string ExpectedPath, string ExpectedStem);

public sealed record BacklinkTally(string Path, int Count);

/// <summary>
/// What the generator planted and what a correct checker must find in the vault. Decisions behind it:
/// a note with malformed front matter loses title, aliases and videoId, so it has no timestamps and is
/// linked only by its file name; a note with an invalid videoId still has a videoId, so its timestamps
/// are not timestamp-no-video; in a note without videoId every timestamp is timestamp-no-video; a link
/// with a missing heading or block still resolves to its note and counts as a backlink (those links
/// only target little-linked notes, so the most linked notes' counts do not hinge on that rule).
/// </summary>
public sealed record GroundTruth
{
    public const string DefaultFileName = ".notelsp-ground-truth.json";

    public required long Seed { get; init; }

    /// <summary>Number of note files written (every one of them is a note).</summary>
    public required int NoteCount { get; init; }

    public required long TotalBytes { get; init; }

    /// <summary>Links written outside code (each counted once), timestamps written outside code.</summary>
    public required int LinkCount { get; init; }

    public required int TimestampCount { get; init; }

    /// <summary>The note with the most links from other notes that resolve to it, and that number of links.</summary>
    public required string MostLinkedPath { get; init; }

    public required int MostLinkedBacklinks { get; init; }

    /// <summary>The most linked notes, most linked first, with their exact backlink counts.</summary>
    public required IReadOnlyList<BacklinkTally> TopLinked { get; init; }

    /// <summary>Every diagnostic at warning or error level the vault must produce, and no other.</summary>
    public required IReadOnlyList<PlantedProblem> Problems { get; init; }

    public required IReadOnlyList<DefinitionSample> Definitions { get; init; }

    public required CompletionProbe Completion { get; init; }

    public IReadOnlyDictionary<string, int> ProblemCountsByCode() =>
        Problems.GroupBy(p => p.Code).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count());

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json).ReplaceLineEndings("\n") + "\n";

    public static GroundTruth FromJson(string json) =>
        JsonSerializer.Deserialize<GroundTruth>(json, Json) ?? throw new InvalidDataException("empty ground truth");

    public static GroundTruth Load(string path) => FromJson(File.ReadAllText(path));
}
