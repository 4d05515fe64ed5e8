namespace Dashboard.Kubernetes.Emulator.Auth.Rbac;

/// <summary>Whether one set of rules covers another, as RBAC's escalation check decides it, and how it prints the rest.</summary>
internal static class RuleCoverage
{
    /// <summary>The requested rules, broken down to single grants, that no owned rule covers.</summary>
    public static List<PolicyRule> Missing(IReadOnlyList<PolicyRule> owned, IReadOnlyList<PolicyRule> requested)
    {
        var missing = new List<PolicyRule>();
        foreach (var atom in requested.SelectMany(BreakDown))
            if (!owned.Any(o => Covers(o, atom))) missing.Add(atom);
        return missing;
    }

    /// <summary>One rule per verb × group × resource × name (or verb × URL), the unit the escalation check compares.</summary>
    private static IEnumerable<PolicyRule> BreakDown(PolicyRule r)
    {
        foreach (var group in r.ApiGroups)
            foreach (var resource in r.Resources)
                foreach (var verb in r.Verbs)
                {
                    if (r.ResourceNames.Count == 0) yield return new PolicyRule([verb], [group], [resource], [], []);
                    else foreach (var name in r.ResourceNames) yield return new PolicyRule([verb], [group], [resource], [name], []);
                }
        foreach (var url in r.NonResourceUrls)
            foreach (var verb in r.Verbs)
                yield return new PolicyRule([verb], [], [], [], [url]);
    }

    private static bool Covers(PolicyRule owner, PolicyRule servant)
    {
        if (!owner.Verbs.Contains("*") && !servant.Verbs.All(owner.Verbs.Contains)) return false;
        if (servant.NonResourceUrls.Count > 0)
            return servant.NonResourceUrls.All(u => owner.NonResourceUrls.Any(o =>
                o == "*" || o == u || (o.EndsWith('*') && u.StartsWith(o[..^1], StringComparison.Ordinal))));
        if (!owner.ApiGroups.Contains("*") && !servant.ApiGroups.All(owner.ApiGroups.Contains)) return false;
        if (!owner.Resources.Contains("*"))
        {
            foreach (var res in servant.Resources)
            {
                if (owner.Resources.Contains(res)) continue;
                var slash = res.IndexOf('/', StringComparison.Ordinal);
                if (slash > 0 && owner.Resources.Contains("*" + res[slash..])) continue;
                return false;
            }
        }
        if (owner.ResourceNames.Count == 0) return true;
        return servant.ResourceNames.Count > 0 && servant.ResourceNames.All(owner.ResourceNames.Contains);
    }

    /// <summary>Merges single-resource rules without names that differ only in verbs, like rbac's CompactRules.</summary>
    public static List<PolicyRule> Compact(List<PolicyRule> rules)
    {
        var result = new List<PolicyRule>();
        var merged = new Dictionary<(string, string), int>();
        foreach (var r in rules)
        {
            if (r.ApiGroups.Count == 1 && r.Resources.Count == 1 && r.ResourceNames.Count == 0 && r.NonResourceUrls.Count == 0)
            {
                var key = (r.ApiGroups[0], r.Resources[0]);
                if (merged.TryGetValue(key, out var i))
                {
                    result[i] = result[i] with { Verbs = [.. result[i].Verbs, .. r.Verbs.Where(v => !result[i].Verbs.Contains(v))] };
                    continue;
                }
                merged[key] = result.Count;
            }
            result.Add(r);
        }
        return result;
    }

    /// <summary><c>{APIGroups:[""], Resources:["pods"], Verbs:["get" "list"]}</c>, Go's %q formatting of the rule.</summary>
    public static string CompactString(PolicyRule r)
    {
        static string Q(IEnumerable<string> values) => "[" + string.Join(" ", values.Select(v => $"\"{v}\"")) + "]";
        var parts = new List<string>();
        if (r.ApiGroups.Count > 0) parts.Add("APIGroups:" + Q(r.ApiGroups));
        if (r.Resources.Count > 0) parts.Add("Resources:" + Q(r.Resources));
        if (r.NonResourceUrls.Count > 0) parts.Add("NonResourceURLs:" + Q(r.NonResourceUrls));
        if (r.ResourceNames.Count > 0) parts.Add("ResourceNames:" + Q(r.ResourceNames));
        if (r.Verbs.Count > 0) parts.Add("Verbs:" + Q(r.Verbs));
        return "{" + string.Join(", ", parts) + "}";
    }
}
