namespace Dashboard.Kubernetes.Emulator.Protobuf;

/// <summary>
/// Every message layout the emulator can decode, loaded once from the embedded schema files, and the mapping from an
/// envelope's apiVersion + kind to its message.
/// </summary>
internal sealed class ProtoSchema
{
    private const string MetaAlias = "meta";
    private static readonly Lazy<ProtoSchema> Embedded = new(LoadEmbedded);

    private readonly Dictionary<string, MessageDescriptor> _messages;
    private readonly Dictionary<string, string> _aliasByApiVersion;

    private ProtoSchema(Dictionary<string, MessageDescriptor> messages, Dictionary<string, string> aliasByApiVersion)
    {
        _messages = messages;
        _aliasByApiVersion = aliasByApiVersion;
    }

    /// <summary>The schema compiled into the emulator.</summary>
    public static ProtoSchema Default => Embedded.Value;

    /// <summary>All messages by qualified name.</summary>
    public IReadOnlyDictionary<string, MessageDescriptor> Messages => _messages;

    /// <summary>
    /// The message for a kind served at an apiVersion. Option types (DeleteOptions, CreateOptions...) are registered in
    /// every group version, so a kind missing from the group falls back to meta/v1.
    /// </summary>
    public MessageDescriptor? Find(string apiVersion, string kind)
    {
        if (_aliasByApiVersion.TryGetValue(apiVersion, out var alias) && _messages.TryGetValue(alias + "." + kind, out var m)) return m;
        return _messages.GetValueOrDefault(MetaAlias + "." + kind);
    }

    /// <summary>Builds a schema from schema texts (name → content); throws when a type reference does not resolve.</summary>
    public static ProtoSchema Load(IEnumerable<(string Source, string Text)> files)
    {
        var messages = new Dictionary<string, MessageDescriptor>(StringComparer.Ordinal);
        var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (source, text) in files)
        {
            var (alias, apiVersion, parsed) = SchemaParser.Parse(text, source);
            aliases[apiVersion] = alias;
            foreach (var m in parsed)
                if (!messages.TryAdd(m.Name, m)) throw new InvalidOperationException($"protobuf schema {source}: {m.Name} declared twice");
        }
        foreach (var message in messages.Values)
            foreach (var field in message.Fields)
                Resolve(field.Type, message, messages);
        return new ProtoSchema(messages, aliases);
    }

    private static void Resolve(ProtoType type, MessageDescriptor owner, Dictionary<string, MessageDescriptor> messages)
    {
        if (type.Scalar is not null) return;
        type.WellKnown = WellKnownTypes.Find(type.Name);
        if (type.WellKnown is not null) return;
        type.Message = messages.GetValueOrDefault(type.Name)
            ?? throw new InvalidOperationException($"protobuf schema: {owner.Name} refers to unknown type {type.Name}");
    }

    private static ProtoSchema LoadEmbedded()
    {
        var assembly = typeof(ProtoSchema).Assembly;
        var files = new List<(string, string)>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.EndsWith(".schema", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            files.Add((name, reader.ReadToEnd()));
        }
        return Load(files);
    }
}
