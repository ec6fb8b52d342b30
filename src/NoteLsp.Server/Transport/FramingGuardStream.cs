namespace NoteLsp.Server.Transport;

/// <summary>
/// What the client sends, passed through byte for byte while its Content-Length framing is followed. StreamJsonRpc
/// buffers a whole message before parsing it, so a header announcing 2 GB (or endless bytes without a header end)
/// would have it wait and grow forever; this stream fails instead, with the reason, and the connection ends
/// (the server logs it and exits with code 1).
/// </summary>
internal sealed class FramingGuardStream(Stream inner, long maxMessageBytes) : Stream
{
    /// <summary>Real headers are two short lines; 16 KB without the blank line that ends them is not LSP.</summary>
    public const int MaxHeaderBytes = 16 * 1024;

    private const string ContentLength = "content-length:";

    private readonly byte[] _line = new byte[MaxHeaderBytes];
    private int _lineLength;
    private int _headerBytes;
    private long? _announced;
    private long _bodyLeft;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        Follow(buffer[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Follow(buffer.Span[..read]);
        return read;
    }

    /// <summary>Walks the bytes just read: bodies are counted off, header lines are looked at.</summary>
    private void Follow(ReadOnlySpan<byte> data)
    {
        var i = 0;
        while (i < data.Length)
        {
            if (_bodyLeft > 0)
            {
                var take = (int)Math.Min(_bodyLeft, data.Length - i);
                _bodyLeft -= take;
                i += take;
                continue;
            }
            var b = data[i++];
            if (++_headerBytes > MaxHeaderBytes)
            {
                throw new IOException($"The client sent {MaxHeaderBytes:N0} bytes without ending a message header: this is not LSP framing.");
            }
            if (b != (byte)'\n')
            {
                _line[_lineLength++] = b;
                continue;
            }
            var line = _line.AsSpan(0, _lineLength).TrimEnd((byte)'\r');
            _lineLength = 0;
            if (line.IsEmpty)
            {
                // The blank line: the body follows. Without a usable Content-Length StreamJsonRpc reports the error itself.
                _bodyLeft = _announced ?? 0;
                _announced = null;
                _headerBytes = 0;
                continue;
            }
            if (ContentLengthOf(line) is { } length)
            {
                if (length > maxMessageBytes)
                {
                    throw new IOException($"The client announced a message of {length:N0} bytes, over the limit of {maxMessageBytes:N0} bytes.");
                }
                _announced = length;
            }
        }
    }

    private static long? ContentLengthOf(ReadOnlySpan<byte> line)
    {
        if (line.Length <= ContentLength.Length) return null;
        for (var i = 0; i < ContentLength.Length; i++)
        {
            if (char.ToLowerInvariant((char)line[i]) != ContentLength[i]) return null;
        }
        var value = System.Text.Encoding.ASCII.GetString(line[ContentLength.Length..]).Trim();
        return long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var length) ? length : null;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
