namespace Dashboard.Kubernetes.Emulator.Protobuf;

/// <summary>Reads the protobuf wire format (varints, fixed 32/64-bit values, length-delimited payloads) from a span.</summary>
internal ref struct WireReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _position;

    /// <summary>True when every byte has been consumed.</summary>
    public readonly bool End => _position >= _data.Length;

    /// <summary>Reads the next field tag.</summary>
    public (int Field, WireType Type) ReadTag()
    {
        var tag = ReadVarint();
        var field = tag >> 3;
        var type = (WireType)(tag & 7);
        if (field == 0 || field > int.MaxValue) throw new ProtobufFormatException($"proto: illegal tag {field} (wire type {(int)type})");
        if (type is not (WireType.Varint or WireType.Fixed64 or WireType.LengthDelimited or WireType.Fixed32))
            throw new ProtobufFormatException($"proto: unsupported wire type {(int)type} for field {field}");
        return ((int)field, type);
    }

    /// <summary>Reads a base-128 varint.</summary>
    public ulong ReadVarint()
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (_position >= _data.Length) throw new ProtobufFormatException("unexpected EOF");
            var b = _data[_position++];
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return result;
        }
        throw new ProtobufFormatException("proto: integer overflow");
    }

    /// <summary>Reads a little-endian 32-bit value.</summary>
    public uint ReadFixed32() => System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

    /// <summary>Reads a little-endian 64-bit value.</summary>
    public ulong ReadFixed64() => System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    /// <summary>Reads a length-prefixed payload.</summary>
    public ReadOnlySpan<byte> ReadLengthDelimited()
    {
        var length = ReadVarint();
        if (length > int.MaxValue) throw new ProtobufFormatException("proto: negative length found during unmarshaling");
        return Take((int)length);
    }

    /// <summary>Skips the value of a field that is not known.</summary>
    public void Skip(WireType type)
    {
        switch (type)
        {
            case WireType.Varint: ReadVarint(); break;
            case WireType.Fixed64: Take(8); break;
            case WireType.LengthDelimited: ReadLengthDelimited(); break;
            case WireType.Fixed32: Take(4); break;
            default: throw new ProtobufFormatException($"proto: unsupported wire type {(int)type}");
        }
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > _data.Length - _position) throw new ProtobufFormatException("unexpected EOF");
        var slice = _data.Slice(_position, count);
        _position += count;
        return slice;
    }
}
