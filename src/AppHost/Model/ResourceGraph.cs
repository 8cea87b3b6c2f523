namespace CareMesh.AppHost.Model;

/// <summary>
/// The resources of one app host run, checked to be consistent: unique names, no reference to an
/// unknown resource, no cycle among the "waits for" edges (references may point either way, as
/// service discovery needs no start order).
/// </summary>
public sealed class ResourceGraph
{
    private readonly Dictionary<string, ResourceDefinition> byName;
    private readonly Dictionary<string, int> depth;

    private ResourceGraph(Dictionary<string, ResourceDefinition> byName, IReadOnlyList<ResourceDefinition> startOrder, Dictionary<string, int> depth)
    {
        this.byName = byName;
        this.depth = depth;
        StartOrder = startOrder;
    }

    /// <summary>Every resource, each after everything it waits for.</summary>
    public IReadOnlyList<ResourceDefinition> StartOrder { get; }

    public ResourceDefinition this[string name] => byName[name];

    /// <summary>
    /// Groups to stop one after the other, those nothing else waits for first (the gateway, then the
    /// services, then infrastructure); a group is stopped in parallel.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<ResourceDefinition>> StopStages =>
    [
        .. StartOrder.GroupBy(resource => depth[resource.Name])
            .OrderByDescending(stage => stage.Key)
            .Select(stage => (IReadOnlyList<ResourceDefinition>)[.. stage]),
    ];

    /// <summary>Everything the resource waits for, directly or through another resource.</summary>
    public IReadOnlySet<string> DependenciesOf(string name)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(byName[name].WaitsFor);
        while (pending.TryPop(out var dependency))
        {
            if (found.Add(dependency))
            {
                foreach (var next in byName[dependency].WaitsFor)
                {
                    pending.Push(next);
                }
            }
        }

        return found;
    }

    /// <exception cref="ArgumentException">A name is repeated, a reference is unknown, or waits form a cycle.</exception>
    public static ResourceGraph Build(IEnumerable<ResourceDefinition> definitions)
    {
        var byName = new Dictionary<string, ResourceDefinition>(StringComparer.Ordinal);
        foreach (var definition in definitions)
        {
            if (!byName.TryAdd(definition.Name, definition))
            {
                throw new ArgumentException($"Two resources are named '{definition.Name}'.", nameof(definitions));
            }
        }

        foreach (var definition in byName.Values)
        {
            foreach (var other in definition.WaitsFor.Concat(definition.References))
            {
                if (!byName.ContainsKey(other))
                {
                    throw new ArgumentException($"'{definition.Name}' refers to '{other}', which is not a resource.", nameof(definitions));
                }
            }
        }

        var depth = new Dictionary<string, int>(StringComparer.Ordinal);
        var startOrder = new List<ResourceDefinition>(byName.Count);
        var path = new List<string>();

        // Depth-first, so a resource is placed after everything it waits for; a name met again while
        // still being visited closes a cycle.
        int Visit(ResourceDefinition definition)
        {
            if (depth.TryGetValue(definition.Name, out var known))
            {
                return known;
            }

            if (path.Contains(definition.Name))
            {
                throw new ArgumentException(
                    $"Resources wait for each other in a cycle: {string.Join(" -> ", path)} -> {definition.Name}.", nameof(definitions));
            }

            path.Add(definition.Name);
            var level = definition.WaitsFor.Select(name => Visit(byName[name]) + 1).DefaultIfEmpty(0).Max();
            path.RemoveAt(path.Count - 1);
            depth[definition.Name] = level;
            startOrder.Add(definition);
            return level;
        }

        foreach (var definition in byName.Values)
        {
            Visit(definition);
        }

        return new ResourceGraph(byName, startOrder, depth);
    }
}
