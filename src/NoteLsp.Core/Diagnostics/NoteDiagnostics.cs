using System.Collections.Immutable;
using NoteLsp.Core.Index;
using NoteLsp.Core.Model;

namespace NoteLsp.Core.Diagnostics;

/// <summary>Computes one note's diagnostics from a snapshot; pure and cheap enough to run per keystroke.</summary>
public static class NoteDiagnostics
{
    /// <summary>Diagnostics sorted by range start; codes whose severity is off are left out.</summary>
    public static ImmutableArray<NoteDiagnostic> Compute(VaultSnapshot snapshot, ParsedNote note, DiagnosticOptions options) =>
        throw new NotImplementedException("index helper");
}
