using System.Text;

namespace NoteLsp.EndToEnd;

/// <summary>file: URIs as VS Code writes them (every byte outside the unreserved set and '/' percent-encoded), and back.</summary>
public static class FileUri
{
    public static string From(string fullPath)
    {
        var sb = new StringBuilder("file://", fullPath.Length + 16);
        foreach (var b in Encoding.UTF8.GetBytes(fullPath.Replace('\\', '/')))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~' or '/') sb.Append(c);
            else sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    /// <summary>The vault-relative path ('/' separators) of a file: URI under root, or null when it is elsewhere.</summary>
    public static string? RelativePath(string uri, string root)
    {
        if (!uri.StartsWith("file://", StringComparison.OrdinalIgnoreCase)) return null;
        var path = Uri.UnescapeDataString(uri["file://".Length..]);
        var prefix = root.TrimEnd('/') + "/";
        return path.StartsWith(prefix, StringComparison.Ordinal) ? path[prefix.Length..] : null;
    }
}
