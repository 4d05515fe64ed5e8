namespace Dashboard.Kubernetes.Patching;

/// <summary>
/// A patch document that is malformed or cannot be applied to its target: a bad JSON Pointer, a missing path,
/// an unknown operation or a failed <c>test</c>.
/// </summary>
public sealed class PatchException : Exception
{
    /// <summary>Creates the exception with no details.</summary>
    public PatchException() : this("the patch could not be applied") { }

    /// <summary>Creates the exception with a message.</summary>
    public PatchException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public PatchException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception for one operation of a JSON Patch.</summary>
    public PatchException(string message, int operationIndex, string? operation, string? path) : base(message)
    {
        OperationIndex = operationIndex;
        Operation = operation;
        Path = path;
    }

    /// <summary>Zero-based index of the failing JSON Patch operation, or -1 when not tied to one.</summary>
    public int OperationIndex { get; } = -1;

    /// <summary>The <c>op</c> of the failing operation (add, remove, ...), when known.</summary>
    public string? Operation { get; }

    /// <summary>The JSON Pointer the failing operation targeted, when known.</summary>
    public string? Path { get; }
}
