using Yarp.ReverseProxy.Configuration;

namespace CareMesh.Gateway;

/// <summary>
/// Deny by default: a route that does not name who may use it is a configuration error, and the
/// gateway refuses to start rather than guess.
/// </summary>
internal sealed class RouteAuthorizationRequired : IProxyConfigFilter
{
    public ValueTask<ClusterConfig> ConfigureClusterAsync(ClusterConfig cluster, CancellationToken cancel) => ValueTask.FromResult(cluster);

    public ValueTask<RouteConfig> ConfigureRouteAsync(RouteConfig route, ClusterConfig? cluster, CancellationToken cancel) =>
        string.IsNullOrWhiteSpace(route.AuthorizationPolicy)
            ? throw new InvalidOperationException(
                $"Gateway route '{route.RouteId}' names no AuthorizationPolicy. Every route must say who may use it ('{CareMeshPolicies.Anonymous}' for an open one).")
            : ValueTask.FromResult(route);
}
