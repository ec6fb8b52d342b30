using System.Collections.Immutable;
using System.Text;

namespace NoteLsp.Core.Files;

/// <summary>The ignore files people already keep in a vault folder: its `.gitignore`, then its `.ignore` (ripgrep's, read last so it wins).</summary>
public static class VaultIgnoreFiles
{
    public static readonly ImmutableArray<string> FileNames = [".gitignore", ".ignore"];

    /// <summary>Bigger ignore files are not read (no real one comes near).</summary>
    public const long MaxBytes = 1024 * 1024;

    /// <summary>True when a file of this name at a vault's root changes which files the vault holds.</summary>
    public static bool IsIgnoreFileName(string fileName) => FileNames.Contains(fileName);

    /// <summary>The lines of the root's ignore files, in order; none when there are none or they cannot be read.</summary>
    public static ImmutableArray<string> Read(string vaultRoot)
    {
        var rules = ImmutableArray.CreateBuilder<string>();
        string rootReal;
        try
        {
            rootReal = SafeFile.RealRoot(vaultRoot);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return [];
        }
        foreach (var name in FileNames)
        {
            // The one safe reader: a regular file really inside the vault, never a FIFO, at most MaxBytes.
            var read = SafeFile.Read(Path.Combine(vaultRoot, name), rootReal, MaxBytes);
            if (read.Bytes is not { } bytes) continue;
            var text = new UTF8Encoding(false).GetString(bytes);
            foreach (var line in text.Split('\n')) rules.Add(line.TrimEnd('\r'));
        }
        return rules.ToImmutable();
    }
}
