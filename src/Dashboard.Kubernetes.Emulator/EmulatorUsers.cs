using System.Collections.Concurrent;
using System.Security.Cryptography;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Server;

namespace Dashboard.Kubernetes.Emulator;

/// <summary>Static-token users (like kube-apiserver's --token-auth-file). Tokens are random per start.</summary>
public sealed class EmulatorUsers : IAuthenticator
{
    private readonly ConcurrentDictionary<string, UserInfo> _byToken = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _tokenByName = new(StringComparer.Ordinal);

    /// <summary>Adds a user with a fresh random token and returns the token.</summary>
    public string Add(string name, params string[] groups)
    {
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        var user = new UserInfo(name, Guid.NewGuid().ToString(), [.. groups, "system:authenticated"]);
        _byToken[token] = user;
        _tokenByName[name] = token;
        return token;
    }

    /// <summary>The token of a static user.</summary>
    public string TokenOf(string name) => _tokenByName.TryGetValue(name, out var t) ? t : throw new KeyNotFoundException($"no static user {name}");

    /// <summary>Static users and their tokens.</summary>
    public IReadOnlyDictionary<string, string> Tokens => _tokenByName;

    /// <summary>Removes a user's token (revocation).</summary>
    public void Revoke(string name)
    {
        if (_tokenByName.TryRemove(name, out var token)) _byToken.TryRemove(token, out _);
    }

    /// <inheritdoc />
    public UserInfo? Authenticate(string token) => _byToken.TryGetValue(token, out var u) ? u : null;
}
