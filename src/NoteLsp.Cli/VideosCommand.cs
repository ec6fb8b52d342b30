using System.CommandLine;
using System.Globalization;
using System.Text;
using NoteLsp.Core.Config;
using NoteLsp.Core.Files;
using NoteLsp.Core.Index;
using NoteLsp.Core.Parsing;
using NoteLsp.Core.Text;

namespace NoteLsp.Cli;

/// <summary>
/// `notelsp videos`: per video of the vault, its notes (path order) and their moments (time order) — what an index page
/// or a site needs (docs/notes-format.md §6.1). Exit status 0, or 2 for bad usage or an unusable folder.
/// </summary>
public static class VideosCommand
{
    public static readonly string[] FormatNames = ["text", "json"];

    /// <summary>The `videos` subcommand: its arguments, options and action.</summary>
    public static Command CommandLine()
    {
        var videos = new Command("videos", "Print every video of a vault with its notes and their moments (text or json).");
        var directory = new Argument<string?>("DIR") { Description = "The vault folder (default: the current folder).", Arity = ArgumentArity.ZeroOrOne };
        var format = new Option<string>("--format", "-f") { Description = "Output format.", DefaultValueFactory = _ => "text", HelpName = "text|json" };
        format.AcceptOnlyFromAmong(FormatNames);
        videos.Arguments.Add(directory);
        videos.Options.Add(format);
        videos.SetAction(result =>
        {
            using var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16) { AutoFlush = false };
            return Run(result.GetValue(directory), result.GetValue(format), stdout, Console.Error);
        });
        return videos;
    }

    public static int Run(string? directory, string? format, TextWriter stdout, TextWriter stderr)
    {
        var json = (format ?? "text").Trim().ToLowerInvariant() switch
        {
            "text" => false,
            "json" => true,
            _ => (bool?)null,
        };
        if (json is null)
        {
            stderr.WriteLine($"notelsp: unknown format '{format}' (use {string.Join(", ", FormatNames)})");
            return CheckCommand.ExitUsage;
        }
        var root = string.IsNullOrEmpty(directory) ? "." : directory;
        if (CheckCommand.CheckFolder(root, root) is { } folderProblem)
        {
            stderr.WriteLine($"notelsp: {folderProblem}");
            return CheckCommand.ExitUsage;
        }
        var loaded = ConfigLoader.Load(root);
        if (loaded.Error is not null) stderr.WriteLine(loaded.Error);
        var scan = VaultScanner.Scan(root, loaded.Config);
        foreach (var issue in scan.Issues) stderr.WriteLine($"{CheckOutput.TextPath(issue.Path)}: {VisibleText.Escape(issue.Message)}");

        var videos = Collect(scan.Snapshot);
        if (json.Value) WriteJson(videos, loaded.Config, stdout);
        else WriteText(videos, loaded.Config, stdout);
        stdout.Flush();
        return CheckCommand.ExitClean;
    }

    private sealed record VideoNote(string Path, string Title, IReadOnlyList<VideoMoment> Moments);

    private sealed record Video(string Id, IReadOnlyList<VideoNote> Notes)
    {
        public int MomentCount => Notes.Sum(n => n.Moments.Count);
    }

    private static List<Video> Collect(VaultSnapshot snapshot) =>
        [.. snapshot.VideoIds.Select(id => new Video(id, [.. snapshot.NotesOfVideo(id)
            .Select(note => new VideoNote(note.Path, note.Title, [.. VaultSnapshot.MomentsIn(note).OrderBy(m => m.Seconds)]))]))];

    private static string Time(int seconds) => TimeText.Format(seconds, withHours: seconds >= 3600);

    private static string Count(int count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? "" : "s")}");

    /// <summary>Every line starts with "video " or spaces, and untrusted names are escaped: no line can be a terminal or CI command.</summary>
    private static void WriteText(List<Video> videos, NoteLspConfig config, TextWriter output)
    {
        foreach (var video in videos)
        {
            output.WriteLine($"video {VisibleText.Escape(video.Id)}: {Count(video.Notes.Count, "note")}, {Count(video.MomentCount, "moment")}");
            foreach (var note in video.Notes)
            {
                output.WriteLine($"  {CheckOutput.TextPath(note.Path)} ({VisibleText.Escape(note.Title)})");
                foreach (var moment in note.Moments)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"    {Time(moment.Seconds)}  line {moment.Timestamp.Range.Start.Line + 1}  {VisibleText.Escape(config.TimestampUrl(video.Id, moment.Seconds))}"));
                }
            }
        }
    }

    private static void WriteJson(List<Video> videos, NoteLspConfig config, TextWriter output)
    {
        CheckOutput.WriteJsonDocument(output, writer =>
        {
            writer.WriteStartArray();
            foreach (var video in videos)
            {
                writer.WriteStartObject();
                writer.WriteString("videoId", video.Id);
                writer.WriteStartArray("notes");
                foreach (var note in video.Notes)
                {
                    writer.WriteStartObject();
                    writer.WriteString("path", note.Path);
                    writer.WriteString("title", note.Title);
                    writer.WriteStartArray("moments");
                    foreach (var moment in note.Moments)
                    {
                        writer.WriteStartObject();
                        writer.WriteString("time", Time(moment.Seconds));
                        writer.WriteNumber("seconds", moment.Seconds);
                        writer.WriteString("url", config.TimestampUrl(video.Id, moment.Seconds));
                        CheckOutput.WritePosition(writer, "start", moment.Timestamp.Range.Start);
                        writer.WriteEndObject();
                    }
                    writer.WriteEndArray();
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        });
    }
}
