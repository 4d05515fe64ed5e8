namespace Dashboard.Web.Hosting;

/// <summary>Where the clusters come from and whether users must sign in.</summary>
public enum DashboardMode
{
    /// <summary>Chosen at start: in-cluster when the ServiceAccount environment is present, else kubeconfig when one exists, else demo.</summary>
    Auto,
    /// <summary>No cluster: the embedded emulator runs the demo scenario; users sign in as one of its demo users.</summary>
    Demo,
    /// <summary>The clusters of a kubeconfig, each context switchable in the header, with the kubeconfig's credentials.</summary>
    Kubeconfig,
    /// <summary>Running in a pod: the API server is the pod's cluster and every user signs in with a token.</summary>
    InCluster,
}
