using System.Runtime.CompilerServices;
using NoteLsp.Core.Config;

namespace NoteLsp.Core.Files;

/// <summary>
/// Which paths of a vault are notes, decided in this one place for the scan, for files created, changed or renamed
/// while the server runs, and for documents the editor opens: a note has a note extension and no path segment that is
/// hidden (starts with '.') or named node_modules, and neither an ignore glob of the config nor the vault's
/// `.gitignore` / `.ignore` leaves it out (<see cref="IgnoreGlobs"/>). What can only be known by opening
/// the file (a regular file, no bigger than maxFileBytes, really inside the vault and not behind a link leading out
/// of it) is decided by <see cref="SafeFile"/>, which every read goes through.
/// </summary>
public static class VaultMembership
{
    private static readonly ConditionalWeakTable<NoteLspConfig, IgnoreGlobs> GlobsByConfig = new();

    /// <summary>A file or folder name the scan never enters or lists: hidden (`.git`, `.obsidian`) or node_modules.</summary>
    public static bool IsSkippedName(string name) => name.StartsWith('.') || name == "node_modules";

    /// <summary>True when relativePath (vault-relative, '/') is a note of a vault with this config.</summary>
    public static bool IsNotePath(string relativePath, NoteLspConfig config) =>
        config.IsNoteFile(relativePath) && IsVaultFilePath(relativePath, config);

    /// <summary>
    /// True when relativePath is a file the vault holds, a note or an attachment: no hidden or node_modules segment, no
    /// ignore glob matching it. Attachments are listed by these rules too, never opened.
    /// </summary>
    public static bool IsVaultFilePath(string relativePath, NoteLspConfig config)
    {
        if (relativePath.Length == 0) return false;
        foreach (var segment in relativePath.Split('/'))
        {
            if (segment.Length == 0 || segment == ".." || IsSkippedName(segment)) return false;
        }
        return !Globs(config).IsIgnored(relativePath);
    }

    /// <summary>
    /// True when fullPath (vault-relative path relativePath) reaches, through a symbolic link, a file the scan lists
    /// under its own real path: the scan lists a file once, under the path that has no link when there is one, so the
    /// link's path is not a note of its own (it would be the same note twice). A link to a file the scan does not reach
    /// otherwise (in a hidden folder, say) is its note, as in the scan.
    /// </summary>
    public static bool IsDuplicateThroughLink(string rootReal, string fullPath, string relativePath, NoteLspConfig config)
    {
        var real = RealPath.Resolve(fullPath);
        if (real is null || !RealPath.IsInside(real, rootReal)) return false; // SafeFile refuses these when reading
        var direct = Path.Combine(rootReal, relativePath.Replace('/', Path.DirectorySeparatorChar));
        if (string.Equals(real, direct, RealPath.Comparison)) return false;
        var realRelative = Path.GetRelativePath(rootReal, real).Replace(Path.DirectorySeparatorChar, '/');
        return IsNotePath(realRelative, config);
    }

    /// <summary>The config's ignore globs, built once per config.</summary>
    internal static IgnoreGlobs Globs(NoteLspConfig config) => GlobsByConfig.GetValue(config, static c => new IgnoreGlobs(c.Ignore, c.IgnoreFileRules));
}
