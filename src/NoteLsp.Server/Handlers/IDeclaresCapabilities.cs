using NoteLsp.Server.Protocol;
using NoteLsp.Server.State;

namespace NoteLsp.Server.Handlers;

/// <summary>
/// A handler says, next to its code, what it adds to the server's capabilities for this client; initialize folds
/// every handler's declaration into one <see cref="ServerCapabilities"/>. A feature the client cannot use declares nothing.
/// </summary>
public interface IDeclaresCapabilities
{
    ServerCapabilities Declare(ServerCapabilities capabilities, CapabilityInputs inputs);
}

/// <param name="Client">what the client can do</param>
/// <param name="NoteExtensions">the note extensions of every vault (for file-operation filters)</param>
public sealed record CapabilityInputs(ClientFeatures Client, IReadOnlyList<string> NoteExtensions);
