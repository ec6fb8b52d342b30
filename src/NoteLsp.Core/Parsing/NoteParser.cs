using NoteLsp.Core.Model;

namespace NoteLsp.Core.Parsing;

/// <summary>Parses one note's text into a <see cref="ParsedNote"/> (Markdig with precise locations + YamlDotNet). Never throws on any input.</summary>
public static class NoteParser
{
    /// <param name="relativePath">vault-relative path with '/' separators, e.g. "folder/note.md"</param>
    /// <param name="text">the note's text (already decoded; a BOM is not expected but tolerated)</param>
    /// <param name="hasInvalidEncoding">the bytes were not valid UTF-8 (see <see cref="NoteText.Decode"/>)</param>
    public static ParsedNote Parse(string relativePath, string text, bool hasInvalidEncoding = false) =>
        throw new NotImplementedException("parser helper");
}
