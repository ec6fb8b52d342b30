using System.Collections.Immutable;
using System.Text.RegularExpressions;
using NoteLsp.Core.Index;
using NoteLsp.Core.Model;
using NoteLsp.Core.Names;
using NoteLsp.Core.Parsing;
using NoteLsp.Core.Text;

namespace NoteLsp.Core.Diagnostics;

/// <summary>Computes one note's diagnostics from a snapshot; pure and cheap enough to run per keystroke.</summary>
public static partial class NoteDiagnostics
{
    /// <summary>How many heading suggestions a heading-broken diagnostic carries.</summary>
    private const int MaxHeadingSuggestions = 5;

    private const string TimeHelp = "use M:SS or H:MM:SS, minutes and seconds 00–59";

    [GeneratedRegex("^[A-Za-z0-9_-]{11}$")]
    private static partial Regex VideoIdPattern();

    /// <summary>Diagnostics sorted by range start; codes whose severity is off are left out.</summary>
    public static ImmutableArray<NoteDiagnostic> Compute(VaultSnapshot snapshot, ParsedNote note, DiagnosticOptions options)
    {
        var sink = new Sink(options);
        if (note.HasInvalidEncoding)
        {
            sink.Add(DiagnosticCode.EncodingInvalid, note.InvalidEncodingRange ?? new TextRange(0, 0, 0, 0),
                "This file is not valid UTF-8: the invalid bytes show as \uFFFD (NoteLsp never rewrites the file)");
        }
        if (note.FrontMatter?.Error is { } yamlError)
        {
            // The parser words the error (YAML syntax, unclosed block, duplicate key).
            sink.Add(DiagnosticCode.FrontmatterInvalid, yamlError.Range, yamlError.Message);
        }
        if (note.VideoId is { } videoId && !VideoIdPattern().IsMatch(videoId.Value))
        {
            sink.Add(DiagnosticCode.VideoIdInvalid, videoId.Range,
                $"videoId \"{videoId.Value}\" must be 11 characters of A–Z, a–z, 0–9, _ or -");
        }
        foreach (var link in note.WikiLinks) CheckWikiLink(snapshot, note, link, sink);
        foreach (var link in note.MarkdownLinks) CheckMarkdownLink(snapshot, note, link, sink);
        CheckTimestamps(note, sink);
        foreach (var footnote in Features.NoteFootnotes.Broken(note))
        {
            sink.Add(DiagnosticCode.FootnoteBroken, footnote.Range, $"No definition of the footnote [^{footnote.Label}] in this note (add a line \"[^{footnote.Label}]: …\")");
        }
        return sink.ToSortedArray();
    }

    private static void CheckWikiLink(VaultSnapshot snapshot, ParsedNote note, WikiLink link, Sink sink)
    {
        var resolution = snapshot.Resolve(note, link);
        switch (resolution.Status)
        {
            case TargetStatus.Empty:
                sink.Add(DiagnosticCode.LinkEmpty, link.Range, "Empty link: it names no note, heading or block");
                return;
            case TargetStatus.Broken:
                sink.Add(DiagnosticCode.LinkBroken, link.TargetRange, LooksLikeOtherFile(snapshot, link.Target)
                    ? $"No note or file named \"{link.Target}\""
                    : $"No note named \"{link.Target}\"");
                return;
            case TargetStatus.Ambiguous:
                AddAmbiguous(snapshot, link.TargetRange, link.Target, resolution, sink);
                return;
            case TargetStatus.Resolved when resolution.Fragment == FragmentStatus.Missing:
                var target = resolution.Target!;
                var inWhat = target.Path == note.Path ? "this note" : target.Path;
                if (link.BlockId is { Length: > 0 } blockId)
                {
                    sink.Add(DiagnosticCode.BlockBroken, link.BlockIdRange ?? link.Range, $"No block \"^{blockId.TrimStart('^')}\" in {inWhat}");
                }
                else
                {
                    var heading = link.Heading ?? "";
                    sink.Add(DiagnosticCode.HeadingBroken, link.HeadingRange ?? link.Range, $"No heading \"{heading}\" in {inWhat}",
                        suggestions: ClosestHeadings(target, heading).Select(h => h.Text).ToImmutableArray());
                }
                return;
        }
    }

    private static void CheckMarkdownLink(VaultSnapshot snapshot, ParsedNote note, MarkdownLink link, Sink sink)
    {
        var resolution = snapshot.Resolve(note, link);
        switch (resolution.Status)
        {
            case TargetStatus.Broken:
                sink.Add(DiagnosticCode.LinkBroken, link.PathRange, LooksLikeOtherFile(snapshot, link.Path)
                    ? $"No file at \"{link.Path}\""
                    : $"No note at \"{link.Path}\"");
                return;
            case TargetStatus.Ambiguous:
                AddAmbiguous(snapshot, link.PathRange, link.Path, resolution, sink, relativeTo: note);
                return;
            case TargetStatus.Resolved when resolution.Fragment == FragmentStatus.Missing:
                var target = resolution.Target!;
                var inWhat = target.Path == note.Path ? "this note" : target.Path;
                var fragment = link.Fragment ?? "";
                var range = link.FragmentRange ?? link.Range;
                if (fragment.StartsWith('^'))
                {
                    sink.Add(DiagnosticCode.BlockBroken, range, $"No block \"{fragment}\" in {inWhat}");
                }
                else
                {
                    sink.Add(DiagnosticCode.HeadingBroken, range, $"No heading \"{fragment}\" in {inWhat}",
                        suggestions: ClosestHeadings(target, fragment).Select(h => h.Anchor).ToImmutableArray());
                }
                return;
        }
    }

