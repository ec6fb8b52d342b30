using System.Text.Json;
using NoteLsp.Server.Conversion;

namespace NoteLsp.Server.Tests.Hostile;

/// <summary>
/// The test's own judgement of a WorkspaceEdit the server proposed (independent of the server's guard): it may edit only
/// the notes the test knows are indexed, create only files that do not exist (no file, folder or link, dangling or not)
/// at a path that is inside the vault after every symbolic link is followed, with overwrite and ignoreIfExists both
/// false, and rename only an indexed note to such a free path.
/// </summary>
public static class EditSafety
{
    public static void AssertSafe(JsonElement edit, string vaultRoot, IReadOnlyCollection<string> indexedNotes, string what)
    {
        if (edit.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined) return;
        var indexed = new HashSet<string>(indexedNotes.Select(Path.GetFullPath), StringComparer.Ordinal);
        var created = new HashSet<string>(StringComparer.Ordinal);
        if (edit.TryGetProperty("changes", out var changes))
        {
            foreach (var document in changes.EnumerateObject()) RequireIndexed(PathOf(document.Name), indexed, created, what);
        }
        if (!edit.TryGetProperty("documentChanges", out var documentChanges)) return;
        foreach (var change in documentChanges.EnumerateArray())
        {
            var kind = change.TryGetProperty("kind", out var k) ? k.GetString() : null;
            switch (kind)
            {
                case "create":
                    var path = PathOf(change.GetProperty("uri").GetString());
                    RequireFreeInside(path, vaultRoot, what);
                    RequireNoOverwrite(change, what);
                    created.Add(path);
                    break;
                case "rename":
                    RequireIndexed(PathOf(change.GetProperty("oldUri").GetString()), indexed, new HashSet<string>(), what);
                    RequireFreeInside(PathOf(change.GetProperty("newUri").GetString()), vaultRoot, what);
                    RequireNoOverwrite(change, what);
                    break;
                case null:
                    RequireIndexed(PathOf(change.GetProperty("textDocument").GetProperty("uri").GetString()), indexed, created, what);
                    break;
                default:
                    throw new Xunit.Sdk.XunitException($"{what}: the server proposed a '{kind}' operation: {change}");
            }
        }
    }

    private static string PathOf(string? uri) =>
        DocumentUri.ToLocalPath(uri) ?? throw new Xunit.Sdk.XunitException($"not a file URI: {uri}");

    private static void RequireIndexed(string path, HashSet<string> indexed, IReadOnlySet<string> created, string what)
    {
        if (!indexed.Contains(path) && !created.Contains(path)) throw new Xunit.Sdk.XunitException($"{what}: edits {path}, which is not an indexed note");
    }

    private static void RequireNoOverwrite(JsonElement operation, string what)
    {
        var options = operation.TryGetProperty("options", out var o) ? o : default;
        foreach (var flag in new[] { "overwrite", "ignoreIfExists" })
        {
            if (options.ValueKind != JsonValueKind.Object || !options.TryGetProperty(flag, out var value) || value.ValueKind != JsonValueKind.False)
            {
                throw new Xunit.Sdk.XunitException($"{what}: {operation} does not say {flag}: false");
            }
        }
    }

    private static void RequireFreeInside(string path, string vaultRoot, string what)
    {
        var root = RealPathOf(vaultRoot);
        var real = RealPathOf(path);
        if (!real.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new Xunit.Sdk.XunitException($"{what}: writes {path} (really {real}), outside the vault {root}");
        }
        if (Path.Exists(path) || new FileInfo(path).LinkTarget is not null)
        {
            throw new Xunit.Sdk.XunitException($"{what}: creates or renames onto {path}, which exists");
        }
    }

    /// <summary>The path with every symbolic link among its existing components followed (missing ones kept as written).</summary>
    public static string RealPathOf(string path, int depth = 0)
    {
        if (depth > 40) throw new Xunit.Sdk.XunitException($"link loop at {path}");
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full)!;
        var current = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(current, part);
            if (new FileInfo(next).LinkTarget is { } target)
            {
                next = RealPathOf(Path.IsPathRooted(target) ? target : Path.Combine(current, target), depth + 1);
            }
            current = next;
        }
        return current;
    }
}
