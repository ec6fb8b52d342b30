using System.Text;

namespace NoteLsp.Server.Conversion;

/// <summary>
/// file: URIs ↔ local paths. Decoding is our own (percent-decoding as UTF-8) so that spaces, '#', '%' and
/// non-ASCII names round-trip; encoding follows VS Code (every byte outside the unreserved set and '/' is escaped).
/// </summary>
public static class DocumentUri
{
    /// <summary>The absolute local path of a file: URI, or null for another scheme or a malformed URI.</summary>
    public static string? ToLocalPath(string? uri)
    {
        if (string.IsNullOrEmpty(uri) || !uri.StartsWith("file:", StringComparison.OrdinalIgnoreCase)) return null;
        var rest = uri[5..];
        string path;
        if (rest.StartsWith("//", StringComparison.Ordinal))
        {
            var slash = rest.IndexOf('/', 2);
            var authority = slash < 0 ? rest[2..] : rest[2..slash];
            path = slash < 0 ? "/" : rest[slash..];
            if (authority.Length > 0 && !authority.Equals("localhost", StringComparison.OrdinalIgnoreCase))
            {
                // A UNC share: only meaningful on Windows.
                path = "//" + authority + path;
            }
        }
        else
        {
            path = rest;
        }
        var query = path.IndexOfAny(['?', '#']);
        if (query >= 0) path = path[..query];
        var decoded = PercentDecode(path);
        if (OperatingSystem.IsWindows())
        {
            // "/c:/x" → "c:/x"
            if (decoded.Length >= 3 && decoded[0] == '/' && char.IsAsciiLetter(decoded[1]) && decoded[2] == ':') decoded = decoded[1..];
            decoded = decoded.Replace('/', '\\');
        }
        try
        {
            return Path.GetFullPath(decoded);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return null;
        }
    }

    /// <summary>A file: URI for an absolute local path.</summary>
    public static string FromLocalPath(string path)
    {
        var full = path.Replace('\\', '/');
        if (!full.StartsWith('/')) full = "/" + full;
        var sb = new StringBuilder("file://", full.Length + 16);
        foreach (var b in Encoding.UTF8.GetBytes(full))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~' or '/') sb.Append(c);
            else sb.Append('%').Append(b.ToString("X2"));
        }
        return sb.ToString();
    }

    private static string PercentDecode(string s)
    {
        if (!s.Contains('%')) return s;
        var sb = new StringBuilder(s.Length);
        var pending = new List<byte>();
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '%' && i + 2 < s.Length && Uri.IsHexDigit(s[i + 1]) && Uri.IsHexDigit(s[i + 2]))
            {
                pending.Add(Convert.ToByte(s.Substring(i + 1, 2), 16));
                i += 2;
                continue;
            }
            Flush();
            sb.Append(c);
        }
        Flush();
        return sb.ToString();

        void Flush()
        {
            if (pending.Count == 0) return;
            sb.Append(Encoding.UTF8.GetString(pending.ToArray()));
            pending.Clear();
        }
    }

    /// <summary>The vault-relative path ('/' separators) of a full path under root, or null when it lies outside.</summary>
    public static string? RelativeTo(string root, string fullPath)
    {
        var relative = Path.GetRelativePath(root, fullPath);
        if (relative == "." || relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative)) return null;
        return relative.Replace('\\', '/');
    }

    /// <summary>The full local path of a vault-relative path.</summary>
    public static string Combine(string root, string relativePath) =>
        Path.GetFullPath(Path.Combine(root, relativePath.Replace('/', Path.DirectorySeparatorChar)));
}