    /// <summary>The target has an extension that is not a note's ("pic.png", "report.final"): it names a file.</summary>
    private static bool LooksLikeOtherFile(VaultSnapshot snapshot, string target)
    {
        var extension = VaultSnapshot.ExtensionOf(target.Trim());
        return extension.Length > 0 && !snapshot.NoteExtensions.Contains(extension.ToLowerInvariant());
    }

    /// <param name="relativeTo">for a Markdown link, the linking note: suggestions are then paths relative to its folder</param>
    private static void AddAmbiguous(VaultSnapshot snapshot, TextRange range, string target, LinkResolution resolution, Sink sink, ParsedNote? relativeTo = null)
    {
        var candidates = resolution.Candidates;
        var related = candidates
            .Select(c => new RelatedLocation(c.Path, new TextRange(0, 0, 0, 0), $"\"{target}\" could mean {c.Path}"))
            .ToImmutableArray();
        var suggestions = relativeTo is null
            ? candidates.Select(c => LinkTargets.ShortestUniqueTarget(snapshot, c)).OfType<string>().ToImmutableArray()
            : candidates.Select(c => LinkTargets.RelativeLinkPath(relativeTo.Path, c.Path)).ToImmutableArray();
        sink.Add(DiagnosticCode.LinkAmbiguous, range,
            $"\"{target}\" matches {candidates.Length} notes: {string.Join(", ", candidates.Select(c => c.Path))}",
            related, suggestions);
    }

    /// <summary>The target's headings closest to the text: same key or prefix/containment first, then by edit distance on keys.</summary>
    private static IEnumerable<Heading> ClosestHeadings(ParsedNote target, string text)
    {
        var key = NoteNames.Key(text);
        return target.Headings
            .Select(h => (Heading: h, Score: KeyDistance.Score(key, h.Key)))
            .Where(x => x.Score < int.MaxValue)
            .OrderBy(x => x.Score)
            .Take(MaxHeadingSuggestions)
            .Select(x => x.Heading);
    }

    private static void CheckTimestamps(ParsedNote note, Sink sink)
    {
        var hasVideo = note.VideoId is { Value.Length: > 0 };
        int? duration = note.Duration is { } d && TimeText.TryParseDuration(d.Value, out var seconds) ? seconds : null;
        foreach (var timestamp in note.Timestamps)
        {
            var targetValid = TimeText.TryParse(timestamp.TargetText, out var targetSeconds);
            var displayValid = TimeText.TryParse(timestamp.DisplayText, out var displaySeconds);
            if (!targetValid && !displayValid)
            {
                // One problem, one diagnostic: it spans both times, from the first in the text to the end of the other.
                var (first, second) = timestamp.TargetRange.Start <= timestamp.DisplayRange.Start
                    ? (timestamp.TargetRange, timestamp.DisplayRange)
                    : (timestamp.DisplayRange, timestamp.TargetRange);
                var message = timestamp.TargetText == timestamp.DisplayText
                    ? $"\"{timestamp.TargetText}\" is not a video time ({TimeHelp})"
                    : $"\"{timestamp.TargetText}\" and \"{timestamp.DisplayText}\" are not video times ({TimeHelp})";
                sink.Add(DiagnosticCode.TimestampInvalid, new TextRange(first.Start, second.End), message);
            }
            else if (!targetValid)
            {
                sink.Add(DiagnosticCode.TimestampInvalid, timestamp.TargetRange, $"\"{timestamp.TargetText}\" is not a video time ({TimeHelp})");
            }
            else if (!displayValid)
            {
                sink.Add(DiagnosticCode.TimestampInvalid, timestamp.DisplayRange, $"\"{timestamp.DisplayText}\" is not a video time ({TimeHelp})");
            }
            if (targetValid && displayValid && targetSeconds != displaySeconds)
            {
                sink.Add(DiagnosticCode.TimestampMismatch, timestamp.DisplayRange, $"Shows {timestamp.DisplayText} but jumps to {timestamp.TargetText}",
                    suggestions: [TimeText.Format(targetSeconds, withHours: timestamp.DisplayText.Count(c => c == ':') == 2)]);
            }
            if (!hasVideo)
            {
                sink.Add(DiagnosticCode.TimestampNoVideo, timestamp.TargetRange,
                    $"This note has no videoId, so the timestamp {timestamp.TargetText} cannot link to a video");
            }
            if (targetValid && duration is { } end && targetSeconds > end)
            {
                sink.Add(DiagnosticCode.TimestampOutOfRange, timestamp.TargetRange,
                    $"{timestamp.TargetText} is past the end of the video (duration {TimeText.Format(end, withHours: false)})");
            }
        }
    }

    /// <summary>Collects diagnostics with the configured severity, dropping codes that are off.</summary>
    private sealed class Sink(DiagnosticOptions options)
    {
        private readonly List<NoteDiagnostic> _items = [];

        public void Add(DiagnosticCode code, TextRange range, string message,
            ImmutableArray<RelatedLocation> related = default, ImmutableArray<string> suggestions = default)
        {
            if (options.SeverityOf(code) is not { } severity) return;
            _items.Add(new NoteDiagnostic(code, severity, range, message,
                related.IsDefault ? [] : related, suggestions.IsDefault ? [] : suggestions));
        }

        // OrderBy is stable: diagnostics at one position keep the order they were found in.
        public ImmutableArray<NoteDiagnostic> ToSortedArray() =>
            _items.OrderBy(d => d.Range.Start).ThenBy(d => d.Range.End).ToImmutableArray();
    }
}
