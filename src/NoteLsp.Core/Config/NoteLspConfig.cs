using System.Collections.Immutable;
using NoteLsp.Core.Diagnostics;

namespace NoteLsp.Core.Config;

/// <summary>Vault settings (docs/notes-format.md §1): from `.notelsp.yml`, overridable by the client.</summary>
public sealed record NoteLspConfig
{
    public const string FileName = ".notelsp.yml";
    public const string DefaultTimestampUrlTemplate = "https://www.youtube.com/watch?v={videoId}&t={seconds}s";

    public static NoteLspConfig Default { get; } = new();

    /// <summary>Note file extensions, lower-case with the dot.</summary>
    public ImmutableArray<string> Extensions { get; init; } = [".md", ".markdown"];

    /// <summary>Glob patterns (vault-relative, '/' separators) of paths to skip, with gitignore's semantics (docs/notes-format.md §1).</summary>
    public ImmutableArray<string> Ignore { get; init; } = [];

    /// <summary>The lines of the vault's own `.gitignore` and `.ignore` (read with the config, never set by a client).</summary>
    public ImmutableArray<string> IgnoreFileRules { get; init; } = [];

    public long MaxFileBytes { get; init; } = 5 * 1024 * 1024;

    public DiagnosticOptions Diagnostics { get; init; } = DiagnosticOptions.Default;

    /// <summary>{videoId} and {seconds} are replaced.</summary>
    public string TimestampUrlTemplate { get; init; } = DefaultTimestampUrlTemplate;

    public bool IsNoteFile(string path) =>
        Extensions.Any(e => path.EndsWith(e, StringComparison.OrdinalIgnoreCase));

    public string TimestampUrl(string videoId, int seconds) =>
        TimestampUrlTemplate.Replace("{videoId}", Uri.EscapeDataString(videoId)).Replace("{seconds}", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
