using System.Collections.Immutable;
using MAB.DotIgnore;

namespace NoteLsp.Core.Files;

/// <summary>
/// The paths a vault leaves out (docs/notes-format.md §1), with gitignore's semantics (MAB.DotIgnore, a port of git's
/// own matcher): the config's `ignore` globs, case-insensitive (note-takers do not expect `Archive/` to miss a folder
/// named `archive`) and with `{a,b}` alternatives, then the vault's own `.gitignore` and `.ignore`, case-sensitive as
/// git is. A pattern without a '/' before its end (`*.tmp.md`, `archive`) matches at any depth; one with a '/' is
/// anchored at the vault root; a folder that is left out leaves out everything under it.
/// </summary>
internal sealed class IgnoreGlobs
{
    /// <summary>More alternatives than this from one pattern's braces is a mistake, not a glob.</summary>
    public const int MaxAlternatives = 64;

    private readonly IgnoreList? _configured;
    private readonly IgnoreList? _files;

    public IgnoreGlobs(IEnumerable<string> configuredGlobs, IEnumerable<string>? ignoreFileRules = null)
    {
        var globs = configuredGlobs.Select(Normalize).Where(p => p.Length > 0 && WhyNeverMatches(p) is null)
            .SelectMany(p => ExpandBraces(p) ?? [p]).ToList();
        if (globs.Count > 0) _configured = new IgnoreList(globs, MatchFlags.PATHNAME | MatchFlags.CASEFOLD);
        var rules = (ignoreFileRules ?? []).Where(IsRule).ToList();
        if (rules.Count > 0) _files = new IgnoreList(rules, MatchFlags.PATHNAME);
    }

    public bool IsEmpty => _configured is null && _files is null;

    /// <summary>The paths (vault-relative, '/') that are not left out.</summary>
    public HashSet<string> Keep(IEnumerable<string> relativePaths) =>
        new(relativePaths.Where(p => !IsIgnored(p)), StringComparer.Ordinal);

    /// <summary>Why a configured glob can never match a path of the vault (it names a place outside it); null when it can.</summary>
    public static string? WhyNeverMatches(string glob)
    {
        var pattern = glob.Trim().Replace('\\', '/');
        if (pattern.Length >= 2 && pattern[1] == ':' && char.IsAsciiLetter(pattern[0]) || pattern.StartsWith("//", StringComparison.Ordinal))
            return "it is an absolute path; ignore patterns are relative to the vault folder";
        if (pattern.StartsWith('~')) return "it names a home folder; ignore patterns are relative to the vault folder";
        if (pattern.Split('/').Contains("..")) return "it climbs out of the vault with '..'; ignore patterns are relative to the vault folder";
        if (ExpandBraces(Normalize(pattern)) is null) return $"its braces give more than {MaxAlternatives} alternatives";
        return null;
    }

    // MAB.DotIgnore looks at every folder above the path itself (git never re-includes a file whose folder is
    // excluded), so one question per path is enough.
    /// <summary>True when relativePath (vault-relative, '/', a file) or a folder above it is left out.</summary>
    public bool IsIgnored(string relativePath) => !IsEmpty && Matches(relativePath, isFolder: false);

    private bool Matches(string path, bool isFolder) =>
        (_configured?.IsIgnored(path, isFolder) ?? false) || (_files?.IsIgnored(path, isFolder) ?? false);

    private static bool IsRule(string line) => line.Trim().Length > 0 && !line.StartsWith('#');

    /// <summary>`./drafts` means the vault's drafts folder, as `/drafts` does in a .gitignore.</summary>
    private static string Normalize(string pattern)
    {
        var glob = pattern.Trim().Replace('\\', '/');
        var anchored = false;
        while (glob.StartsWith("./", StringComparison.Ordinal))
        {
            glob = glob[2..];
            anchored = true;
        }
        return anchored && glob.Length > 0 && !glob.StartsWith('/') ? "/" + glob : glob;
    }

    /// <summary>`{a,b}` alternatives (gitignore has none), expanded into plain patterns; null past <see cref="MaxAlternatives"/>.</summary>
    internal static List<string>? ExpandBraces(string pattern)
    {
        var results = new List<string>();
        var pending = new Stack<string>();
        pending.Push(pattern);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            if (FindBraces(current) is not { } braces)
            {
                results.Add(current);
                if (results.Count > MaxAlternatives) return null;
                continue;
            }
            var (open, close, commas) = braces;
            var prefix = current[..open];
            var suffix = current[(close + 1)..];
            var start = open + 1;
            foreach (var comma in commas.Append(close))
            {
                pending.Push(prefix + current[start..comma] + suffix);
                if (pending.Count + results.Count > MaxAlternatives) return null;
                start = comma + 1;
            }
        }
        results.Reverse();
        return results;
    }

    /// <summary>The first `{…}` holding a comma at its own level (nested braces are expanded in a later round).</summary>
    private static (int Open, int Close, List<int> Commas)? FindBraces(string pattern)
    {
        for (var open = 0; open < pattern.Length; open++)
        {
            if (pattern[open] == '\\') { open++; continue; }
            if (pattern[open] != '{') continue;
            var depth = 0;
            var commas = new List<int>();
            for (var i = open + 1; i < pattern.Length; i++)
            {
                var c = pattern[i];
                if (c == '\\') { i++; continue; }
                if (c == '{') depth++;
                else if (c == '}' && depth > 0) depth--;
                else if (c == '}')
                {
                    if (commas.Count > 0) return (open, i, commas);
                    break;
                }
                else if (c == ',' && depth == 0) commas.Add(i);
            }
        }
        return null;
    }
}
