namespace Dashboard.Kubernetes; internal static class Placeholder {}
