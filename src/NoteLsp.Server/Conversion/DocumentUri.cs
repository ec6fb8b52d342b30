using System.Text;
using NoteLsp.Core.Paths;

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
    /// <remarks>
    /// A reference or rename of a hub note names 80,000 notes: most paths need no escape, and those take one vectorized
    /// scan and one concatenation instead of a byte array and a builder.
    /// </remarks>
    public static string FromLocalPath(string path)
    {
        var full = path.Replace('\\', '/');
        var prefix = full.StartsWith('/') ? "file://" : "file:///";
        if (!full.AsSpan().ContainsAnyExcept(Unescaped)) return string.Concat(prefix, full);
        var bytes = Encoding.UTF8.GetBytes(full);
        var sb = new StringBuilder(prefix, full.Length + 16 + prefix.Length);
        foreach (var b in bytes)
        {
            var c = (char)b;
            if (b < 0x80 && Unescaped.Contains(c)) sb.Append(c);
            else sb.Append('%').Append(UpperHex[b >> 4]).Append(UpperHex[b & 0xF]);
        }
        return sb.ToString();
    }

    /// <summary>What a file: URI carries as it is (VS Code's choice): ASCII letters, digits, "-._~" and '/'.</summary>
    private static readonly System.Buffers.SearchValues<char> Unescaped =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/");

    private const string UpperHex = "0123456789ABCDEF";

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
    public static string Combine(string root, string relativePath)
    {
        // The common case, a note's path from the index under an absolute root, is a concatenation: GetFullPath would
        // only find there is nothing to fold (a rename of a hub note at 100,000 notes asks for 80,000 of them). Not on
        // Windows, whose GetFullPath also trims trailing dots and blanks of a name.
        if (!OperatingSystem.IsWindows() && VaultPaths.IsPlainRelative(relativePath) && !relativePath.Contains('\0')
            && RootPrefixes.GetValue(root, RootPrefixOf) is { Length: > 0 } prefix)
        {
            return string.Concat(prefix, relativePath);
        }
        return Path.GetFullPath(Path.Combine(root, relativePath.Replace('/', Path.DirectorySeparatorChar)));
    }

    /// <summary>Each root's full path with a separator at the end, kept as long as the root string lives; "" for a root that is not absolute.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<string, string> RootPrefixes = new();

    private static string RootPrefixOf(string root)
    {
        if (!Path.IsPathRooted(root) || root.Contains('\0')) return "";
        var full = Path.GetFullPath(root);
        return full.EndsWith(Path.DirectorySeparatorChar) ? full : full + Path.DirectorySeparatorChar;
    }
}
