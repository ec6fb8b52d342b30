using System.Collections.Immutable;
using System.IO.Hashing;
using System.Reflection;
using System.Text;
using NoteLsp.Core.Config;
using NoteLsp.Core.Index;
using NoteLsp.Core.Model;

namespace NoteLsp.Core.Cache;

/// <summary>What the enumeration says about a note file: a cached note is reused only while both are the same.</summary>
public readonly record struct FileStamp(long Length, long LastWriteTicks);

/// <summary>A cached note and the stamp its file had when it was read.</summary>
public readonly record struct CachedNote(FileStamp Stamp, ParsedNote Note);

/// <summary>The decoded content of a cache file.</summary>
/// <param name="LinkSources">the notes' link-source groups, null when they cannot be had (<see cref="LinkSourceSeed.Create"/>)</param>
internal sealed record NoteCacheContent(string VaultRealPath, long WrittenAtTicks, Dictionary<string, CachedNote> Notes, LinkSourceSeed? LinkSources);

/// <summary>
/// The cache file's layout. Header: magic, format version, body length, XxHash3 of the body. Body: the settings key
/// (format version, the Core assembly's build, the parser libraries' versions, the note extensions: anything that
/// changes what a parse gives), the vault's real path, when it was written, the string table, then the notes in chunks
/// that decode in parallel (each chunk: its note count and byte length, then per note its file stamp and model).
/// </summary>
internal static class NoteCacheFile
{
    /// <summary>Bump on any change of the layout or of <see cref="NoteCodec"/>.</summary>
    public const int FormatVersion = 2;

    /// <summary>A cache bigger than this is not loaded: a 100,000-note vault writes about a tenth of it.</summary>
    public const long MaxFileBytes = 1L << 30;

    private const int NotesPerChunk = 2048;
    private static readonly byte[] Magic = "NOTELSPC"u8.ToArray();
    private const int HeaderBytes = 8 + 4 + 8 + 8;

    /// <summary>
    /// Everything a parse depends on besides the file's bytes: a build of Core (its module version id changes with any
    /// change of its code, the parser's included), the versions of Markdig and YamlDotNet, and the note extensions.
    /// </summary>
    public static string SettingsKey(NoteLspConfig config) =>
        string.Join("|",
            FormatVersion,
            typeof(NoteCodec).Assembly.ManifestModule.ModuleVersionId,
            typeof(NoteCodec).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion,
            typeof(Markdig.Markdown).Assembly.GetName().Version,
            typeof(YamlDotNet.Serialization.Deserializer).Assembly.GetName().Version,
            string.Join(",", config.Extensions));

    /// <summary>The whole file in memory (tests, benchmarks); <see cref="Write"/> streams it.</summary>
    public static byte[] Encode(string settingsKey, string vaultRealPath, long writtenAtTicks, IReadOnlyList<KeyValuePair<string, CachedNote>> notes,
        ImmutableArray<string> noteExtensions, CancellationToken cancellationToken)
    {
        var stream = new MemoryStream();
        Write(stream, settingsKey, vaultRealPath, writtenAtTicks, notes, noteExtensions, cancellationToken);
        return stream.ToArray();
    }

    /// <summary>
    /// Writes the file to the stream. The notes are encoded first (the string table they fill comes before them in the
    /// file), then the header and the body are written piece by piece, hashed as they go: at 100,000 notes the body is
    /// about 100 MB, and copying it into one buffer, then into the file's, then out as an array held four copies at once.
    /// </summary>
    public static void Write(Stream output, string settingsKey, string vaultRealPath, long writtenAtTicks,
        IReadOnlyList<KeyValuePair<string, CachedNote>> notes, ImmutableArray<string> noteExtensions, CancellationToken cancellationToken)
    {
        var strings = new StringTableBuilder();
        var chunks = new List<(int Count, CacheWriter Bytes)>();
        for (var start = 0; start < notes.Count; start += NotesPerChunk)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = Math.Min(NotesPerChunk, notes.Count - start);
            var chunk = new CacheWriter(count * 256);
            for (var i = start; i < start + count; i++)
            {
                var (stamp, note) = notes[i].Value;
                chunk.Long(stamp.Length);
                chunk.Long(stamp.LastWriteTicks);
                NoteCodec.Write(chunk, strings, note, noteExtensions);
            }
            chunks.Add((count, chunk));
        }

        // The body in pieces: what precedes the chunks, then each chunk's count and length, then its bytes.
        var pieces = new List<CacheWriter>();
        var head = new CacheWriter(64 * 1024);
        head.Utf8(settingsKey);
        head.Utf8(vaultRealPath);
        head.Long(writtenAtTicks);
        head.Int(strings.Strings.Count);
        foreach (var s in strings.Strings) head.Utf8(s);
        head.Int(chunks.Count);
        pieces.Add(head);
        foreach (var (count, bytes) in chunks)
        {
            var chunkHead = new CacheWriter(16);
            chunkHead.Int(count);
            chunkHead.Int(bytes.Length);
            pieces.Add(chunkHead);
            pieces.Add(bytes);
        }
        var hash = new XxHash3();
        long bodyLength = 0;
        foreach (var piece in pieces)
        {
            hash.Append(piece.Written);
            bodyLength += piece.Length;
        }

