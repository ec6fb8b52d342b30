namespace NoteLsp.Server.Protocol;

// Code lenses and document highlights.

public sealed record CodeLensParams(TextDocumentIdentifier TextDocument);

/// <summary>Listed with Data only; textDocument/codeLens/resolve fills in Command from Data.</summary>
public sealed record CodeLens(LspRange Range, LspCommand? Command, CodeLensData? Data);

/// <summary>What resolving a lens needs: its note, which source made it (Core NoteLenses kinds) and that source's key.</summary>
public sealed record CodeLensData(string Uri, string Kind, string? Key);

public sealed record LspCommand(string Title, string Command, IReadOnlyList<object>? Arguments);

public sealed record CodeLensOptions(bool ResolveProvider);

public static class ClientCommands
{
    /// <summary>Arguments (uri, position, locations): the editors' own "show references" (the VS Code extension, the Neovim snippet in editors/nvim).</summary>
    public const string ShowReferences = "notelsp.showReferences";
}

public sealed record DocumentHighlightParams : TextDocumentPositionParams;

public sealed record DocumentHighlight(LspRange Range, int Kind);
