namespace NoteLsp.Server.Protocol;

// Work-done progress values of indexing that also carry the note counts as numbers (extra properties, which LSP
// clients ignore), so an editor extension shows them without parsing the human-readable message.

public sealed record IndexingProgressBegin(string Title, bool? Cancellable, string? Message, int? Percentage, int Done, int Total)
{
    public string Kind => "begin";
}

public sealed record IndexingProgressReport(string? Message, int? Percentage, int Done, int Total)
{
    public string Kind => "report";
}

/// <summary>The end of a finished indexing run; <see cref="Notes"/> is how many notes it indexed.</summary>
public sealed record IndexingProgressEnd(string? Message, int Notes)
{
    public string Kind => "end";
}
