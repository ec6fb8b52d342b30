using System.Text;

namespace NoteLsp.EndToEnd;

/// <summary>
/// Every measured server gets a private cache dir, named to it by NOTELSP_CACHE_DIR and XDG_CACHE_HOME (a server
/// without a persistent cache ignores both): the user's own cache is never read or written, a cold start really
/// starts from nothing, and a warm start finds exactly what the cold run on the same vault left.
/// </summary>
public static class ServerCache
{
    public static Dictionary<string, string> Environment(IReadOnlyDictionary<string, string> environment, string cacheDir)
    {
        var withCache = new Dictionary<string, string>(environment, StringComparer.Ordinal)
        {
            ["NOTELSP_CACHE_DIR"] = cacheDir,
            ["XDG_CACHE_HOME"] = cacheDir,
        };
        return withCache;
    }

    /// <summary>Deletes and re-creates the dir: what a cold start sees.</summary>
    public static void Empty(string cacheDir)
    {
        if (Directory.Exists(cacheDir)) Directory.Delete(cacheDir, recursive: true);
        Directory.CreateDirectory(cacheDir);
    }

    public static void Remove(string cacheDir)
    {
        if (Directory.Exists(cacheDir)) Directory.Delete(cacheDir, recursive: true);
    }

    /// <summary>Total size of the files under the dir (0 when there is none).</summary>
    public static long Bytes(string cacheDir) =>
        Directory.Exists(cacheDir)
            ? new DirectoryInfo(cacheDir).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length)
            : 0;

    /// <summary>A label as a file-name part: letters, digits and '-' only.</summary>
    public static string Slug(string label)
    {
        var sb = new StringBuilder(label.Length);
        foreach (var c in label) sb.Append(char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-');
        var slug = sb.ToString().Trim('-');
        while (slug.Contains("--", StringComparison.Ordinal)) slug = slug.Replace("--", "-", StringComparison.Ordinal);
        return slug.Length == 0 ? "server" : slug[..Math.Min(slug.Length, 40)];
    }
}
