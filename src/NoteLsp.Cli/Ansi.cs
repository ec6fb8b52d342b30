using NoteLsp.Core.Diagnostics;

namespace NoteLsp.Cli;

/// <summary>The few terminal colours `notelsp check` uses, and when to use them (https://no-color.org).</summary>
public static class Ansi
{
    public const string Reset = "\u001b[0m";
    public const string Bold = "\u001b[1m";

    public static string For(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "\u001b[1;31m",
        DiagnosticSeverity.Warning => "\u001b[1;33m",
        _ => "\u001b[1;36m",
    };

    /// <summary>Colour only on a terminal, and never when NO_COLOR is set to anything non-empty.</summary>
    public static bool ShouldColor(bool outputIsTerminal, string? noColor) => outputIsTerminal && string.IsNullOrEmpty(noColor);
}
