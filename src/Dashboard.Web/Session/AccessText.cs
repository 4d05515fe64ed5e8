using Dashboard.Core.Access;
using Dashboard.Web.Resources;
using Microsoft.Extensions.Localization;

namespace Dashboard.Web.Session;

/// <summary>
/// A permission denial in the reader's language: the verb, resource and name stay in the API's terms (they are what
/// a Role grants), the sentence around them and the scope are translated; the server's own reason is quoted as is.
/// </summary>
public sealed class AccessText(IStringLocalizer<Strings> l)
{
    /// <summary>Why the answer is "no", or null for a "yes".</summary>
    public string? Explain(AccessAnswer answer)
    {
        if (answer.Allowed) return null;
        if (answer.Query is not { } q) return answer.Explanation;
        var what = string.IsNullOrEmpty(q.Namespace)
            ? l["Access_What_Cluster", q.Verb, q.Target()].Value
            : l["Access_What_Namespaced", q.Verb, q.Target(), q.Namespace].Value;
        return answer.Denial switch
        {
            DenialKind.CheckFailed => l["Access_Denied_CheckFailed", what, answer.Detail ?? ""],
            DenialKind.ServerReason => l["Access_Denied_Reason", what, answer.Detail ?? ""],
            _ => l["Access_Denied_NoRule", what],
        };
    }
}
