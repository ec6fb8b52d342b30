using NoteLsp.Server.Conversion;
using NoteLsp.Server.Protocol;

namespace NoteLsp.Server.State;

/// <summary>didChange: content changes applied to an open document's text (parsed later, outside the lock).</summary>
public sealed partial class Workspace
{
    /// <summary>Applies a didChange to the document's text; its note is parsed later (<see cref="ParseStale"/>).</summary>
    public void Change(string uri, int version, IReadOnlyList<TextDocumentContentChangeEvent> changes, PositionEncoder encoder)
    {
        var fullPath = DocumentUri.ToLocalPath(uri);
        if (fullPath is null) return;
        Update(view =>
        {
            if (!view.Documents.TryGetValue(fullPath, out var document))
            {
                log.Warning("didChange for {Uri}, which is not open: ignored", uri);
                return (view, false);
            }
            var lines = document.Lines;
            if (version <= document.Version)
            {
                // The client's text is still the truth, so the change is applied; but its edits may be out of order.
                log.Warning("didChange for {Uri}: version {Version} does not increase on {Previous}; applied anyway", uri, version, document.Version);
            }
            foreach (var change in changes)
            {
                if (change.Range is { } range && !IsInBounds(range, lines, encoder))
                {
                    log.Warning("didChange for {Uri} version {Version}: range {Start}-{End} is out of bounds of a text of {Lines} lines; clamped into it",
                        uri, version, $"{range.Start.Line}:{range.Start.Character}", $"{range.End.Line}:{range.End.Character}", lines.Map.LineCount);
                }
                lines = Apply(lines, change, encoder);
            }
            // Parsing waits (ParseStale): at 1,000 changes a second, parsing each would stall the message loop.
            var stale = view.VaultOf(fullPath) is not null;
            view = view with { Documents = view.Documents.SetItem(fullPath, document with { Version = version, Lines = lines, IsStale = stale }) };
            return (view, true);
        });
    }

    /// <summary>True when both ends lie on a line of the text, at most at its end (in the client's encoding).</summary>
    public static bool IsInBounds(LspRange range, TextLines lines, PositionEncoder encoder)
    {
        bool Inside(LspPosition position)
        {
            if (position.Line < 0 || position.Character < 0 || position.Line >= lines.Map.LineCount) return false;
            var line = lines.Line(position.Line);
            var length = encoder.IsUtf8 ? PositionEncoder.Utf16ToUtf8Column(line, line.Length) : line.Length;
            return position.Character <= length;
        }
        return Inside(range.Start) && Inside(range.End);
    }

    /// <summary>Applies one content change; a range past the end of a line or of the text is clamped.</summary>
    public static TextLines Apply(TextLines lines, TextDocumentContentChangeEvent change, PositionEncoder encoder)
    {
        if (change.Range is null) return new TextLines(change.Text);
        var range = encoder.FromLsp(change.Range, lines);
        var start = lines.Map.OffsetAt(lines.Text, range.Start);
        var end = lines.Map.OffsetAt(lines.Text, range.End);
        if (end < start) (start, end) = (end, start);
        return new TextLines(string.Concat(lines.Text.AsSpan(0, start), change.Text, lines.Text.AsSpan(end)));
    }
}
