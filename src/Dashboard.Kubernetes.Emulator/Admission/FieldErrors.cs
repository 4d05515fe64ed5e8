using Dashboard.Kubernetes.Emulator.Api;

namespace Dashboard.Kubernetes.Emulator.Admission;

/// <summary>field.Error constructors with the texts of k8s.io/apimachinery/pkg/util/validation/field.</summary>
internal static class FieldErrors
{
    public static StatusCause Invalid(string field, string value, string detail) =>
        new("FieldValueInvalid", $"Invalid value: \"{value}\": {detail}", field);

    public static StatusCause InvalidNumber(string field, long value, string detail) =>
        new("FieldValueInvalid", $"Invalid value: {value}: {detail}", field);

    public static StatusCause Required(string field, string? detail = null) =>
        new("FieldValueRequired", detail is null ? "Required value" : $"Required value: {detail}", field);

    public static StatusCause Duplicate(string field, string value) =>
        new("FieldValueDuplicate", $"Duplicate value: \"{value}\"", field);

    public static StatusCause DuplicateNumber(string field, long value) =>
        new("FieldValueDuplicate", $"Duplicate value: {value}", field);

    public static StatusCause NotSupported(string field, string value, params string[] supported) =>
        new("FieldValueNotSupported", $"Unsupported value: \"{value}\": supported values: {string.Join(", ", supported.Select(s => $"\"{s}\""))}", field);

    public static StatusCause Forbidden(string field, string detail) =>
        new("FieldValueForbidden", $"Forbidden: {detail}", field);
}
