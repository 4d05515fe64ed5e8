using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;

namespace Dashboard.Kubernetes.Emulator.Protobuf;

/// <summary>Turns the wire payload of a well-known type into its JSON value; null means "absent" (a zero Time).</summary>
internal delegate JsonNode? WellKnownDecoder(ReadOnlySpan<byte> payload);

/// <summary>An apimachinery type whose JSON form is not the plain object of its proto fields.</summary>
internal sealed record WellKnownType(string Name, WellKnownDecoder Decode);

/// <summary>
/// The apimachinery types with custom JSON marshalling: Time and MicroTime (RFC 3339 strings), Duration (Go duration
/// string), Quantity (its string), IntOrString (a number or a string), RawExtension and FieldsV1 (embedded JSON).
/// </summary>
internal static class WellKnownTypes
{
    private static readonly Dictionary<string, WellKnownType> ByName = new WellKnownType[]
    {
        new("meta.Time", Time),
        new("meta.MicroTime", MicroTime),
        new("meta.Duration", Duration),
        new("meta.FieldsV1", RawJson),
        new("resource.Quantity", Quantity),
        new("intstr.IntOrString", IntOrString),
        new("runtime.RawExtension", RawJson),
    }.ToDictionary(t => t.Name, StringComparer.Ordinal);

    public static WellKnownType? Find(string qualifiedName) => ByName.GetValueOrDefault(qualifiedName);

    /// <summary>metav1.Time marshals a zero time as an empty message and keeps whole seconds only.</summary>
    private static JsonNode? Time(ReadOnlySpan<byte> payload)
    {
        if (payload.IsEmpty) return null;
        var (seconds, _) = Timestamp(payload);
        return JsonValue.Create(Json.Time(DateTimeOffset.FromUnixTimeSeconds(seconds)));
    }

    private static JsonNode? MicroTime(ReadOnlySpan<byte> payload)
    {
        if (payload.IsEmpty) return null;
        var (seconds, nanos) = Timestamp(payload);
        return JsonValue.Create(Json.MicroTime(DateTimeOffset.FromUnixTimeSeconds(seconds).AddTicks(nanos / 1000 * 10)));
    }

    private static (long Seconds, long Nanos) Timestamp(ReadOnlySpan<byte> payload)
    {
        long seconds = 0, nanos = 0;
        var reader = new WireReader(payload);
        while (!reader.End)
        {
            var (field, type) = reader.ReadTag();
            if (field == 1 && type == WireType.Varint) seconds = (long)reader.ReadVarint();
            else if (field == 2 && type == WireType.Varint) nanos = (int)reader.ReadVarint();
            else reader.Skip(type);
        }
        return (seconds, nanos);
    }

    private static JsonNode? Duration(ReadOnlySpan<byte> payload)
    {
        long nanos = 0;
        var reader = new WireReader(payload);
        while (!reader.End)
        {
            var (field, type) = reader.ReadTag();
            if (field == 1 && type == WireType.Varint) nanos = (long)reader.ReadVarint();
            else reader.Skip(type);
        }
        return JsonValue.Create(GoDuration.Format(nanos));
    }

    private static JsonNode? Quantity(ReadOnlySpan<byte> payload)
    {
        var text = "";
        var reader = new WireReader(payload);
        while (!reader.End)
        {
            var (field, type) = reader.ReadTag();
            if (field == 1 && type == WireType.LengthDelimited) text = Encoding.UTF8.GetString(reader.ReadLengthDelimited());
            else reader.Skip(type);
        }
        return JsonValue.Create(text.Length == 0 ? "0" : text);
    }

    /// <summary>intstr.IntOrString: type 0 is an int (intVal), type 1 a string (strVal).</summary>
    private static JsonNode? IntOrString(ReadOnlySpan<byte> payload)
    {
        long kind = 0;
        var intVal = 0;
        var strVal = "";
        var reader = new WireReader(payload);
        while (!reader.End)
        {
            var (field, type) = reader.ReadTag();
            switch (field)
            {
                case 1 when type == WireType.Varint: kind = (long)reader.ReadVarint(); break;
                case 2 when type == WireType.Varint: intVal = (int)reader.ReadVarint(); break;
                case 3 when type == WireType.LengthDelimited: strVal = Encoding.UTF8.GetString(reader.ReadLengthDelimited()); break;
                default: reader.Skip(type); break;
            }
        }
        return kind == 1 ? JsonValue.Create(strVal) : JsonValue.Create(intVal);
    }

    /// <summary>RawExtension and FieldsV1 carry JSON bytes in field 1.</summary>
    private static JsonNode? RawJson(ReadOnlySpan<byte> payload)
    {
        var raw = ReadOnlySpan<byte>.Empty;
        var reader = new WireReader(payload);
        while (!reader.End)
        {
            var (field, type) = reader.ReadTag();
            if (field == 1 && type == WireType.LengthDelimited) raw = reader.ReadLengthDelimited();
            else reader.Skip(type);
        }
        if (raw.IsEmpty) return null;
        try
        {
            return JsonNode.Parse(raw);
        }
        catch (JsonException e)
        {
            throw new ProtobufFormatException($"embedded object is not JSON: {e.Message}");
        }
    }
}
