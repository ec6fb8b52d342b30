using System.Text;

namespace NoteLsp.Benchmarks;

/// <summary>A 1 MB note: the given note's text, then the bodies of the vault's other notes until it passes 1 MiB.</summary>
public static class LargeNote
{
    public static string Build(string root, string first)
    {
        // One front matter, then every kind of element, at scale.
        var large = new StringBuilder(first);
        foreach (var file in Directory.EnumerateFiles(root, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (large.Length >= 1 << 20) break;
            var text = File.ReadAllText(file);
            var body = text.StartsWith("---", StringComparison.Ordinal) && text.IndexOf("\n---", 3, StringComparison.Ordinal) is var end and > 0
                ? text[(end + 4)..]
                : text;
            large.Append('\n').Append(body);
        }
        return large.ToString();
    }
}
