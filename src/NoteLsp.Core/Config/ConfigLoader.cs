namespace NoteLsp.Core.Config;

/// <summary>The config and, when the file was bad, why (the defaults are used for what could not be read).</summary>
public sealed record ConfigLoadResult(NoteLspConfig Config, string? Error);

/// <summary>Reads `.notelsp.yml`. Never throws: a bad file gives the defaults and an error message.</summary>
public static class ConfigLoader
{
    /// <summary>Loads vaultRoot/.notelsp.yml, or the defaults when there is none.</summary>
    public static ConfigLoadResult Load(string vaultRoot) => throw new NotImplementedException("vault helper");

    /// <summary>Parses YAML text (keys: extensions, ignore, maxFileBytes, severities: {code: level}, timestampUrlTemplate) over a base config.</summary>
    public static ConfigLoadResult Parse(string yaml, NoteLspConfig? baseConfig = null) => throw new NotImplementedException("vault helper");
}
