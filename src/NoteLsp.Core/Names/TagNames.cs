namespace NoteLsp.Core.Names;

/// <summary>How tags compare (docs/notes-format.md §14): case-insensitively, like Obsidian; nested by '/'.</summary>
public static class TagNames
{
    /// <summary>The comparison key of a tag name written without '#'. Same length as the name (per-character mapping).</summary>
    public static string Key(string name) => name.ToLowerInvariant();

    /// <summary>Whether the tag with key <paramref name="key"/> is <paramref name="parentKey"/> or nested under it (<c>a/b</c> under <c>a</c>).</summary>
    public static bool IsSelfOrChild(string key, string parentKey) =>
        key.Length == parentKey.Length ? key == parentKey
        : key.Length > parentKey.Length && key[parentKey.Length] == '/' && key.StartsWith(parentKey, StringComparison.Ordinal);
}
