using System.Text.Json;

namespace NoteLsp.Server.Protocol;

public sealed record ClientInfo(string Name, string? Version);

public sealed record WorkspaceFolder(string Uri, string Name);

public sealed record InitializeParams
{
    public int? ProcessId { get; init; }
    public ClientInfo? ClientInfo { get; init; }
    public string? RootPath { get; init; }
    public string? RootUri { get; init; }
    public IReadOnlyList<WorkspaceFolder>? WorkspaceFolders { get; init; }
    public ClientCapabilities? Capabilities { get; init; }
    public JsonElement? InitializationOptions { get; init; }
    public string? Trace { get; init; }
}

public sealed record ServerInfo(string Name, string? Version);

public sealed record InitializeResult(ServerCapabilities Capabilities, ServerInfo ServerInfo);

public sealed record InitializedParams;

public sealed record SetTraceParams(string Value);

public sealed record DidChangeWorkspaceFoldersParams(WorkspaceFoldersChangeEvent Event);

public sealed record WorkspaceFoldersChangeEvent(IReadOnlyList<WorkspaceFolder> Added, IReadOnlyList<WorkspaceFolder> Removed);

public sealed record DidChangeConfigurationParams(JsonElement? Settings);

public sealed record ConfigurationParams(IReadOnlyList<ConfigurationItem> Items);

public sealed record ConfigurationItem(string? ScopeUri, string? Section);

public sealed record Registration(string Id, string Method, object? RegisterOptions);

public sealed record RegistrationParams(IReadOnlyList<Registration> Registrations);

public sealed record DidChangeWatchedFilesRegistrationOptions(IReadOnlyList<FileWatcher> Watchers);

/// <summary>Kind is a bit set: 1 create, 2 change, 4 delete (7 = all, the default).</summary>
public sealed record FileWatcher(string GlobPattern, int? Kind = null);

public sealed record DidChangeWatchedFilesParams(IReadOnlyList<FileEvent> Changes);

public sealed record FileEvent(string Uri, int Type);

public static class FileChangeType
{
    public const int Created = 1;
    public const int Changed = 2;
    public const int Deleted = 3;
}

public sealed record WorkDoneProgressCreateParams(object Token);

public sealed record ProgressParams(object Token, object Value);

public sealed record WorkDoneProgressBegin(string Title, bool? Cancellable, string? Message, int? Percentage)
{
    public string Kind => "begin";
}

public sealed record WorkDoneProgressReport(string? Message, int? Percentage)
{
    public string Kind => "report";
}

public sealed record WorkDoneProgressEnd(string? Message)
{
    public string Kind => "end";
}
