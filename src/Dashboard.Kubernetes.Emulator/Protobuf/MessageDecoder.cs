using System.Text;
using System.Text.Json.Nodes;

namespace Dashboard.Kubernetes.Emulator.Protobuf;

/// <summary>
/// Decodes a protobuf message into the JSON the Go types would marshal to: fields in struct order, zero scalars
/// omitted unless the field keeps zeros (Go pointers, fields without omitempty), empty nested messages kept as {}
/// (Go never omits structs), inline structs merged, maps as objects, bytes as base64, well-known types converted.
/// Unknown field numbers are skipped, as a newer client may send fields this schema does not know.
/// </summary>
internal static class MessageDecoder
{
    public static JsonObject Decode(ReadOnlySpan<byte> data, MessageDescriptor message)
    {
        var values = new Dictionary<int, JsonNode?>();
        var reader = new WireReader(data);
        while (!reader.End)
        {
            var (number, wire) = reader.ReadTag();
            var field = message.Field(number);
            if (field is null)
            {
                reader.Skip(wire);
                continue;
            }
            switch (field.Shape)
            {
                case FieldShape.Single:
                    var value = ReadValue(ref reader, wire, field.Type, field);
                    if (value is null || (!field.KeepZero && IsZeroScalar(field.Type, value))) values.Remove(number);
                    else values[number] = value;
                    break;
                case FieldShape.Repeated:
                    var array = values.TryGetValue(number, out var existing) && existing is JsonArray a ? a : new JsonArray();
                    values[number] = array;
                    ReadRepeated(ref reader, wire, field, array);
                    break;
                case FieldShape.Map:
                    var map = values.TryGetValue(number, out var m) && m is JsonObject o ? o : new JsonObject();
                    values[number] = map;
                    Expect(wire, WireType.LengthDelimited, field);
                    ReadMapEntry(reader.ReadLengthDelimited(), field, map);
                    break;
            }
        }
        return Emit(message, values);
    }

    /// <summary>Builds the object in declaration order, merging inline fields into the parent.</summary>
    private static JsonObject Emit(MessageDescriptor message, Dictionary<int, JsonNode?> values)
    {
        var result = new JsonObject();
        foreach (var field in message.Fields)
        {
            if (!values.TryGetValue(field.Number, out var value)) continue;
            if (field.Inline && value is JsonObject inner)
            {
                foreach (var key in inner.Select(p => p.Key).ToList())
                {
                    var child = inner[key];
                    inner.Remove(key);
                    result[key] = child;
                }
            }
            else result[field.JsonName] = value;
        }
        return result;
    }

    /// <summary>Decodes one value of a message-typed payload (used for fields, map values and list items).</summary>
    private static JsonNode? DecodeEmbedded(ReadOnlySpan<byte> payload, ProtoType type)
    {
        if (type.WellKnown is { } wk) return wk.Decode(payload);
        var message = type.Message!;
        var obj = Decode(payload, message);
        if (!message.Flatten) return obj;
        var only = message.Fields[0].JsonName;
        var inner = obj[only];
        obj.Remove(only);
        return inner ?? new JsonArray();
    }

    private static JsonNode? ReadValue(ref WireReader reader, WireType wire, ProtoType type, FieldDescriptor field)
    {
        if (type.Scalar is not { } scalar)
        {
            Expect(wire, WireType.LengthDelimited, field);
            return DecodeEmbedded(reader.ReadLengthDelimited(), type);
        }
        switch (scalar)
        {
            case ScalarType.String:
                Expect(wire, WireType.LengthDelimited, field);
                return JsonValue.Create(DecodeUtf8(reader.ReadLengthDelimited(), field));
            case ScalarType.Bytes:
                Expect(wire, WireType.LengthDelimited, field);
                return JsonValue.Create(Convert.ToBase64String(reader.ReadLengthDelimited()));
            case ScalarType.Bool:
                Expect(wire, WireType.Varint, field);
                return JsonValue.Create(reader.ReadVarint() != 0);
            case ScalarType.Int32:
                Expect(wire, WireType.Varint, field);
                return JsonValue.Create((int)reader.ReadVarint());
            case ScalarType.Int64:
                Expect(wire, WireType.Varint, field);
                return JsonValue.Create((long)reader.ReadVarint());
            case ScalarType.Double:
                Expect(wire, WireType.Fixed64, field);
                return JsonValue.Create(BitConverter.Int64BitsToDouble((long)reader.ReadFixed64()));
            default:
                throw new ProtobufFormatException($"proto: unsupported scalar type for field {field.JsonName}");
        }
    }

    /// <summary>Repeated scalars may come one per tag or packed into one length-delimited run.</summary>
    private static void ReadRepeated(ref WireReader reader, WireType wire, FieldDescriptor field, JsonArray array)
    {
        if (wire == WireType.LengthDelimited && !field.Type.IsLengthDelimited)
        {
            var packed = new WireReader(reader.ReadLengthDelimited());
            var itemWire = field.Type.Scalar == ScalarType.Double ? WireType.Fixed64 : WireType.Varint;
            while (!packed.End) array.Add(ReadValue(ref packed, itemWire, field.Type, field));
            return;
        }
        array.Add(ReadValue(ref reader, wire, field.Type, field));
    }

    /// <summary>Map entries are messages {1 key, 2 value}; a missing part is its zero value.</summary>
    private static void ReadMapEntry(ReadOnlySpan<byte> entry, FieldDescriptor field, JsonObject map)
    {
        var key = "";
        JsonNode? value = null;
        var hasValue = false;
        var reader = new WireReader(entry);
        while (!reader.End)
        {
            var (number, wire) = reader.ReadTag();
            if (number == 1)
            {
                Expect(wire, WireType.LengthDelimited, field);
                key = DecodeUtf8(reader.ReadLengthDelimited(), field);
            }
            else if (number == 2)
            {
                value = ReadValue(ref reader, wire, field.Type, field);
                hasValue = true;
            }
            else reader.Skip(wire);
        }
        if (!hasValue) value = ZeroValue(field.Type);
        map[key] = value;
    }

    private static JsonNode? ZeroValue(ProtoType type) => type.Scalar switch
    {
        ScalarType.String or ScalarType.Bytes => JsonValue.Create(""),
        ScalarType.Bool => JsonValue.Create(false),
        ScalarType.Int32 or ScalarType.Int64 => JsonValue.Create(0),
        ScalarType.Double => JsonValue.Create(0.0),
        _ => DecodeEmbedded(ReadOnlySpan<byte>.Empty, type),
    };

    private static bool IsZeroScalar(ProtoType type, JsonNode value) => type.Scalar switch
    {
        ScalarType.String or ScalarType.Bytes => value.GetValue<string>().Length == 0,
        ScalarType.Bool => !value.GetValue<bool>(),
        ScalarType.Int32 => value.GetValue<int>() == 0,
        ScalarType.Int64 => value.GetValue<long>() == 0,
        ScalarType.Double => value.GetValue<double>() == 0,
        _ => false,
    };

    private static string DecodeUtf8(ReadOnlySpan<byte> bytes, FieldDescriptor field)
    {
        try
        {
            return Strict.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new ProtobufFormatException($"proto: invalid UTF-8 in string field {field.JsonName}");
        }
    }

    private static readonly UTF8Encoding Strict = new(false, true);

    private static void Expect(WireType actual, WireType expected, FieldDescriptor field)
    {
        if (actual != expected) throw new ProtobufFormatException($"proto: wrong wireType = {(int)actual} for field {field.JsonName}");
    }
}
