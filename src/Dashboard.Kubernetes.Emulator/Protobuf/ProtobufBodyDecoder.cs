using System.Text;
using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Server;

namespace Dashboard.Kubernetes.Emulator.Protobuf;

/// <summary>
/// Reads <c>application/vnd.kubernetes.protobuf</c> bodies, which typed clients (kubectl's create generators, auth
/// can-i, create token, drain) send without a JSON fallback: the 4-byte magic <c>k8s\0</c>, then a runtime.Unknown
/// {1 typeMeta{1 apiVersion, 2 kind}, 2 raw, 3 contentEncoding, 4 contentType} whose raw bytes are the object.
/// The result is the object's JSON with apiVersion and kind first, so the rest of the emulator only sees JSON.
/// </summary>
internal sealed class ProtobufBodyDecoder(ProtoSchema schema) : IBodyDecoder
{
    public const string MediaType = "application/vnd.kubernetes.protobuf";
    private static readonly byte[] Magic = [0x6b, 0x38, 0x73, 0x00];

    public bool CanDecode(string mediaType) => mediaType == MediaType;

    public JsonObject Decode(ReadOnlySpan<byte> body, ResourceType? expected)
    {
        try
        {
            return DecodeEnvelope(body, expected);
        }
        catch (ProtobufFormatException e)
        {
            throw ApiException.BadRequest($"the body of the request could not be decoded as protobuf: {e.Message}");
        }
    }

    private JsonObject DecodeEnvelope(ReadOnlySpan<byte> body, ResourceType? expected)
    {
        if (body.Length < Magic.Length || !body[..Magic.Length].SequenceEqual(Magic))
            throw new ProtobufFormatException("provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]");
        var envelope = ReadUnknown(body[Magic.Length..]);
        if (envelope.ContentEncoding.Length > 0)
            throw new ProtobufFormatException($"unsupported content encoding \"{envelope.ContentEncoding}\"");
        var apiVersion = envelope.ApiVersion.Length > 0 ? envelope.ApiVersion : expected?.ApiVersion ?? "";
        var kind = envelope.Kind.Length > 0 ? envelope.Kind : expected?.Kind ?? "";
        var decoded = envelope.ContentType switch
        {
            "" or MediaType => MessageDecoder.Decode(envelope.Raw, schema.Find(apiVersion, kind)
                ?? throw new ProtobufFormatException($"no kind \"{kind}\" is registered for version \"{apiVersion}\"")),
            // runtime.Unknown may also wrap a JSON document; clients only do this for types without protobuf support.
            "application/json" => ParseJson(envelope.Raw),
            var other => throw new ProtobufFormatException($"unsupported embedded content type \"{other}\""),
        };
        var result = new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind };
        foreach (var key in decoded.Select(p => p.Key).ToList())
        {
            var value = decoded[key];
            decoded.Remove(key);
            result[key] = value;
        }
        return result;
    }

    private static JsonObject ParseJson(ReadOnlySpan<byte> raw)
    {
        try
        {
            return JsonNode.Parse(raw) as JsonObject ?? throw new ProtobufFormatException("embedded JSON is not an object");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new ProtobufFormatException($"embedded JSON is invalid: {e.Message}");
        }
    }

    private readonly ref struct Unknown(string apiVersion, string kind, ReadOnlySpan<byte> raw, string contentEncoding, string contentType)
    {
        public string ApiVersion { get; } = apiVersion;
        public string Kind { get; } = kind;
        public ReadOnlySpan<byte> Raw { get; } = raw;
        public string ContentEncoding { get; } = contentEncoding;
        public string ContentType { get; } = contentType;
    }

    private static Unknown ReadUnknown(ReadOnlySpan<byte> data)
    {
        string apiVersion = "", kind = "", encoding = "", contentType = "";
        var raw = ReadOnlySpan<byte>.Empty;
        var reader = new WireReader(data);
        while (!reader.End)
        {
            var (field, type) = reader.ReadTag();
            if (type != WireType.LengthDelimited)
            {
                reader.Skip(type);
                continue;
            }
            var payload = reader.ReadLengthDelimited();
            switch (field)
            {
                case 1: (apiVersion, kind) = ReadTypeMeta(payload); break;
                case 2: raw = payload; break;
                case 3: encoding = Encoding.UTF8.GetString(payload); break;
                case 4: contentType = Encoding.UTF8.GetString(payload).Split(';')[0].Trim(); break;
            }
        }
        return new Unknown(apiVersion, kind, raw, encoding, contentType);
    }

    private static (string ApiVersion, string Kind) ReadTypeMeta(ReadOnlySpan<byte> data)
    {
        string apiVersion = "", kind = "";
        var reader = new WireReader(data);
        while (!reader.End)
        {
            var (field, type) = reader.ReadTag();
            if (type != WireType.LengthDelimited)
            {
                reader.Skip(type);
                continue;
            }
            var text = Encoding.UTF8.GetString(reader.ReadLengthDelimited());
            if (field == 1) apiVersion = text;
            else if (field == 2) kind = text;
        }
        return (apiVersion, kind);
    }
}
