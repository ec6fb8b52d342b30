using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace NoteLsp.Core.Cache;

/// <summary>A cache file that is not what this build wrote: any length, index or value out of bounds.</summary>
public sealed class CacheFormatException(string message) : Exception(message);

/// <summary>A growable byte buffer with 7-bit encoded integers: the cache's one way of writing.</summary>
internal sealed class CacheWriter(int capacity = 4096)
{
    private byte[] _buffer = new byte[capacity];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, Length);

    private Span<byte> Reserve(int count)
    {
        if (Length + count > _buffer.Length) Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + count));
        return _buffer.AsSpan(Length, count);
    }

    public void Byte(byte value)
    {
        Reserve(1)[0] = value;
        Length++;
    }

    public void UInt(uint value)
    {
        var span = Reserve(5);
        var i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }
        span[i++] = (byte)value;
        Length += i;
    }

    /// <summary>A non-negative int (a position, a count, an index); a negative one (never produced by the parser) as 0.</summary>
    public void Int(int value) => UInt((uint)Math.Max(0, value));

    public void Long(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(Reserve(8), value);
        Length += 8;
    }

    public void Bytes(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Reserve(bytes.Length));
        Length += bytes.Length;
    }

    public void Utf8(string text)
    {
        var count = Encoding.UTF8.GetByteCount(text);
        Int(count);
        Encoding.UTF8.GetBytes(text, Reserve(count));
        Length += count;
    }
}

/// <summary>Reads what <see cref="CacheWriter"/> wrote; every count and index is checked against what is left, so a hostile file cannot make it allocate more than its own size or read out of bounds.</summary>
internal sealed class CacheReader(byte[] buffer, int start, int end)
{
    private int _position = start;

    public bool AtEnd => _position == end;

    private int Left => end - _position;

    public byte Byte()
    {
        if (_position >= end) Fail("unexpected end");
        return buffer[_position++];
    }

    public uint UInt()
    {
        // Most integers of the file (columns, lengths, string indexes of a small vault) are under 128: one byte, read
        // here without the loop; a warm start at 100,000 notes reads tens of millions of them.
        var position = _position;
        if (position < end)
        {
            var first = buffer[position];
            if (first < 0x80)
            {
                _position = position + 1;
                return first;
            }
        }
        return LongUInt();
    }

    private uint LongUInt()
    {
        uint value = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            var b = Byte();
            value |= (uint)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
        Fail("integer too long");
        return 0;
    }

    public int Int()
    {
        var value = UInt();
        if (value > int.MaxValue) Fail("integer out of range");
        return (int)value;
    }

    /// <summary>Thrown from here, not inline: a method that throws is not inlined, and these readers are called per integer.</summary>
    [DoesNotReturn]
    private static void Fail(string why) => throw new CacheFormatException(why);

    /// <summary>A count of items that take at least one byte each: never more than what is left.</summary>
    public int Count()
    {
        var count = Int();
        return count <= Left ? count : throw new CacheFormatException("count larger than the file");
    }

    public long Long()
    {
        if (Left < 8) throw new CacheFormatException("unexpected end");
        var value = BinaryPrimitives.ReadInt64LittleEndian(buffer.AsSpan(_position, 8));
        _position += 8;
        return value;
    }

    public ReadOnlySpan<byte> Bytes(int count)
    {
        if (count < 0 || count > Left) throw new CacheFormatException("length larger than the file");
        var span = buffer.AsSpan(_position, count);
        _position += count;
        return span;
    }

    public string Utf8() => Encoding.UTF8.GetString(Bytes(Int()));

    /// <summary>A reader over the next count bytes, which this reader skips.</summary>
    public CacheReader Slice(int count)
    {
        if (count < 0 || count > Left) throw new CacheFormatException("length larger than the file");
        var slice = new CacheReader(buffer, _position, _position + count);
        _position += count;
        return slice;
    }
}
