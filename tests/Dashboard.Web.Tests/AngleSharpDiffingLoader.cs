using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;

namespace Dashboard.Web.Tests;

/// <summary>
/// bunit.dll was built against AngleSharp.Diffing 1.0.0.0, which the feed lacks; 0.17.0 serves it. Load the copy
/// beside the tests whenever that name is asked for (DEPENDENCIES.md, bUnit recipe).
/// </summary>
internal static class AngleSharpDiffingLoader
{
    [ModuleInitializer]
    internal static void Register() =>
        AssemblyLoadContext.Default.Resolving += (context, name) =>
            name.Name == "AngleSharp.Diffing"
                ? context.LoadFromAssemblyPath(Path.Combine(AppContext.BaseDirectory, "AngleSharp.Diffing.dll"))
                : null;

    internal static Assembly? Unused => null;
}
