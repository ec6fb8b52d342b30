using Microsoft.Extensions.FileSystemGlobbing;
using Microsoft.Extensions.FileSystemGlobbing.Abstractions;

namespace NoteLsp.Core.Files;

/// <summary>
/// The config's `ignore` globs (Microsoft.Extensions.FileSystemGlobbing, vault-relative, '/').
/// Matching runs on an in-memory tree of the enumerated paths: the library's own in-memory folder
/// rescans every file for every folder, which is quadratic on a 100,000-note vault.
/// </summary>
internal sealed class IgnoreGlobs
{
    private readonly Matcher? _matcher;

    public IgnoreGlobs(IEnumerable<string> patterns)
    {
        var excludes = patterns.Select(Normalize).Where(p => p.Length > 0).ToList();
        if (excludes.Count == 0) return;
        // Note-takers do not expect `Archive/**` to miss a folder named `archive`.
        _matcher = new Matcher(StringComparison.OrdinalIgnoreCase);
        _matcher.AddInclude("**/*");
        foreach (var exclude in excludes) _matcher.AddExclude(exclude);
    }

    public bool IsEmpty => _matcher is null;

    /// <summary>The paths (vault-relative, '/') that no ignore glob matches.</summary>
    public HashSet<string> Keep(IEnumerable<string> relativePaths)
    {
        var paths = relativePaths.ToList();
        if (_matcher is null) return new HashSet<string>(paths, StringComparer.Ordinal);
        var root = TreeDirectory.Build(paths);
        var result = _matcher.Execute(root);
        return new HashSet<string>(result.Files.Select(f => f.Path), StringComparer.Ordinal);
    }

    /// <summary>`/drafts/` and `./drafts` mean the vault's drafts folder; a trailing `/` means everything under it.</summary>
    private static string Normalize(string pattern)
    {
        var glob = pattern.Trim().Replace('\\', '/');
        while (glob.StartsWith("./", StringComparison.Ordinal)) glob = glob[2..];
        glob = glob.TrimStart('/');
        if (glob.EndsWith('/')) glob += "**";
        return glob;
    }

    private sealed class TreeFile(string name, TreeDirectory parent) : FileInfoBase
    {
        public override string Name => name;
        public override string FullName => parent.FullName + "/" + name;
        public override DirectoryInfoBase ParentDirectory => parent;
    }

    private sealed class TreeDirectory : DirectoryInfoBase
    {
        private readonly Dictionary<string, TreeDirectory> _directories = new(StringComparer.Ordinal);
        private readonly List<string> _files = [];
        private readonly TreeDirectory? _parent;

        private TreeDirectory(string name, TreeDirectory? parent)
        {
            Name = name;
            _parent = parent;
            FullName = parent is null ? "/" + name : parent.FullName + "/" + name;
        }

        public override string Name { get; }
        public override string FullName { get; }
        public override DirectoryInfoBase? ParentDirectory => _parent;

        public static TreeDirectory Build(IEnumerable<string> relativePaths)
        {
            var root = new TreeDirectory("vault", null);
            foreach (var path in relativePaths)
            {
                var parts = path.Split('/');
                var directory = root;
                for (var i = 0; i < parts.Length - 1; i++) directory = directory.Child(parts[i]);
                directory._files.Add(parts[^1]);
            }
            return root;
        }

        private TreeDirectory Child(string name)
        {
            if (!_directories.TryGetValue(name, out var child)) _directories[name] = child = new TreeDirectory(name, this);
            return child;
        }

        public override IEnumerable<FileSystemInfoBase> EnumerateFileSystemInfos()
        {
            foreach (var directory in _directories.Values) yield return directory;
            foreach (var file in _files) yield return new TreeFile(file, this);
        }

        public override DirectoryInfoBase? GetDirectory(string path) =>
            path == ".." ? _parent : _directories.TryGetValue(path, out var child) ? child : new TreeDirectory(path, this);

        public override FileInfoBase GetFile(string path) => new TreeFile(path, this);
    }
}