        var header = new CacheWriter(HeaderBytes);
        header.Bytes(Magic);
        header.Bytes(BitConverter.GetBytes(FormatVersion));
        header.Long(bodyLength);
        header.Long((long)hash.GetCurrentHashAsUInt64());
        output.Write(header.Written);
        foreach (var piece in pieces)
        {
            cancellationToken.ThrowIfCancellationRequested();
            output.Write(piece.Written);
        }
    }

    /// <summary>The cache's notes, or why the file cannot be used (in words for the log).</summary>
    /// <param name="noteExtensions">the normalized extensions the settings key names: the stored link tables are made under them</param>
    public static NoteCacheContent? Decode(byte[] file, string settingsKey, string vaultRealPath, ImmutableArray<string> noteExtensions, out string? problem,
        CancellationToken cancellationToken)
    {
        problem = null;
        try
        {
            if (file.Length < HeaderBytes || !file.AsSpan(0, Magic.Length).SequenceEqual(Magic)) return Fail("not a notelsp cache file", out problem);
            var header = new CacheReader(file, Magic.Length, HeaderBytes);
            if (BitConverter.ToInt32(header.Bytes(4)) != FormatVersion) return Fail("written by another version of notelsp", out problem);
            var bodyLength = header.Long();
            var checksum = (ulong)header.Long();
            if (bodyLength != file.Length - HeaderBytes) return Fail("truncated", out problem);
            var body = file.AsSpan(HeaderBytes);
            if (XxHash3.HashToUInt64(body) != checksum) return Fail("checksum mismatch (corrupted)", out problem);

            var reader = new CacheReader(file, HeaderBytes, file.Length);
            if (reader.Utf8() != settingsKey) return Fail("written by another build of notelsp or for other note extensions", out problem);
            var realPath = reader.Utf8();
            if (realPath != vaultRealPath) return Fail("written for another vault", out problem);
            var writtenAt = reader.Long();
            var strings = new string[reader.Count()];
            for (var i = 0; i < strings.Length; i++) strings[i] = reader.Utf8();

            var chunks = new (int Count, CacheReader Bytes)[reader.Count()];
            var total = 0L;
            for (var i = 0; i < chunks.Length; i++)
            {
                var count = reader.Int();
                chunks[i] = (count, reader.Slice(reader.Int()));
                total += count;
            }
            if (!reader.AtEnd) return Fail("trailing bytes", out problem);
            // Each note takes well over one byte: a count beyond the file's size is a lie.
            if (total > file.Length) return Fail("note count larger than the file", out problem);

            var decoded = new List<KeyValuePair<string, CachedNote>>[chunks.Length];
            var linkKeys = new List<long>[chunks.Length];
            var firstOrdinals = new int[chunks.Length];
            for (var i = 1; i < chunks.Length; i++) firstOrdinals[i] = firstOrdinals[i - 1] + chunks[i - 1].Count;
            var options = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount };
            Parallel.For(0, chunks.Length, options, i =>
            {
                var (count, bytes) = chunks[i];
                var list = new List<KeyValuePair<string, CachedNote>>(count);
                var keys = new List<long>(count * 16);
                for (var n = 0; n < count; n++)
                {
                    var stamp = new FileStamp(bytes.Long(), bytes.Long());
                    var note = NoteCodec.Read(bytes, strings, noteExtensions, keys, firstOrdinals[i] + n);
                    list.Add(new(note.Path, new CachedNote(stamp, note)));
                }
                if (!bytes.AtEnd) throw new CacheFormatException("a chunk has trailing bytes");
                decoded[i] = list;
                linkKeys[i] = keys;
            });
            var notes = new Dictionary<string, CachedNote>((int)total, StringComparer.Ordinal);
            var byOrdinal = new ParsedNote[total];
            var ordinal = 0;
            foreach (var list in decoded)
            {
                foreach (var (path, cached) in list)
                {
                    notes[path] = cached;
                    byOrdinal[ordinal++] = cached.Note;
                }
            }
            return new NoteCacheContent(realPath, writtenAt, notes, LinkSourceSeed.Create(noteExtensions, byOrdinal, strings, linkKeys));
        }
        catch (AggregateException e) when (e.InnerExceptions.All(x => x is CacheFormatException or DecoderFallbackException or ArgumentException))
        {
            return Fail("unreadable: " + e.InnerExceptions[0].Message, out problem);
        }
        catch (Exception e) when (e is CacheFormatException or DecoderFallbackException or ArgumentException)
        {
            return Fail("unreadable: " + e.Message, out problem);
        }
    }

    private static NoteCacheContent? Fail(string why, out string? problem)
    {
        problem = why;
        return null;
    }
}
