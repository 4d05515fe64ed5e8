namespace Dashboard.Web.Tests.Frontend;

/// <summary>The widget and terminal-page tests share one demo cluster (one emulator start instead of one per class).</summary>
[CollectionDefinition(Name)]
public sealed class FrontendCollection : ICollectionFixture<WebFixture>
{
    public const string Name = "Frontend widgets";
}
