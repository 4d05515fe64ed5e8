using System.Collections.Concurrent;
using Dashboard.Core.Caching;
using Dashboard.Kubernetes.Client;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Core.Access;

/// <summary>
/// Answers "may this identity do this?" through SelfSubjectAccessReview, cached per identity with a TTL and cleared
/// on sign-out. The API server stays the authority (every real call is made with the user's credential); these
/// answers only hide or disable what would be refused, and explain why.
/// </summary>
public sealed class PermissionService
{
    private readonly KubeClientPool _clients;
    private readonly TimeProvider _time;
    private readonly TimeSpan _ttl;
    private readonly ConcurrentDictionary<(string Cluster, string Identity, AccessQuery Query), (AccessAnswer Answer, DateTimeOffset At)> _cache = new();

    /// <summary>Creates the service; answers are reused for <paramref name="ttl"/> (default 60 s).</summary>
    public PermissionService(KubeClientPool clients, TimeProvider? time = null, TimeSpan? ttl = null)
    {
        _clients = clients;
        _time = time ?? TimeProvider.System;
        _ttl = ttl ?? TimeSpan.FromSeconds(60);
        _clients.IdentityForgotten += Forget;
    }

    /// <summary>Asks (or answers from the cache).</summary>
    public async Task<AccessAnswer> CanAsync(string cluster, string identity, AccessQuery query, CancellationToken ct = default)
    {
        var key = (cluster, identity, query);
        if (_cache.TryGetValue(key, out var hit) && _time.GetUtcNow() - hit.At < _ttl) return hit.Answer;
        var client = _clients.Get(cluster, identity);
        var decision = await client.CanIAsync(new ResourceAttributes(query.Verb, query.Group, query.Resource, query.Namespace, query.Name, query.Subresource), ct)
            .ConfigureAwait(false);
        var answer = decision.Allowed ? AccessAnswer.Yes : Deny(query, decision);
        _cache[key] = (answer, _time.GetUtcNow());
        return answer;
    }

    /// <summary>Asks for several things at once (a page's controls), in parallel.</summary>
    public async Task<IReadOnlyDictionary<AccessQuery, AccessAnswer>> CanAllAsync(string cluster, string identity, IEnumerable<AccessQuery> queries, CancellationToken ct = default)
    {
        var list = queries.Distinct().ToList();
        var answers = await Task.WhenAll(list.Select(q => CanAsync(cluster, identity, q, ct))).ConfigureAwait(false);
        return list.Zip(answers).ToDictionary(p => p.First, p => p.Second);
    }

    /// <summary>
    /// The namespaces an identity can work in. With list on namespaces: all of them. Otherwise (a namespace-scoped
    /// user) each candidate — typed by the user, the kubeconfig context's, recently used — is checked with
    /// SelfSubjectRulesReview and kept when any rule there lets the user read something.
    /// </summary>
    public async Task<NamespaceAccess> NamespacesAsync(string cluster, string identity, IEnumerable<string> candidates, CancellationToken ct = default)
    {
        var client = _clients.Get(cluster, identity);
        var canList = await CanAsync(cluster, identity, new AccessQuery("list", "", "namespaces"), ct).ConfigureAwait(false);
        if (canList.Allowed)
        {
            var all = await client.ListAllAsync(Namespace.Resource, ct: ct).ConfigureAwait(false);
            return new NamespaceAccess(true, all.Items.Select(n => n.Name).Order(StringComparer.Ordinal).ToList());
        }
        var permitted = new List<string>();
        foreach (var ns in candidates.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()).Distinct(StringComparer.Ordinal))
        {
            var status = await client.RulesReviewAsync(ns, ct).ConfigureAwait(false);
            var rules = status["resourceRules"] as System.Text.Json.Nodes.JsonArray ?? [];
            var readsSomething = rules.Any(r => (r?["verbs"] as System.Text.Json.Nodes.JsonArray ?? [])
                .Any(v => (string?)v is "list" or "get" or "watch" or "*"));
            if (readsSomething) permitted.Add(ns);
        }
        return new NamespaceAccess(false, permitted);
    }

    /// <summary>Drops every cached answer of an identity (sign-out, or a permission change the user wants to see now).</summary>
    public void Forget(string cluster, string identity)
    {
        foreach (var key in _cache.Keys.Where(k => k.Cluster == cluster && k.Identity == identity).ToList()) _cache.TryRemove(key, out _);
    }

    /// <summary>Number of cached answers (for tests and metrics).</summary>
    public int CachedAnswers => _cache.Count;

    private static AccessAnswer Deny(AccessQuery query, AccessDecision decision)
    {
        var what = $"{query.Verb} {query.Describe()}";
        if (decision.EvaluationError is { Length: > 0 } err)
            return new AccessAnswer(false, $"You may not {what}: the permission check failed ({err}).") { Query = query, Denial = DenialKind.CheckFailed, Detail = err };
        if (decision.Reason is { Length: > 0 } reason)
            return new AccessAnswer(false, $"You may not {what}: {reason}.") { Query = query, Denial = DenialKind.ServerReason, Detail = reason };
        return new AccessAnswer(false, $"You may not {what}: no Role or ClusterRole bound to you allows it.") { Query = query, Denial = DenialKind.NoRule };
    }
}

/// <summary>The namespaces a user can work in, and whether that is every namespace (list allowed) or a checked subset.</summary>
public sealed record NamespaceAccess(bool CanListAll, IReadOnlyList<string> Namespaces);
