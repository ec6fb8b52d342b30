using System.Text;

namespace NoteLsp.Core.Paths;

/// <summary>
/// Vault-relative paths as the server writes them: '/' separators, no "." or ".." segments, nothing rooted, every
/// segment a file name every common file system accepts. Paths that come from a note (a link target, a user's new
/// name) are untrusted: whatever could leave the vault or mean another file on another system is refused, not repaired.
/// </summary>
public static class VaultPaths
{
    /// <summary>NAME_MAX of Linux, ext4, APFS and NTFS (bytes on Linux; UTF-16 units elsewhere, never more than the UTF-8 bytes).</summary>
    public const int MaxFileNameBytes = 255;

    /// <summary>PATH_MAX of Linux, counted in UTF-8 bytes including the terminating NUL.</summary>
    public const int MaxFullPathBytes = 4095;

    private static readonly char[] WindowsForbidden = [':', '*', '?', '"', '<', '>', '|'];

    // Windows opens the device, not a file, for these names, with any extension ("con.md", "LPT1.tar.md").
    private static readonly HashSet<string> DeviceNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
        "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "COM¹", "COM²", "COM³",
        "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9", "LPT¹", "LPT²", "LPT³",
    };

    /// <summary>
    /// Why a file or folder name cannot be used, phrased to follow the name ("is empty", "contains ':' …"), or null when it
    /// can. The one rule for every name the server creates or renames to.
    /// </summary>
    public static string? FileNameProblem(string name)
    {
        if (name.Length == 0) return "is empty";
        if (name is "." or "..") return "is not a file name";
        if (name.IndexOfAny(['/', '\\']) >= 0) return "contains a path separator ('/' or '\\')";
        if (name.Any(char.IsControl)) return "contains a line break or control character";
        if (HasLoneSurrogate(name)) return "contains an invalid character (a lone UTF-16 surrogate)";
        var forbidden = WindowsForbidden.Where(name.Contains).ToList();
        if (forbidden.Count > 0) return $"contains {string.Join(" ", forbidden.Select(c => $"'{c}'"))}, which Windows does not allow in file names";
        if (char.IsWhiteSpace(name[0]) || char.IsWhiteSpace(name[^1])) return "starts or ends with a blank";
        if (name[^1] == '.') return "ends with a dot, which Windows drops";
        var bytes = Encoding.UTF8.GetByteCount(name);
        if (bytes > MaxFileNameBytes) return $"is {bytes} bytes long in UTF-8; file systems allow at most {MaxFileNameBytes}";
        var dot = name.IndexOf('.');
        var device = (dot < 0 ? name : name[..dot]).TrimEnd(' ');
        if (DeviceNames.Contains(device)) return $"is a reserved device name on Windows ({device.ToUpperInvariant()})";
        return null;
    }

    /// <summary>
    /// The canonical form of a vault-relative path: "." and ".." folded, empty segments dropped. Null when the path is
    /// rooted (a leading '/' or '\'), climbs out of the vault, names the vault itself, uses '\' (a separator on Windows,
    /// a name character elsewhere), has a drive or stream colon, a control character, or a segment that is "." or ".."
    /// only after trimming blanks or percent-decoding (read differently by different readers).
    /// Whether each segment is a name the server may create is <see cref="FileNameProblem"/>'s question.
    /// </summary>
    public static string? Normalize(string path)
    {
        if (path.Length == 0 || path.IndexOfAny(['\\', ':']) >= 0 || path[0] == '/' || path.Any(char.IsControl)) return null;
        var parts = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            if (segment is "" or ".") continue;
            if (segment == "..")
            {
                if (parts.Count == 0) return null;
                parts.RemoveAt(parts.Count - 1);
                continue;
            }
            if (IsDisguisedDotSegment(segment)) return null;
            parts.Add(segment);
        }
        return parts.Count == 0 ? null : string.Join('/', parts);
    }

    /// <summary>A relative path written in a note (Markdown link destination, already percent-decoded once) resolved against a folder; '/' first means the vault root.</summary>
    public static string? Resolve(string fromDirectory, string written)
    {
        if (written.Length == 0) return null;
        if (written[0] == '/') return written.Length > 1 && written[1] != '/' ? Normalize(written[1..]) : null;
        return Normalize(fromDirectory.Length == 0 ? written : fromDirectory + "/" + written);
    }

    /// <summary>True when the path is already in the form <see cref="Normalize"/> gives.</summary>
    public static bool IsCanonical(string path) => Normalize(path) is { } normalized && normalized == path;

    /// <summary>Why a path cannot be created in a vault (its first unusable segment, or its shape), or null when it can.</summary>
    public static string? NewPathProblem(string path)
    {
        if (!IsCanonical(path)) return "is not a plain path inside the vault";
        foreach (var segment in path.Split('/'))
        {
            if (FileNameProblem(segment) is { } problem) return segment == path ? problem : $"has a part \"{segment}\" that {problem}";
        }
        return null;
    }

    /// <summary>A relative path with no empty, "." or ".." segment (and on Windows no '\\' or drive): it names a place under the root as written.</summary>
    public static bool IsPlainRelative(string path)
    {
        if (path.Length == 0 || path[0] == '/' || Path.IsPathRooted(path)) return false;
        if (OperatingSystem.IsWindows() && path.IndexOfAny(['\\', ':']) >= 0) return false;
        var start = 0;
        while (start <= path.Length)
        {
            var end = path.IndexOf('/', start);
            if (end < 0) end = path.Length;
            var segment = path.AsSpan(start, end - start);
            if (segment.Length == 0 || segment is "." or "..") return false;
            start = end + 1;
        }
        return true;
    }

    /// <summary>The folder of a vault-relative path ("" at the root).</summary>
    public static string DirectoryOf(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? "" : path[..slash];
    }

    /// <summary>The last segment of a vault-relative path.</summary>
    public static string FileNameOf(string path) => path[(path.LastIndexOf('/') + 1)..];

    /// <summary>
    /// The full local path of a vault-relative path, or null when it does not stay strictly under root as written
    /// (string containment only; symbolic links are the caller's business).
    /// </summary>
    public static string? FullPathUnder(string root, string relativePath)
    {
        if (relativePath.Length == 0 || Path.IsPathRooted(relativePath) || relativePath[0] is '/' or '\\') return null;
        string full;
        try
        {
            full = Path.GetFullPath(Path.Combine(root, relativePath.Replace('/', Path.DirectorySeparatorChar)));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return null;
        }
        var back = Path.GetRelativePath(root, full).Replace(Path.DirectorySeparatorChar, '/');
        if (!string.Equals(back, relativePath, OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal)) return null;
        return Encoding.UTF8.GetByteCount(full) > MaxFullPathBytes ? null : full;
    }

    /// <summary>" .. ", "%2e%2e", "%2E." and the like: dot segments to a reader that trims or decodes once more.</summary>
    private static bool IsDisguisedDotSegment(string segment)
    {
        var trimmed = segment.Trim();
        if (trimmed is "." or "..") return true;
        if (!segment.Contains('%')) return false;
        string decoded;
        try
        {
            decoded = Uri.UnescapeDataString(segment).Trim();
        }
        catch (UriFormatException)
        {
            return true;
        }
        return decoded is "." or ".." || decoded.IndexOfAny(['/', '\\']) >= 0 || decoded != segment && IsDisguisedDotSegment(decoded);
    }

    private static bool HasLoneSurrogate(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) i++;
            else if (char.IsSurrogate(s[i])) return true;
        }
        return false;
    }
}
