using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Controllers;
using Dashboard.Kubernetes.Emulator.Registry;
using Dashboard.Kubernetes.Emulator.Server;
using Dashboard.Kubernetes.Emulator.Storage;
using Dashboard.Kubernetes.Emulator.Testing;
using Microsoft.Extensions.Logging;

namespace Dashboard.Kubernetes.Emulator;

/// <summary>
/// Everything an emulator module can plug into: storage and the write pipeline, HTTP extension points, authentication,
/// authorization, table printers and controllers. Modules register here once at start; nothing is looked up by kind string.
/// </summary>
public sealed class EmulatorContext
{
    internal EmulatorContext(EmulatorOptions options, ILoggerFactory loggerFactory)
    {
        Options = options;
        LoggerFactory = loggerFactory;
        Catalog = new ResourceCatalog();
        Store = new ObjectStore(options.WatchHistorySize);
        Clock = new EmulatorClock();
        Api = new ObjectApi(Store, Catalog, Clock);
        Events = new EventRecorder(Api);
    }

    /// <summary>Start-up options.</summary>
    public EmulatorOptions Options { get; }
    /// <summary>Logging.</summary>
    public ILoggerFactory LoggerFactory { get; }
    /// <summary>Served resources.</summary>
    public ResourceCatalog Catalog { get; }
    /// <summary>Storage.</summary>
    public ObjectStore Store { get; }
    /// <summary>Emulated time.</summary>
    public EmulatorClock Clock { get; }
    /// <summary>Write pipeline.</summary>
    public ObjectApi Api { get; }
    /// <summary>Records core/v1 Events.</summary>
    public EventRecorder Events { get; }
    /// <summary>Faults that tests inject.</summary>
    public FaultInjector Faults { get; } = new();
    /// <summary>Requests as received, for assertions.</summary>
    public RequestLog Requests { get; } = new();
    /// <summary>PEM of the CA that signs the serving certificate (what kube-root-ca.crt ConfigMaps hold).</summary>
    public string CaPem { get; internal set; } = "";
    /// <summary>The users the emulator knows and their tokens.</summary>
    public EmulatorUsers Users { get; } = new();

    /// <summary>Subresource handlers keyed by <c>resourceKey/subresource</c>; <c>*/scale</c> matches any resource.</summary>
    public Dictionary<string, SubresourceHandler> Subresources { get; } = new(StringComparer.Ordinal);
    /// <summary>Handlers of virtual resources (reviews, metrics) keyed by <see cref="ResourceType.Key"/> plus group.</summary>
    public Dictionary<ResourceType, RequestHandler> VirtualResources { get; } = [];
    /// <summary>Handlers of non-resource paths by exact path or prefix ending in <c>*</c>.</summary>
    public Dictionary<string, RequestHandler> Paths { get; } = new(StringComparer.Ordinal);
    /// <summary>Checks of write bodies (server-side field validation), run by the REST handlers.</summary>
    public List<IBodyValidator> BodyValidators { get; } = [];
    /// <summary>Decoders for non-JSON request bodies.</summary>
    public List<IBodyDecoder> BodyDecoders { get; } = [];
    /// <summary>Token authenticators, asked in order.</summary>
    public List<IAuthenticator> Authenticators { get; } = [];
    /// <summary>The authorizer; until RBAC is registered every authenticated user may do everything.</summary>
    public IAuthorizer? Authorizer { get; set; }
    /// <summary>Table printers keyed by <see cref="ResourceType.Key"/>.</summary>
    public Dictionary<string, ITablePrinter> TablePrinters { get; } = new(StringComparer.Ordinal);
    /// <summary>Custom table printers for types registered at runtime (CRDs with printer columns).</summary>
    public Func<ResourceType, ITablePrinter?>? DynamicTablePrinter { get; set; }
    /// <summary>The request pipeline (for modules that hook impersonation).</summary>
    internal ApiDispatcher? Dispatcher { get; set; }
    /// <summary>
    /// The impersonation filter, set by the auth module at registration (before the dispatcher exists): turns the
    /// authenticated user into the impersonated one, or throws 403.
    /// </summary>
    internal Func<Microsoft.AspNetCore.Http.HttpContext, UserInfo, UserInfo>? Impersonator { get; set; }
    /// <summary>Issues and validates ServiceAccount tokens (null until the auth module is registered).</summary>
    public Auth.ServiceAccountTokens? ServiceAccountTokens { get; internal set; }
    /// <summary>Objects every cluster has (bootstrap RBAC, kube-root-ca...), created after the system namespaces.</summary>
    public List<Action<EmulatorContext>> BootstrapHooks { get; } = [];
    /// <summary>Background controllers, started after the scenario is loaded.</summary>
    public List<IController> Controllers { get; } = [];

    /// <summary>The served type of a built-in resource by group and plural (throws when missing: a programming error).</summary>
    public ResourceType Type(string group, string plural) =>
        Catalog.FindPreferred(group, plural) ?? throw new InvalidOperationException($"no resource {plural}.{group}");

    /// <summary>A logger for a module.</summary>
    public ILogger Logger<T>() => LoggerFactory.CreateLogger(typeof(T).FullName ?? typeof(T).Name);
}
