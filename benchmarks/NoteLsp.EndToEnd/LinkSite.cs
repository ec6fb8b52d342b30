using System.Globalization;
using System.Text;
using NoteLsp.VaultGenerator;

namespace NoteLsp.EndToEnd;

/// <summary>A place in a note where a link to the most-linked note is written (position inside its target text).</summary>
public sealed record LinkSite(string SourcePath, int Line, int Character, string How);

/// <summary>Finds a link to a note, and tells which links a file rename must rewrite, independently of the server.</summary>
public static class LinkSites
{
    /// <summary>
    /// A `[[stem]]` / `[[stem | label]]` link to the target (a link by file name, so a rename renames the file):
    /// first among the ground truth's definition samples, else the first one found scanning the vault's notes
    /// in path order, outside front matter, fenced code, inline code and HTML comments.
    /// </summary>
    public static LinkSite Find(GroundTruth truth, string vaultRoot)
    {
        var target = truth.MostLinkedPath;
        var stem = StemOf(target);
        // The site is opened as a document, whose text the client sends decoded: a note planted with invalid UTF-8
        // would lose its encoding-invalid diagnostic, which the vault check expects.
        var undecodable = truth.Problems.Where(p => p.Code == "encoding-invalid").Select(p => p.Path).ToHashSet(StringComparer.Ordinal);
        foreach (var sample in truth.Definitions)
        {
            if (sample.TargetPath == target && sample.Kind == "stem" && !undecodable.Contains(sample.SourcePath)) return new LinkSite(sample.SourcePath, sample.Line, sample.Character, "ground truth sample (stem)");
        }
        var sources = truth.Definitions.Select(d => d.SourcePath)
            .Concat(Directory.EnumerateFiles(vaultRoot, "*.md", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(vaultRoot, f).Replace('\\', '/'))
                .Where(p => !p.Split('/').Any(s => s.StartsWith('.')))
                .Order(StringComparer.Ordinal))
            .Distinct(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            if (source == target || undecodable.Contains(source)) continue;
            var text = new NoteText(File.ReadAllText(Path.Combine(vaultRoot, source)));
            if (FindIn(text, stem) is { } at) return new LinkSite(source, at.Line, at.Character, "scanned `[[stem` link");
        }
        throw new InvalidDataException($"no [[{stem}]] link found in the vault");
    }

    private static (int Line, int Character)? FindIn(NoteText text, string stem)
    {
        var inFence = false;
        var inFrontMatter = text.LineCount > 0 && text.Line(0) == "---";
        for (var line = inFrontMatter ? 1 : 0; line < text.LineCount; line++)
        {
            var content = text.Line(line);
            if (inFrontMatter)
            {
                if (content is "---" or "...") inFrontMatter = false;
                continue;
            }
            if (content.StartsWith("```", StringComparison.Ordinal) || content.StartsWith("~~~", StringComparison.Ordinal))
            {
                inFence = !inFence;
                continue;
            }
            if (inFence || content.Contains("<!--", StringComparison.Ordinal) || content.StartsWith("    ", StringComparison.Ordinal)) continue;
            foreach (var ending in new[] { "]]", " |", "|" })
            {
                var at = content.IndexOf("[[" + stem + ending, StringComparison.Ordinal);
                if (at < 0) continue;
                // An odd number of backticks before it: inside inline code.
                if (content[..at].Count(c => c == '`') % 2 == 1) continue;
                return (line, at + 2 + Math.Min(2, stem.Length - 1));
            }
        }
        return null;
    }

    public static string StemOf(string path)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        var dot = name.LastIndexOf('.');
        return dot > 0 ? name[..dot] : name;
    }

    /// <summary>
    /// Whether renaming the target's file must rewrite this link (NoteRename's rule): a wikilink naming the note by
    /// stem or path, or a Markdown link; a wikilink by title or alias keeps working unchanged.
    /// </summary>
    /// <param name="linkText">the link as written, e.g. "[[stem | label]]" or "[text](stem.md)"</param>
    public static bool FileRenameRewrites(string linkText, string targetStem)
    {
        var embed = linkText.StartsWith("![[", StringComparison.Ordinal);
        if (!linkText.StartsWith("[[", StringComparison.Ordinal) && !embed) return true; // a Markdown link names the path
        var inner = linkText[(embed ? 3 : 2)..];
        if (inner.EndsWith("]]", StringComparison.Ordinal)) inner = inner[..^2];
        var end = inner.IndexOfAny(['|', '#']);
        var targetText = (end < 0 ? inner : inner[..end]).Replace("\\", "", StringComparison.Ordinal).Trim();
        if (targetText.EndsWith(".md", StringComparison.OrdinalIgnoreCase)) targetText = targetText[..^3].TrimEnd();
        var last = targetText[(targetText.LastIndexOf('/') + 1)..];
        return Key(last) == Key(targetStem);
    }

    /// <summary>docs/notes-format.md §3's Key: NFKD, combining marks dropped, lower-cased, only letters and digits kept.</summary>
    public static string Key(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormKD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark) continue;
            var lower = char.ToLowerInvariant(c);
            if (char.IsLetterOrDigit(lower)) sb.Append(lower);
        }
        return sb.ToString();
    }
}
