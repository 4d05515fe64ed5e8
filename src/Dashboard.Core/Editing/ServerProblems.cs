using System.Net;
using System.Text.RegularExpressions;
using Dashboard.Kubernetes.Client;

namespace Dashboard.Core.Editing;

/// <summary>
/// Turns the API server's refusals into problems placed in the user's YAML: each 422 cause at its field, each
/// strict-decoding <c>unknown field "x"</c> / <c>duplicate field "x"</c> at that field.
/// </summary>
public static partial class ServerProblems
{
    [GeneratedRegex("(unknown|duplicate) field \"([^\"]+)\"")]
    private static partial Regex StrictField();

    /// <summary>True when the error is about the object's content (so the problems belong next to fields).</summary>
    public static bool IsContentError(KubeApiException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.IsInvalid || e.StatusCode == HttpStatusCode.BadRequest && StrictField().IsMatch(e.Message);
    }

    /// <summary>The problems of <paramref name="error"/>, located in document <paramref name="document"/> (0-based) of <paramref name="text"/>.</summary>
    public static IReadOnlyList<EditProblem> Locate(KubeApiException error, string text, int document = 0) =>
        Locate(error, YamlLocator.TryParse(text), document);

    /// <summary>The problems of <paramref name="error"/>, located with an already-built locator.</summary>
    public static IReadOnlyList<EditProblem> Locate(KubeApiException error, YamlLocator? locator, int document = 0)
    {
        ArgumentNullException.ThrowIfNull(error);
        var problems = new List<EditProblem>();
        foreach (Match m in StrictField().Matches(error.Message))
        {
            var field = m.Groups[2].Value.TrimStart('.');
            var message = EditingText.Get(m.Groups[1].Value == "unknown" ? "Editing_UnknownField" : "Editing_DuplicateField");
            problems.Add(Place(message, field, locator, document));
        }
        foreach (var cause in error.Causes)
        {
            if (cause.Field is { Length: > 0 } field) problems.Add(Place(cause.Message, field.TrimStart('.'), locator, document));
            else if (problems.Count == 0 || cause.Message.Length > 0 && !error.Message.Contains(cause.Message, StringComparison.Ordinal))
                problems.Add(new EditProblem(cause.Message.Length > 0 ? cause.Message : error.Message, null, null, null, false));
        }
        if (problems.Count == 0) problems.Add(new EditProblem(error.Message, null, null, null, false));
        return problems;
    }

    private static EditProblem Place(string message, string field, YamlLocator? locator, int document) =>
        locator?.Locate(field, document) is { } at
            ? new EditProblem(message, field, at.Line, at.Column, at.Exact)
            : new EditProblem(message, field, null, null, false);
}
