namespace Dashboard.Kubernetes.Emulator.Protobuf;

/// <summary>The scalar value types k8s generated.proto files use.</summary>
internal enum ScalarType
{
    String,
    Bytes,
    Bool,
    Int32,
    Int64,
    Double,
}

/// <summary>How many values a field holds.</summary>
internal enum FieldShape
{
    Single,
    Repeated,
    Map,
}

/// <summary>
/// The type of a field (or of a map's value): a scalar, a message described by the schema, or a well-known
/// apimachinery type (Time, Quantity, IntOrString...) whose JSON form differs from its wire form.
/// </summary>
internal sealed class ProtoType
{
    public ProtoType(string name) => Name = name;

    /// <summary>Qualified name as written in the schema (<c>meta.ObjectMeta</c>) or the scalar keyword.</summary>
    public string Name { get; }
    public ScalarType? Scalar { get; set; }
    public MessageDescriptor? Message { get; set; }
    public WellKnownType? WellKnown { get; set; }

    /// <summary>True when values travel length-delimited on the wire.</summary>
    public bool IsLengthDelimited => Scalar is null or ScalarType.String or ScalarType.Bytes;
}

/// <summary>One field of a message: its number, JSON name, type and Go-side JSON semantics.</summary>
internal sealed record FieldDescriptor(int Number, string JsonName, ProtoType Type, FieldShape Shape, bool KeepZero, bool Inline);

/// <summary>A message layout: fields by number, and their JSON order (the Go struct order).</summary>
internal sealed class MessageDescriptor(string name, IReadOnlyList<FieldDescriptor> fields, bool flatten)
{
    private readonly Dictionary<int, FieldDescriptor> _byNumber = fields.ToDictionary(f => f.Number);

    /// <summary>Qualified name, e.g. <c>apps.Deployment</c>.</summary>
    public string Name { get; } = name;
    /// <summary>Fields in declaration (JSON output) order.</summary>
    public IReadOnlyList<FieldDescriptor> Fields { get; } = fields;
    /// <summary>A one-field wrapper whose JSON form is the field itself (ExtraValue is a []string).</summary>
    public bool Flatten { get; } = flatten;

    public FieldDescriptor? Field(int number) => _byNumber.GetValueOrDefault(number);
}
