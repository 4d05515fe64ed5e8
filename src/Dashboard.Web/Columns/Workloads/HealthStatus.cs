using Dashboard.Core.Projections;
using Dashboard.Web.Resources;
using Microsoft.Extensions.Localization;

namespace Dashboard.Web.Columns.Workloads;

/// <summary>A localized badge for a row's health (workloads have no single status word of their own).</summary>
internal sealed class HealthStatus(IStringLocalizer<ProjectionStrings> l)
{
    public ResourceStatus Of(RowHealth health) => new(l[WorkloadColumn.HealthKey(health)], WorkloadColumn.Tone(health));
}
