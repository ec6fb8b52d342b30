using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using NoteLsp.Core.Index;
using NoteLsp.Core.Parsing;
using NoteLsp.Core.Text;

namespace NoteLsp.Core.Features;

/// <summary>
/// Completion of a callout's type after <c>&gt; [!</c> (docs/notes-format.md §11): the usual types, then every other type
/// the vault already uses, most used first.
/// </summary>
/// <remarks>
/// The vault's types are counted once per snapshot, on the first callout completion it answers: one pass over the notes
/// reading each one's (nearly always empty) callout list, never a note's text. Later requests on the same snapshot reuse it.
/// </remarks>
public static class CalloutCompletion
{
    public static readonly ImmutableArray<string> StandardTypes =
        ["note", "abstract", "info", "todo", "tip", "success", "question", "warning", "failure", "danger", "bug", "example", "quote"];

    private static readonly ConditionalWeakTable<VaultSnapshot, IReadOnlyList<(string Type, int Count)>> VaultTypes = new();

    /// <summary>The items when the text before the cursor ends in a callout header being typed (<c>&gt; [!ty</c>), else null.</summary>
    public static NoteCompletionResult? TryComplete(VaultSnapshot snapshot, string before, string after, TextPosition position, int maxItems)
    {
        var typedStart = before.Length;
        while (typedStart > 0 && CalloutSyntax.IsTypeChar(before[typedStart - 1])) typedStart--;
        if (!IsHeaderStart(before.AsSpan(0, typedStart))) return null;
        var range = new TextRange(position with { Character = typedStart }, position);
        var close = after.StartsWith(']') ? "" : "]";
        var items = new List<NoteCompletionItem>();
        foreach (var type in StandardTypes) items.Add(new NoteCompletionItem(CompletionItemKind.Callout, type, type + close, "callout", null, range));
        var typed = before[typedStart..];
        foreach (var (type, count) in UsedTypes(snapshot))
        {
            if (items.Count >= maxItems) break;
            // The header being typed is in the snapshot too: used once, it is only this one.
            if (count == 1 && type.Equals(typed, StringComparison.OrdinalIgnoreCase)) continue;
            items.Add(new NoteCompletionItem(CompletionItemKind.Callout, type, type + close, count == 1 ? "callout used once in the vault" : $"callout used {count} times in the vault", null, range));
        }
        return new NoteCompletionResult(items, IsIncomplete: false);
    }

    /// <summary>Whether the line so far is a block quote's first marker(s) followed by "[!": "&gt; [!", "&gt; &gt; [!", "   &gt;[!".</summary>
    private static bool IsHeaderStart(ReadOnlySpan<char> line)
    {
        if (!line.EndsWith("[!")) return false;
        line = line[..^2];
        var i = 0;
        while (i < line.Length && i < 3 && line[i] == ' ') i++;
        var quotes = 0;
        while (i < line.Length)
        {
            if (line[i] == '>') quotes++;
            else if (line[i] is not (' ' or '\t')) return false;
            i++;
        }
        return quotes > 0;
    }

    /// <summary>Types the vault uses that are not standard, by how often (then by name), counted once per snapshot.</summary>
    public static IReadOnlyList<(string Type, int Count)> UsedTypes(VaultSnapshot snapshot) => VaultTypes.GetValue(snapshot, static s =>
    {
        var counts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var note in s.Notes)
        {
            foreach (var callout in note.Callouts)
            {
                if (!StandardTypes.Contains(callout.Type, StringComparer.OrdinalIgnoreCase)) counts[callout.Type] = counts.GetValueOrDefault(callout.Type) + 1;
            }
        }
        return counts.Select(kv => (Type: kv.Key.ToLowerInvariant(), Count: kv.Value))
            .OrderByDescending(t => t.Count).ThenBy(t => t.Type, StringComparer.Ordinal).ToList();
    });
}
