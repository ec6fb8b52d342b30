using System.Diagnostics;
using System.Globalization;

namespace NoteLsp.VaultGenerator;

/// <summary>dotnet run --project tests/NoteLsp.VaultGenerator -c Release -- --notes 10000 --seed 1 --out DIR</summary>
public static class Program
{
    private const string Usage =
        "usage: NoteLsp.VaultGenerator --out DIR [--notes N] [--seed S] [--note-bytes B] [--problem-rate R] [--truth FILE]\n" +
        "  Writes a vault of N notes (default 300) with planted problems into DIR (which must be empty or absent),\n" +
        "  and the ground truth as DIR/" + GroundTruth.DefaultFileName + " (or FILE with --truth).";

    public static int Main(string[] args)
    {
        var options = new GeneratorOptions();
        string? output = null;
        string? truthFile = null;
        try
        {
            for (var i = 0; i < args.Length; i++)
            {
                string Value() => i + 1 < args.Length ? args[++i] : throw new FormatException($"{args[i]} needs a value");
                switch (args[i])
                {
                    case "--notes": options = options with { Notes = int.Parse(Value(), CultureInfo.InvariantCulture) }; break;
                    case "--seed": options = options with { Seed = long.Parse(Value(), CultureInfo.InvariantCulture) }; break;
                    case "--note-bytes": options = options with { NoteBytes = int.Parse(Value(), CultureInfo.InvariantCulture) }; break;
                    case "--problem-rate": options = options with { ProblemRate = double.Parse(Value(), CultureInfo.InvariantCulture) }; break;
                    case "--out": output = Value(); break;
                    case "--truth": truthFile = Value(); break;
                    case "-h" or "--help": Console.WriteLine(Usage); return 0;
                    default: throw new FormatException($"unknown argument {args[i]}");
                }
            }
            if (output is null) throw new FormatException("--out DIR is required");
        }
        catch (FormatException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(Usage);
            return 2;
        }

        try
        {
            if (truthFile is not null) options = options with { GroundTruthFileName = null };
            var clock = Stopwatch.StartNew();
            var truth = VaultGenerator.Generate(options, output);
            clock.Stop();
            if (truthFile is not null) File.WriteAllText(truthFile, truth.ToJson());
            Console.WriteLine(VaultGenerator.Describe(truth, output, clock.Elapsed));
            return 0;
        }
        catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
    }
}
