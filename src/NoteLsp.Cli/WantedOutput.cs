using System.Globalization;
using NoteLsp.Core.Features;
using NoteLsp.Core.Text;

namespace NoteLsp.Cli;

/// <summary>`notelsp check --wanted`: the notes links ask for that are not written yet (docs/notes-format.md §12), most waited for first.</summary>
public static class WantedOutput
{
    public static void Write(CheckFormat format, IReadOnlyList<UnwrittenTarget> targets, TextWriter output)
    {
        if (format == CheckFormat.Json) WriteJson(targets, output);
        else WriteText(targets, output);
    }

    /// <summary>`name: 7 links in 3 notes`, one target a line; the name is a vault's text, so control characters are escaped.</summary>
    public static void WriteText(IReadOnlyList<UnwrittenTarget> targets, TextWriter output)
    {
        foreach (var target in targets)
        {
            output.Write(VisibleText.Escape(target.Name));
            output.Write(string.Create(CultureInfo.InvariantCulture,
                $": {target.LinkCount} {(target.LinkCount == 1 ? "link" : "links")} in {target.NoteCount} {(target.NoteCount == 1 ? "note" : "notes")}\n"));
        }
    }

    /// <summary>An indented array of { target, links, notes }.</summary>
    public static void WriteJson(IReadOnlyList<UnwrittenTarget> targets, TextWriter output)
    {
        CheckOutput.WriteJsonDocument(output, writer =>
        {
            writer.WriteStartArray();
            foreach (var target in targets)
            {
                writer.WriteStartObject();
                writer.WriteString("target", target.Name);
                writer.WriteNumber("links", target.LinkCount);
                writer.WriteNumber("notes", target.NoteCount);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        });
    }
}
