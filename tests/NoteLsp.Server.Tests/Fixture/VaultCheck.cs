using NoteLsp.Core.Config;
using NoteLsp.Core.Diagnostics;
using NoteLsp.Core.Files;
using NoteLsp.Core.Index;

namespace NoteLsp.Server.Tests.Fixture;

/// <summary>A fresh look at a vault on disk, as `notelsp check` would take it: every note's diagnostics.</summary>
public static class VaultCheck
{
    public static VaultSnapshot Scan(string root) => VaultScanner.Scan(root, NoteLspConfig.Default).Snapshot;

    /// <summary>"path code: message" for every diagnostic of every note, sorted.</summary>
    public static List<string> Problems(string root)
    {
        var snapshot = Scan(root);
        return snapshot.Notes
            .SelectMany(n => NoteDiagnostics.Compute(snapshot, n, DiagnosticOptions.Default).Select(d => $"{n.Path} {d.Id}: {d.Message}"))
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
