namespace NoteLsp.Tests.Shared;

/// <summary>
/// Where the seed notes are, for every test project (linked into each, not copied): the committed skeletons, and the
/// real seeds when this machine has them.
/// </summary>
internal static class SeedFolders
{
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NoteLsp.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("cannot find the repository root (NoteLsp.sln) above the test binaries");
    }

    /// <summary>The committed skeletons of the seeds (their structure, not their prose).</summary>
    public static string Skeletons => Path.Combine(RepositoryRoot(), "tests", "NoteLsp.Core.Tests", "Seeds");

    /// <summary>
    /// NOTELSP_SEEDS, else shared/seeds beside the repository (or above it: a worktree sits deeper); null when the seeds
    /// are not on this machine. With <paramref name="mustHold"/>, a folder counts only if it holds that note.
    /// </summary>
    public static string? Real(string? mustHold = null)
    {
        var configured = Environment.GetEnvironmentVariable("NOTELSP_SEEDS");
        if (!string.IsNullOrWhiteSpace(configured)) return Holds(configured, mustHold) ? configured : null;
        for (var above = new DirectoryInfo(RepositoryRoot()).Parent; above is not null; above = above.Parent)
        {
            var seeds = Path.Combine(above.FullName, "shared", "seeds");
            if (Holds(seeds, mustHold)) return seeds;
        }
        return null;
    }

    private static bool Holds(string folder, string? note) =>
        Directory.Exists(folder) && (note is null ? Directory.GetFiles(folder, "*.md").Length > 0 : File.Exists(Path.Combine(folder, note)));
}
