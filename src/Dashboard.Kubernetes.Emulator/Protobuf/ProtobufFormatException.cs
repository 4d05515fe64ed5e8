namespace Dashboard.Kubernetes.Emulator.Protobuf;

/// <summary>A protobuf body that cannot be read: truncated, wrongly typed or of an unknown kind.</summary>
internal sealed class ProtobufFormatException(string message) : Exception(message);
