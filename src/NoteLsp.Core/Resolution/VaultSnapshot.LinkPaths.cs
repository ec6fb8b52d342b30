using System.Collections.Immutable;

namespace NoteLsp.Core.Index;

/// <summary>Link paths: folding a Markdown link path against its note's folder, and telling note extensions from others.</summary>
public sealed partial class VaultSnapshot
{
    /// <summary>
    /// Resolves a link path against the linking note's folder ('/' = vault root), folding "." and "..".
    /// Null when it leaves the vault (escapesVault) or names the vault folder itself.
    /// </summary>
    internal static string? NormalizeLinkPath(string sourcePath, string linkPath, out bool escapesVault)
    {
        escapesVault = false;
        var parts = new List<string>();
        if (!linkPath.StartsWith('/'))
        {
            var folders = sourcePath.Split('/');
            for (var i = 0; i < folders.Length - 1; i++) parts.Add(folders[i]);
        }
        foreach (var segment in linkPath.Split('/'))
        {
            if (segment is "" or ".") continue;
            if (segment == "..")
            {
                if (parts.Count == 0)
                {
                    escapesVault = true;
                    return null;
                }
                parts.RemoveAt(parts.Count - 1);
                continue;
            }
            parts.Add(segment);
        }
        return parts.Count == 0 ? null : string.Join('/', parts);
    }

    /// <summary>
    /// The extension of a path's last segment, with the dot, or "" when it has none. Only a short run of ASCII letters
    /// and digits with at least one letter counts, so "v1.2 notes" and "Meeting 2024.01" have no extension.
    /// </summary>
    internal static string ExtensionOf(string path)
    {
        var lastSlash = path.LastIndexOf('/');
        var dot = path.LastIndexOf('.');
        if (dot <= lastSlash + 1 || dot == path.Length - 1 || path.Length - dot > 11) return "";
        var hasLetter = false;
        for (var i = dot + 1; i < path.Length; i++)
        {
            if (!char.IsAsciiLetterOrDigit(path[i])) return "";
            hasLetter |= char.IsAsciiLetter(path[i]);
        }
        return hasLetter ? path[dot..] : "";
    }

    private static string PathWithoutExtension(string path)
    {
        var extension = ExtensionOf(path);
        return extension.Length == 0 ? path : path[..^extension.Length];
    }

    private bool IsNoteExtension(string extension) =>
        extension.Length > 0 && NoteExtensions.Any(e => e.Equals(extension, StringComparison.OrdinalIgnoreCase));

    /// <summary>"foo.md" → "foo": a wikilink may spell the file name with its extension.</summary>
    internal static string StripNoteExtension(string target, ImmutableArray<string> extensions)
    {
        var stripped = StripNoteExtension(target.AsSpan(), extensions);
        return stripped.Length == target.Length ? target : stripped.ToString();
    }

    /// <summary>The target without a trailing note extension (and the blanks before it), without allocating.</summary>
    internal static ReadOnlySpan<char> StripNoteExtension(ReadOnlySpan<char> target, ImmutableArray<string> extensions)
    {
        foreach (var extension in extensions)
        {
            if (target.Length > extension.Length && target.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            {
                return target[..^extension.Length].TrimEnd();
            }
        }
        return target;
    }
}
