namespace NoteLsp.Core.Files;

/// <summary>Resolves symbolic links in a path, component by component, the way the operating system does.</summary>
internal static class RealPath
{
    /// <summary>Same bound as Linux's ELOOP: more hops than this is a loop.</summary>
    private const int MaxLinkHops = 40;

    private static readonly char[] Separators = [Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar];

    /// <summary>Paths compare case-insensitively where the usual file systems do.</summary>
    public static StringComparer Comparer { get; } =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    public static StringComparison Comparison { get; } =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>
    /// The path with every symbolic link resolved; missing components are kept as written.
    /// Null when the links loop (or go deeper than <see cref="MaxLinkHops"/>) or cannot be read.
    /// </summary>
    public static string? Resolve(string path)
    {
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return null;
        }

        var root = Path.GetPathRoot(full) ?? string.Empty;
        var pending = new Stack<string>(full[root.Length..].Split(Separators, StringSplitOptions.RemoveEmptyEntries).Reverse());
        var current = root;
        var hops = 0;
        while (pending.Count > 0)
        {
            var part = pending.Pop();
            if (part == ".") continue;
            if (part == "..")
            {
                // current is already free of links, so going up is plain string work.
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }

            var candidate = Path.Combine(current, part);
            string? target;
            try
            {
                target = new FileInfo(candidate).LinkTarget;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null;
            }

            if (target is null)
            {
                current = candidate;
                continue;
            }
            if (++hops > MaxLinkHops) return null;

            // Resolve the target's own components (they may hold more links, or `..`) before the rest of the path.
            foreach (var targetPart in target.Split(Separators, StringSplitOptions.RemoveEmptyEntries).Reverse()) pending.Push(targetPart);
            if (Path.IsPathRooted(target)) current = Path.GetPathRoot(target) ?? root;
        }
        return current;
    }

    /// <summary>True when path is folder itself or lies under it (both already resolved).</summary>
    public static bool IsInside(string path, string folder)
    {
        if (string.Equals(path, folder, Comparison)) return true;
        var prefix = Path.EndsInDirectorySeparator(folder) ? folder : folder + Path.DirectorySeparatorChar;
        return path.StartsWith(prefix, Comparison);
    }
}
