using System.Diagnostics;
using System.Text;

namespace NoteLsp.Cli.Tests;

/// <summary>A vault in a fresh temp folder, deleted on dispose.</summary>
public sealed class TempVault : IDisposable
{
    public TempVault()
    {
        Root = Path.Combine(Path.GetTempPath(), "notelsp-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public TempVault Write(string relativePath, string text) => WriteBytes(relativePath, Encoding.UTF8.GetBytes(text));

    public TempVault WriteBytes(string relativePath, byte[] bytes)
    {
        var path = Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return this;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

public sealed record RunResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>stdout split into lines, without the empty line after the last newline.</summary>
    public string[] Lines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>Runs the built `notelsp` (notelsp.dll, copied next to this test assembly by the project reference) as a real process.</summary>
public static class Notelsp
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>The note cache folder of every process a test starts (NOTELSP_CACHE_DIR), unless the test sets another.</summary>
    public static string TestCacheDirectory { get; } = Path.Combine(Path.GetTempPath(), "notelsp-cli-tests-cache");

    public static string DllPath
    {
        get
        {
            var path = Path.Combine(AppContext.BaseDirectory, "notelsp.dll");
            Assert.True(File.Exists(path), $"notelsp.dll is not next to the test assembly ({path})");
            return path;
        }
    }

    public static RunResult Run(string? workingDirectory, params string[] args) => Run(workingDirectory, null, args);

    /// <param name="environment">extra environment variables of the process (e.g. a GC heap limit)</param>
    public static RunResult Run(string? workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        // The test host runs under the same dotnet; use it rather than whatever `dotnet` is first on PATH.
        var host = Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet";
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(DllPath);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        // The tests' own CI sets this; a check's github/sarif paths would follow it.
        start.Environment.Remove("GITHUB_WORKSPACE");
        // Keep the note cache of the tests' throwaway vaults out of the user's own cache folder.
        start.Environment["NOTELSP_CACHE_DIR"] = TestCacheDirectory;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"notelsp {string.Join(' ', args)} did not finish within {Timeout}");
        }
        process.WaitForExit();
        return new RunResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>
    /// `notelsp check DIR` run from inside DIR (when it exists), so paths print vault-relative, as for a user who runs
    /// the check in the vault; tests of paths relative to another folder use <see cref="Run(string?, string[])"/>.
    /// </summary>
    public static RunResult Check(string directory, params string[] options) =>
        Run(Directory.Exists(directory) ? directory : null, ["check", directory, .. options]);

    /// <summary>The check command in this process (same code path as the program, without process start-up), run from inside the vault.</summary>
    public static RunResult CheckInProcess(string directory, string format = "text", string? configFile = null)
    {
        if (!CheckCommand.TryParseFormat(format, out var checkFormat))
        {
            var usage = new StringWriter { NewLine = "\n" };
            return new RunResult(CheckCommand.Run(directory, format, new StringWriter(), usage, configFile), "", usage.ToString());
        }
        return CheckInProcess(directory, new CheckSettings { Format = checkFormat, ConfigFile = configFile, WorkingDirectory = directory });
    }

    public static RunResult CheckInProcess(string directory, CheckSettings settings)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var exit = CheckCommand.Run(directory, settings, stdout, stderr);
        return new RunResult(exit, stdout.ToString(), stderr.ToString());
    }
}
