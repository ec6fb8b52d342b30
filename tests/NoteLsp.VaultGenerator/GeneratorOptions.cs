namespace NoteLsp.VaultGenerator;

/// <summary>What to generate. The same options always give byte-identical files.</summary>
public sealed record GeneratorOptions
{
    /// <summary>Total number of note files (transcripts, channel notes and the notes that share a stem). At least 50.</summary>
    public int Notes { get; init; } = 300;

    public long Seed { get; init; } = 42;

    /// <summary>Approximate size of a transcript note in bytes.</summary>
    public int NoteBytes { get; init; } = 6000;

    /// <summary>Share of the notes that carry a planted problem, spread evenly over the codes.</summary>
    public double ProblemRate { get; init; } = 0.04;

    /// <summary>However small the vault, at least this many planted problems of every code.</summary>
    public int MinProblemsPerCode { get; init; } = 3;

    /// <summary>Exponent of the Zipf law that picks link targets: 1.0 makes a few notes very popular.</summary>
    public double ZipfExponent { get; init; } = 1.0;

    /// <summary>Share of transcript notes placed in a subfolder.</summary>
    public double SubfolderRate { get; init; } = 0.25;

    /// <summary>Share of notes written with "\r\n" line ends.</summary>
    public double CrlfRate { get; init; } = 0.05;

    /// <summary>How many (link → target) samples the ground truth keeps for definition checks.</summary>
    public int DefinitionSamples { get; init; } = 60;

    /// <summary>File name of the ground truth inside the vault; hidden (leading '.') and not a note, so scanning skips it. Null: not written into the vault.</summary>
    public string? GroundTruthFileName { get; init; } = GroundTruth.DefaultFileName;

    /// <summary>Notes written at once; null: several per core (writing files is mostly waiting).</summary>
    public int? MaxDegreeOfParallelism { get; init; }
}
