using System.Collections.Immutable;
using NoteLsp.Core.Text;

namespace NoteLsp.Core.Diagnostics;

/// <summary>The codes of docs/notes-format.md §7 (the thirteen of every note, and mention-unlinked of open notes).</summary>
public enum DiagnosticCode
{
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
    /// <summary>Prose naming another note without a link (docs/notes-format.md §13): open notes, and `check --mentions`.</summary>
    MentionUnlinked,
}

/// <summary>Values match LSP's DiagnosticSeverity.</summary>
public enum DiagnosticSeverity
{
    Error = 1,
    Warning = 2,
    Information = 3,
    Hint = 4,
}

public static class DiagnosticCodes
{
    public const string Source = "notelsp";

    private static readonly string[] Ids =
    [
        "link-broken", "link-ambiguous", "heading-broken", "block-broken", "link-empty",
        "timestamp-invalid", "timestamp-mismatch", "timestamp-no-video", "timestamp-out-of-range",
        "frontmatter-invalid", "video-id-invalid", "encoding-invalid", "footnote-broken", "mention-unlinked",
    ];

    public static IReadOnlyList<DiagnosticCode> All { get; } = Enum.GetValues<DiagnosticCode>();

    /// <summary>"link-broken" etc.</summary>
    public static string Id(this DiagnosticCode code) => Ids[(int)code];

    public static bool TryParse(string id, out DiagnosticCode code)
    {
        var index = Array.IndexOf(Ids, id.Trim().ToLowerInvariant());
        code = index >= 0 ? (DiagnosticCode)index : default;
        return index >= 0;
    }

    public static DiagnosticSeverity DefaultSeverity(this DiagnosticCode code) => code switch
    {
        DiagnosticCode.TimestampInvalid or DiagnosticCode.FrontmatterInvalid => DiagnosticSeverity.Error,
        DiagnosticCode.MentionUnlinked => DiagnosticSeverity.Hint,
        _ => DiagnosticSeverity.Warning,
    };

    /// <summary>"error", "warning", "information" (or "info"), "hint", "off" → severity; off is null. False for an unknown word.</summary>
    public static bool TryParseSeverity(string word, out DiagnosticSeverity? severity)
    {
        severity = word.Trim().ToLowerInvariant() switch
        {
            "error" => DiagnosticSeverity.Error,
            "warning" or "warn" => DiagnosticSeverity.Warning,
            "information" or "info" => DiagnosticSeverity.Information,
            "hint" => DiagnosticSeverity.Hint,
            _ => null,
        };
        return severity is not null || word.Trim().Equals("off", StringComparison.OrdinalIgnoreCase);
    }

    public static string Word(this DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        DiagnosticSeverity.Information => "information",
        _ => "hint",
    };
}

/// <summary>A related place shown with a diagnostic (e.g. each candidate of an ambiguous link).</summary>
public sealed record RelatedLocation(string Path, TextRange Range, string Message);

/// <summary>
/// One problem in one note. <c>Data</c> carries what a quick fix needs (e.g. the target text,
/// the suggested replacements, the moment a mismatched timestamp points to).
/// </summary>
public sealed record NoteDiagnostic(
    DiagnosticCode Code,
    DiagnosticSeverity Severity,
    TextRange Range,
    string Message,
    ImmutableArray<RelatedLocation> Related,
    ImmutableArray<string> Suggestions)
{
    public string Id => Code.Id();
}

/// <summary>Severity per code; a code mapped to null is off.</summary>
public sealed record DiagnosticOptions(ImmutableDictionary<DiagnosticCode, DiagnosticSeverity?> Overrides)
{
    public static DiagnosticOptions Default { get; } = new(ImmutableDictionary<DiagnosticCode, DiagnosticSeverity?>.Empty);

    public DiagnosticSeverity? SeverityOf(DiagnosticCode code) =>
        Overrides.TryGetValue(code, out var s) ? s : code.DefaultSeverity();

    public DiagnosticOptions With(DiagnosticCode code, DiagnosticSeverity? severity) => new(Overrides.SetItem(code, severity));
}
