using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Models;
using Dashboard.Web.Columns;
using Dashboard.Web.Live;
using Kube = Dashboard.Kubernetes.Models;

namespace Dashboard.Web.Tests;

/// <summary>
/// The list page's filter and sort. Apply keeps keys and order between calls (it merges a change batch into the last
/// result), so every test compares it with a plain full sort of the same objects after each step.
/// </summary>
public sealed class ListViewTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(ListView.ByName, false, null)]
    [InlineData(ListView.ByName, true, null)]
    [InlineData(ListView.ByAge, false, null)]
    [InlineData(ListView.ByNamespace, true, "7")]
    [InlineData("c:restarts", false, "pod-1")]
    public void Change_batches_give_the_same_rows_as_a_full_sort(string sortBy, bool descending, string? filter)
    {
        var random = new Random(42);
        var view = NewView();
        var items = Enumerable.Range(0, 300).Select(i => Pod(random, i)).ToList();
        Assert.Equal(FullSort(items, sortBy, descending, filter), Names(view.Apply(items, filter, sortBy, descending, T0)));

        for (var batch = 0; batch < 40; batch++)
        {
            for (var change = 0; change < 8; change++)
            {
                var at = random.Next(items.Count);
                switch (random.Next(3))
                {
                    case 0: items[at] = Pod(random, random.Next(100_000)); break; // a new object in its place
                    case 1: items[at] = Reparsed(items[at], random); break;       // a new version of the same object
                    default: items.RemoveAt(at); break;                           // deleted
                }
            }
            Assert.Equal(FullSort(items, sortBy, descending, filter), Names(view.Apply(items, filter, sortBy, descending, T0)));
        }
    }

    [Fact]
    public void A_new_version_of_an_object_is_the_same_row_and_a_new_object_is_not()
    {
        // The grid keys its rows by item: a row that equals its previous version is updated in place, so a click on
        // its checkbox while the object changes is not lost with a replaced row.
        var random = new Random(3);
        var view = NewView();
        var first = Pod(random, 1);
        var before = Assert.Single(view.Apply([first], null, ListView.ByName, false, T0));
        var after = Assert.Single(view.Apply([Reparsed(first, random)], null, ListView.ByName, false, T0));
        Assert.NotSame(before.Object, after.Object);
        Assert.Equal(before, after);
        Assert.Equal(before.GetHashCode(), after.GetHashCode());

        var other = Assert.Single(view.Apply([Pod(random, 2)], null, ListView.ByName, false, T0));
        Assert.NotEqual(before, other);
    }

    [Fact]
    public void Changing_filter_sort_or_direction_between_batches_resorts_everything()
    {
        var random = new Random(7);
        var view = NewView();
        var items = Enumerable.Range(0, 200).Select(i => Pod(random, i)).ToList();
        foreach (var (filter, sortBy, descending) in new[]
        {
            ((string?)null, ListView.ByName, false), ("pod-1", ListView.ByName, false), (null, ListView.ByName, false),
            (null, ListView.ByAge, false), (null, ListView.ByAge, true), ("ns-3", ListView.ByNamespace, false),
        })
        {
            items[random.Next(items.Count)] = Pod(random, random.Next(100_000));
            Assert.Equal(FullSort(items, sortBy, descending, filter), Names(view.Apply(items, filter, sortBy, descending, T0)));
        }
    }

    [Fact]
    public void A_sort_key_that_reads_the_clock_is_computed_again_once_it_is_stale()
    {
        // A column whose key is the time left until a deadline in the object: the order flips when the clock passes it.
        var column = new ResourceColumn("left", "Common_Name", (o, now) => "")
        {
            Sort = (o, now) => (long)Math.Abs((DateTimeOffset.Parse(o.Annotations["deadline"]) - now).TotalSeconds),
        };
        var view = new ListView(Kube.Pod.Resource, new ColumnRegistry([new OneColumn(column)]));
        var early = WithDeadline("early", T0.AddMinutes(1));
        var late = WithDeadline("late", T0.AddMinutes(3));
        Assert.Equal(["early@default", "late@default"], Names(view.Apply([early, late], null, "c:left", false, T0)));

        // Within the lifetime the keys are reused; after it the order follows the clock (4 min: late is nearer).
        Assert.Equal(["early@default", "late@default"], Names(view.Apply([early, late], null, "c:left", false, T0.AddSeconds(1))));
        Assert.Equal(["late@default", "early@default"], Names(view.Apply([early, late], null, "c:left", false, T0.AddMinutes(4))));
    }

    private static ListView NewView() => new(Kube.Pod.Resource, new ColumnRegistry([new OneColumn(
        new ResourceColumn("restarts", "Common_Name", (o, _) => o.Labels.GetValueOrDefault("restarts", ""))
        {
            Sort = (o, _) => int.Parse(o.Labels.GetValueOrDefault("restarts", "0")),
        })]));

    private static List<string> FullSort(IEnumerable<KubeObject> items, string sortBy, bool descending, string? filter)
    {
        var query = items.Where(o => filter is null || o.Name.Contains(filter, StringComparison.OrdinalIgnoreCase)
            || (o.Namespace ?? "").Contains(filter, StringComparison.OrdinalIgnoreCase));
        Func<KubeObject, IComparable> key = sortBy switch
        {
            ListView.ByName => o => o.Name,
            ListView.ByNamespace => o => o.Namespace!,
            ListView.ByAge => o => -o.CreationTimestamp!.Value.UtcTicks,
            _ => o => int.Parse(o.Labels["restarts"]),
        };
        var comparer = Comparer<IComparable>.Create((a, b) => a is string x && b is string y ? string.CompareOrdinal(x, y) : a.CompareTo(b));
        var ordered = descending ? query.OrderByDescending(key, comparer) : query.OrderBy(key, comparer);
        return ordered.ThenBy(o => o.Namespace, StringComparer.Ordinal).ThenBy(o => o.Name, StringComparer.Ordinal).Select(o => o.Name + "@" + o.Namespace).ToList();
    }

    private static List<string> Names(List<ListRow> rows) =>
        rows.Select(r => r.Name + "@" + r.Namespace).ToList();

    private static KubeObject Pod(Random random, int i) => KubeObject.FromUtf8(System.Text.Encoding.UTF8.GetBytes(new JsonObject
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Pod",
        ["metadata"] = new JsonObject
        {
            ["name"] = $"pod-{i}",
            ["namespace"] = $"ns-{random.Next(10)}",
            ["uid"] = Guid.NewGuid().ToString(),
            // Few distinct ages and restart counts, so that ties fall back to namespace and name.
            ["creationTimestamp"] = T0.AddMinutes(-random.Next(5)).ToString("yyyy-MM-ddTHH:mm:ssZ"),
            ["labels"] = new JsonObject { ["restarts"] = random.Next(4).ToString() },
        },
    }.ToJsonString()));

    private static KubeObject Reparsed(KubeObject o, Random random)
    {
        var json = o.Json.DeepClone().AsObject();
        json["metadata"]!["labels"]!["restarts"] = random.Next(4).ToString();
        return KubeObject.FromUtf8(System.Text.Encoding.UTF8.GetBytes(json.ToJsonString()));
    }

    private static KubeObject WithDeadline(string name, DateTimeOffset deadline) => new(new JsonObject
    {
        ["metadata"] = new JsonObject
        {
            ["name"] = name,
            ["namespace"] = "default",
            ["uid"] = name,
            ["annotations"] = new JsonObject { ["deadline"] = deadline.ToString("O") },
        },
    });

    private sealed class OneColumn(ResourceColumn column) : IColumnSet
    {
        public ResourceKind Kind => Kube.Pod.Resource;
        public IReadOnlyList<ResourceColumn> Columns => [column];
        public ResourceStatus Status(KubeObject obj, DateTimeOffset now) => GenericStatus.Of(obj);
    }
}
