namespace NoteLsp.Cli;

/// <summary>
/// How `notelsp check` writes a note's path. Text and json print it relative to the folder the command ran in, so it
/// opens from there like a compiler's (`notes/a.md:3:5` for `notelsp check notes`); a vault given as an absolute path
/// outside that folder prints absolute paths rather than a climb of `../`. GitHub annotations and SARIF are relative
/// to the repository root (`GITHUB_WORKSPACE` when set, else the current folder), which is where GitHub looks files up.
/// </summary>
public sealed class CheckPaths
{
    /// <summary>The id SARIF results use for <see cref="RepositoryRootUri"/> (the name SARIF's own examples use).</summary>
    public const string SarifBaseId = "%SRCROOT%";

    private readonly string _displayPrefix;
    private readonly string _repositoryPrefix;
    private readonly string? _outsideRepositoryUriPrefix;

    private CheckPaths(string displayPrefix, string repositoryPrefix, string? repositoryRootUri, string? outsideRepositoryUriPrefix)
    {
        _displayPrefix = displayPrefix;
        _repositoryPrefix = repositoryPrefix;
        RepositoryRootUri = repositoryRootUri;
        _outsideRepositoryUriPrefix = outsideRepositoryUriPrefix;
    }

    /// <summary>Paths as the vault names them (vault-relative), for callers that know no folders.</summary>
    public static CheckPaths VaultRelative { get; } = new("", "", null, null);

    /// <summary>The file URI (ending in '/') of the folder SARIF locations are relative to; null for <see cref="VaultRelative"/>.</summary>
    public string? RepositoryRootUri { get; }

    /// <param name="vaultArgument">the folder as the user wrote it (relative to workingDirectory, or absolute)</param>
    /// <param name="workingDirectory">where the command ran</param>
    /// <param name="githubWorkspace">GITHUB_WORKSPACE, when set</param>
    public static CheckPaths For(string vaultArgument, string workingDirectory, string? githubWorkspace)
    {
        var cwd = Path.GetFullPath(workingDirectory);
        var vault = Path.GetFullPath(vaultArgument, cwd);
        var repository = string.IsNullOrEmpty(githubWorkspace) ? cwd : Path.GetFullPath(githubWorkspace, cwd);

        var display = Relative(cwd, vault);
        if (display is null || (Path.IsPathRooted(vaultArgument) && Climbs(display))) display = Slashes(vault);

        var inRepository = Relative(repository, vault);
        var outsideUri = inRepository is null || Climbs(inRepository) ? FileUri(vault) : null;
        return new CheckPaths(Prefix(display), Prefix(inRepository ?? Slashes(vault)), FileUri(repository), outsideUri is null ? null : outsideUri.TrimEnd('/') + "/");
    }

    /// <summary>The path to print in text and json.</summary>
    public string Display(string vaultRelative) => _displayPrefix + vaultRelative;

    /// <summary>The path relative to the repository root (GitHub annotations).</summary>
    public string InRepository(string vaultRelative) => _repositoryPrefix + vaultRelative;

    /// <summary>
    /// The SARIF artifact location: a relative URI reference with <see cref="SarifBaseId"/> (each segment percent-encoded),
    /// or an absolute file URI and no base when the vault lies outside the repository root.
    /// </summary>
    public (string Uri, string? BaseId) SarifLocation(string vaultRelative)
    {
        var encoded = EncodeSegments(vaultRelative);
        if (_outsideRepositoryUriPrefix is not null) return (_outsideRepositoryUriPrefix + encoded, null);
        return (EncodeSegments(_repositoryPrefix) + encoded, RepositoryRootUri is null ? null : SarifBaseId);
    }

    /// <summary>A file URI of a full path, each segment percent-encoded (a '#' or '%' in a folder name stays a name).</summary>
    public static string FileUri(string fullPath)
    {
        var path = Slashes(fullPath);
        if (!path.StartsWith('/')) path = "/" + path; // C:/x → /C:/x
        var segments = path.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            // A drive letter keeps its colon (file:///C:/…).
            var segment = segments[i];
            segments[i] = i == 1 && segment.Length == 2 && segment[1] == ':' ? segment : Uri.EscapeDataString(segment);
        }
        var joined = string.Join('/', segments);
        return "file://" + (joined.EndsWith('/') ? joined : joined + "/");
    }

    private static string EncodeSegments(string path) => string.Join('/', path.Split('/').Select(Uri.EscapeDataString));

    /// <summary>to relative to from, with '/'; null when there is no relative path (another drive).</summary>
    private static string? Relative(string from, string to)
    {
        var relative = Path.GetRelativePath(from, to);
        return Path.IsPathRooted(relative) ? null : Slashes(relative);
    }

    private static bool Climbs(string relative) => relative == ".." || relative.StartsWith("../", StringComparison.Ordinal);

    private static string Prefix(string folder) => folder is "." or "" ? "" : folder.TrimEnd('/') + "/";

    private static string Slashes(string path) => Path.DirectorySeparatorChar == '/' ? path : path.Replace(Path.DirectorySeparatorChar, '/');
}
