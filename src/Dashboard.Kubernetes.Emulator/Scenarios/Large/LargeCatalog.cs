namespace Dashboard.Kubernetes.Emulator.Scenarios.Large;

/// <summary>Names and images the large scenario draws from, so the cluster reads like a real multi-team one.</summary>
internal static class LargeCatalog
{
    public static readonly string[] Namespaces =
    [
        "payments", "checkout", "catalog", "search", "recommendations", "inventory", "shipping", "billing", "identity", "accounts",
        "notifications", "messaging", "analytics", "reporting", "ml-serving", "feature-store", "data-ingest", "etl", "warehouse", "streaming",
        "web-frontend", "mobile-api", "gateway", "edge", "cdn-origin", "media", "uploads", "thumbnails", "search-indexer", "crawler",
        "fraud", "risk", "compliance", "audit", "support", "crm", "marketing", "experiments", "pricing", "promotions",
        "observability", "logging", "monitoring", "tracing", "ci-runners", "build-cache", "artifact-store", "platform", "ingress", "cert-manager",
    ];

    public static readonly string[] Apps =
    [
        "api", "worker", "web", "scheduler", "consumer", "producer", "cache", "gateway", "indexer", "sync",
        "exporter", "proxy", "backend", "frontend", "processor", "aggregator", "notifier", "router", "validator", "collector",
    ];

    /// <summary>(image, container name, cpu request, memory request, memory limit, port).</summary>
    public static readonly (string Image, string Container, string Cpu, string Memory, string MemoryLimit, int Port)[] Templates =
    [
        ("nginx:1.27.3", "nginx", "50m", "64Mi", "128Mi", 80),
        ("redis:7.4.1", "redis", "100m", "128Mi", "256Mi", 6379),
        ("postgres:16.6", "postgres", "250m", "512Mi", "1Gi", 5432),
        ("registry.example.com/{ns}/{app}:1.{v}.0", "{app}", "100m", "128Mi", "256Mi", 8080),
        ("registry.example.com/{ns}/{app}:2.{v}.1", "{app}", "200m", "256Mi", "512Mi", 8080),
        ("registry.example.com/{ns}/{app}:0.{v}.3", "{app}", "25m", "32Mi", "64Mi", 9090),
    ];

    public const string NameAlphabet = "bcdfghjklmnpqrstvwxz2456789";
}
