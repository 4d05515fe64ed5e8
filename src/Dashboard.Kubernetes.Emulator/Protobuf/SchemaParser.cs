using System.Globalization;

namespace Dashboard.Kubernetes.Emulator.Protobuf;

/// <summary>
/// Reads the message layouts in Protobuf/Schema/*.schema (transcribed from the k8s generated.proto files and Go types).
/// Syntax is documented at the top of apps.v1.schema. Type names are resolved later, once every file is read.
/// </summary>
internal static class SchemaParser
{
    private static readonly Dictionary<string, ScalarType> Scalars = new(StringComparer.Ordinal)
    {
        ["string"] = ScalarType.String,
        ["bytes"] = ScalarType.Bytes,
        ["bool"] = ScalarType.Bool,
        ["int32"] = ScalarType.Int32,
        ["int64"] = ScalarType.Int64,
        ["double"] = ScalarType.Double,
    };

    /// <summary>Parses one schema file into messages keyed by qualified name, plus the package's alias and apiVersion.</summary>
    public static (string Alias, string ApiVersion, List<MessageDescriptor> Messages) Parse(string text, string source)
    {
        string? alias = null, apiVersion = null;
        var messages = new List<MessageDescriptor>();
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (line.StartsWith("package ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length != 3) throw Error(source, lineNumber, "expected 'package <alias> <apiVersion>'");
                (alias, apiVersion) = (parts[1], parts[2]);
                continue;
            }
            if (alias is null) throw Error(source, lineNumber, "message before the package line");
            messages.Add(ParseMessage(line, alias, source, lineNumber));
        }
        if (alias is null || apiVersion is null) throw Error(source, lineNumber, "no package line");
        return (alias, apiVersion, messages);
    }

    private static MessageDescriptor ParseMessage(string line, string alias, string source, int lineNumber)
    {
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0) throw Error(source, lineNumber, "expected 'Message: fields'");
        var name = alias + "." + line[..colon].Trim();
        var fields = new List<FieldDescriptor>();
        var flatten = false;
        foreach (var part in line[(colon + 1)..].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (part == "@flatten")
            {
                flatten = true;
                continue;
            }
            var tokens = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (tokens.Length != 3 || !int.TryParse(tokens[0], NumberStyles.None, CultureInfo.InvariantCulture, out var number))
                throw Error(source, lineNumber, $"bad field '{part}'");
            var jsonName = tokens[1];
            var inline = jsonName.StartsWith('^');
            if (inline) jsonName = jsonName[1..];
            var type = tokens[2];
            var keepZero = type.EndsWith('?');
            if (keepZero) type = type[..^1];
            var shape = FieldShape.Single;
            if (type.StartsWith("[]", StringComparison.Ordinal)) (shape, type) = (FieldShape.Repeated, type[2..]);
            else if (type.StartsWith("map:", StringComparison.Ordinal)) (shape, type) = (FieldShape.Map, type[4..]);
            var qualified = Scalars.ContainsKey(type) || type.Contains('.', StringComparison.Ordinal) ? type : alias + "." + type;
            var protoType = new ProtoType(qualified) { Scalar = Scalars.TryGetValue(type, out var s) ? s : null };
            if (fields.Any(f => f.Number == number)) throw Error(source, lineNumber, $"field number {number} used twice in {name}");
            fields.Add(new FieldDescriptor(number, jsonName, protoType, shape, keepZero, inline));
        }
        if (flatten && fields.Count != 1) throw Error(source, lineNumber, $"{name}: @flatten needs exactly one field");
        return new MessageDescriptor(name, fields, flatten);
    }

    private static InvalidOperationException Error(string source, int line, string message) =>
        new($"protobuf schema {source}:{line}: {message}");
}
