using System.Text.Json;
using NoteLsp.Core.Text;
using NoteLsp.Server.Conversion;

namespace NoteLsp.Server.Tests.Fixture;

/// <summary>Applies a WorkspaceEdit (changes or documentChanges with create/rename) to the files of a vault, as a client would (UTF-16 positions).</summary>
public static class EditApplier
{
    public static void Apply(JsonElement edit)
    {
        if (edit.TryGetProperty("documentChanges", out var documentChanges))
        {
            foreach (var change in documentChanges.EnumerateArray())
            {
                var kind = change.TryGetProperty("kind", out var k) ? k.GetString() : null;
                switch (kind)
                {
                    case "create":
                        var created = PathOf(change.GetProperty("uri"));
                        if (!File.Exists(created)) File.WriteAllText(created, "");
                        break;
                    case "rename":
                        var from = PathOf(change.GetProperty("oldUri"));
                        var to = PathOf(change.GetProperty("newUri"));
                        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                        File.Move(from, to);
                        break;
                    case "delete":
                        File.Delete(PathOf(change.GetProperty("uri")));
                        break;
                    default:
                        ApplyTextEditsToFile(PathOf(change.GetProperty("textDocument").GetProperty("uri")), change.GetProperty("edits"));
                        break;
                }
            }
        }
        else if (edit.TryGetProperty("changes", out var changes))
        {
            foreach (var document in changes.EnumerateObject()) ApplyTextEditsToFile(DocumentUri.ToLocalPath(document.Name)!, document.Value);
        }
    }

    private static string PathOf(JsonElement uri) => DocumentUri.ToLocalPath(uri.GetString())!;

    public static string ApplyTextEdits(string text, JsonElement edits)
    {
        var map = LineMap.Build(text);
        var spans = edits.EnumerateArray().Select(e =>
        {
            var (sl, sc, el, ec) = JsonAssert.RangeOf(e.GetProperty("range"));
            return (Start: map.OffsetAt(text, new TextPosition(sl, sc)), End: map.OffsetAt(text, new TextPosition(el, ec)), Text: e.GetProperty("newText").GetString()!);
        }).OrderByDescending(s => s.Start).ToList();
        foreach (var span in spans) text = text[..span.Start] + span.Text + text[span.End..];
        return text;
    }

    private static void ApplyTextEditsToFile(string path, JsonElement edits) => File.WriteAllText(path, ApplyTextEdits(File.ReadAllText(path), edits));
}
