using Yarp.ReverseProxy.Configuration;

namespace CareMesh.Gateway;

/// <summary>
/// Lets clusters name their destinations by service (<c>http://referrals</c>) and resolves them from
/// the service discovery configuration the app host or Kubernetes injects
/// (<c>services__referrals__http__0=http://127.0.0.1:5101</c>), as Aspire's YARP integration does.
/// An address that names no known service is used as written.
/// </summary>
internal sealed class ServiceDiscoveryDestinationFilter(IConfiguration configuration) : IProxyConfigFilter
{
    public ValueTask<ClusterConfig> ConfigureClusterAsync(ClusterConfig cluster, CancellationToken cancel)
    {
        if (cluster.Destinations is not { Count: > 0 } destinations)
        {
            return ValueTask.FromResult(cluster);
        }

        var resolved = new Dictionary<string, DestinationConfig>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, destination) in destinations)
        {
            var endpoints = Resolve(destination.Address);
            if (endpoints.Count == 0)
            {
                resolved[name] = destination;
                continue;
            }

            for (var i = 0; i < endpoints.Count; i++)
            {
                resolved[endpoints.Count == 1 ? name : $"{name}-{i}"] = destination with { Address = endpoints[i] };
            }
        }

        return ValueTask.FromResult(cluster with { Destinations = resolved });
    }

    public ValueTask<RouteConfig> ConfigureRouteAsync(RouteConfig route, ClusterConfig? cluster, CancellationToken cancel) =>
        ValueTask.FromResult(route);

    private List<string> Resolve(string address)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Host.Contains('.') || !uri.IsDefaultPort)
        {
            return [];
        }

        return configuration.GetSection($"services:{uri.Host}:{uri.Scheme}").GetChildren()
            .Select(endpoint => endpoint.Value)
            .OfType<string>()
            .Select(endpoint => endpoint.TrimEnd('/') + uri.PathAndQuery.TrimEnd('/'))
            .ToList();
    }
}
