using System.Text;
using NoteLsp.Server.Conversion;

namespace NoteLsp.Server.Tests.Fixture;

/// <summary>A vault folder on disk for one test, deleted afterwards.</summary>
public sealed class TempVault : IDisposable
{
    public TempVault(IReadOnlyDictionary<string, string>? files = null)
    {
        Root = Path.Combine(Path.GetTempPath(), "notelsp-test-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(Root);
        foreach (var (path, text) in files ?? new Dictionary<string, string>()) Write(path, text);
    }

    public string Root { get; }

    public string RootUri => DocumentUri.FromLocalPath(Root);

    public string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    public string Uri(string relative) => DocumentUri.FromLocalPath(PathOf(relative));

    public void Write(string relative, string text)
    {
        var path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text, new UTF8Encoding(false));
    }

    public string Read(string relative) => File.ReadAllText(PathOf(relative));

    public bool Exists(string relative) => File.Exists(PathOf(relative));

    public void Delete(string relative) => File.Delete(PathOf(relative));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
