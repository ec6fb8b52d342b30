using System.Text;

namespace NoteLsp.Core.Tests;

/// <summary>A fresh folder under the system temp folder, deleted (links included, never followed) on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Root = Path.Combine(Path.GetTempPath(), "notelsp-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string PathOf(string relativePath) => Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));

    public string Write(string relativePath, string text) => WriteBytes(relativePath, Encoding.UTF8.GetBytes(text));

    public string WriteBytes(string relativePath, byte[] bytes)
    {
        var path = PathOf(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public void CreateFolder(string relativePath) => Directory.CreateDirectory(PathOf(relativePath));

    /// <summary>A symbolic link at relativePath whose target is written as given (relative to the link's folder, or absolute).</summary>
    public void Link(string relativePath, string target, bool isDirectory)
    {
        var path = PathOf(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (isDirectory) Directory.CreateSymbolicLink(path, target);
        else File.CreateSymbolicLink(path, target);
    }

    public void Dispose()
    {
        try
        {
            DeleteTree(new DirectoryInfo(Root));
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing a test for.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static void DeleteTree(DirectoryInfo folder)
    {
        foreach (var entry in folder.EnumerateFileSystemInfos())
        {
            if (entry.LinkTarget is not null || entry is FileInfo) entry.Delete(); // a link goes, its target stays
            else DeleteTree((DirectoryInfo)entry);
        }
        folder.Delete();
    }
}
