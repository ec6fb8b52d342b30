using NoteLsp.Core.Features;
using NoteLsp.Server.Conversion;
using NoteLsp.Server.Protocol;
using StreamJsonRpc;

namespace NoteLsp.Server.Handlers;

/// <summary>
/// prepareRename / rename: what the link binds to is renamed (file, title, alias or heading) and every link follows.
/// A file rename needs a client that applies RenameFile; without one it is refused before anything is changed.
/// </summary>
public sealed class RenameHandler : IDeclaresCapabilities
{
    public ServerCapabilities Declare(ServerCapabilities capabilities, CapabilityInputs inputs) =>
        capabilities with { RenameProvider = inputs.Client.PrepareRenameSupport ? new RenameOptions(PrepareProvider: true) : true };

    public LspPrepareRenameResult? Prepare(RequestContext context, PrepareRenameParams request, CancellationToken cancellationToken)
    {
        if (context.At(request.TextDocument, request.Position) is not { Note: { } note } at) return null;
        if (NoteElementAt.Find(note, at.Position) is null && NoteTags.At(note, at.Position) is null) return null; // plain text: nothing to rename
        try
        {
            var result = NoteRename.Prepare(at.Vault.Snapshot, note, at.Position);
            RefuseFileRenameWithoutSupport(context, NoteRename.KindAt(at.Vault.Snapshot, note, at.Position));
            return new LspPrepareRenameResult(context.Converter.Range(at.Vault, note.Path, result.Range), result.Placeholder);
        }
        catch (RenameException e)
        {
            throw Failed(e.Message);
        }
    }

    public WorkspaceEdit? Rename(RequestContext context, RenameParams request, CancellationToken cancellationToken)
    {
        if (context.At(request.TextDocument, request.Position) is not { Note: { } note } at)
        {
            throw Failed("This document is not a note of an open vault.");
        }
        RenamePlan plan;
        try
        {
            plan = NoteRename.Plan(at.Vault.Snapshot, note, at.Position, request.NewName);
        }
        catch (RenameException e)
        {
            throw Failed(e.Message);
        }
        if (plan.FileRename is not null) RefuseFileRenameWithoutSupport(context, RenameKind.File);
        var edit = new WorkspaceEditBuilder(context);
        edit.AddTextEdits(at.Vault, plan.Edits, cancellationToken); // in path order (RenamePlan)
        if (plan.FileRename is { } file) edit.RenameFile(at.Vault, file.OldPath, file.NewPath);
        return edit.Build();
    }

    private static void RefuseFileRenameWithoutSupport(RequestContext context, RenameKind kind)
    {
        if (kind == RenameKind.File && !context.Client.CanRenameFiles)
        {
            throw Failed("This link names the note's file, and renaming it means renaming the file, which this editor cannot do through the language server. Rename the file in the editor instead (links follow through workspace/willRenameFiles), or link by title.");
        }
    }

    private static LocalRpcException Failed(string message) => new(message) { ErrorCode = ErrorCodes.RequestFailed };
}
