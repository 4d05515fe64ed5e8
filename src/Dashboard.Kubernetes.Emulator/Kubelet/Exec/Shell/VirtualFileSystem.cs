namespace Dashboard.Kubernetes.Emulator.Kubelet.Exec.Shell;

/// <summary>A container's file tree for the simulated shell: directories and text files, writable for the session.</summary>
internal sealed class VirtualFileSystem
{
    private readonly SortedDictionary<string, string?> _entries = new(StringComparer.Ordinal) { ["/"] = null };

    /// <summary>Adds a directory (and its parents).</summary>
    public void Dir(string path)
    {
        path = Normalize(path);
        while (path != "/" && !_entries.ContainsKey(path))
        {
            _entries[path] = null;
            path = Parent(path);
        }
    }

    /// <summary>Adds or replaces a file (parents are created).</summary>
    public void File(string path, string content)
    {
        path = Normalize(path);
        Dir(Parent(path));
        _entries[path] = content;
    }

    public bool Exists(string path) => _entries.ContainsKey(Normalize(path));

    public bool IsDir(string path) => _entries.TryGetValue(Normalize(path), out var c) && c is null;

    public string? Read(string path) => _entries.TryGetValue(Normalize(path), out var c) ? c : null;

    public bool Remove(string path)
    {
        path = Normalize(path);
        if (path == "/" || !_entries.ContainsKey(path)) return false;
        foreach (var child in _entries.Keys.Where(k => k.StartsWith(path + "/", StringComparison.Ordinal)).ToList()) _entries.Remove(child);
        return _entries.Remove(path);
    }

    /// <summary>Names directly inside a directory, sorted.</summary>
    public IReadOnlyList<string> List(string dir)
    {
        dir = Normalize(dir);
        var prefix = dir == "/" ? "/" : dir + "/";
        return _entries.Keys
            .Where(k => k.Length > prefix.Length && k.StartsWith(prefix, StringComparison.Ordinal) && k.IndexOf('/', prefix.Length) < 0)
            .Select(k => k[prefix.Length..])
            .ToList();
    }

    /// <summary>Resolves a path against a working directory, folding <c>.</c> and <c>..</c>.</summary>
    public static string Resolve(string cwd, string path)
    {
        var full = path.StartsWith('/') ? path : (cwd.TrimEnd('/') + "/" + path);
        return Normalize(full);
    }

    public static string Normalize(string path)
    {
        var parts = new List<string>();
        foreach (var p in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (p == ".") continue;
            if (p == "..") { if (parts.Count > 0) parts.RemoveAt(parts.Count - 1); continue; }
            parts.Add(p);
        }
        return "/" + string.Join('/', parts);
    }

    public static string Parent(string path)
    {
        var i = path.LastIndexOf('/');
        return i <= 0 ? "/" : path[..i];
    }
}
