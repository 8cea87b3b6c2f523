using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Model;

namespace CareMesh.Gateway;

/// <summary>
/// A route may raise or lower the gateway's request body limit (<c>Gateway:MaxRequestBodySize</c>) with
/// <c>"Metadata": { "MaxRequestBodySize": "&lt;bytes&gt;" }</c>: the directory's import of a whole feed
/// file is larger than any other request. A value that is not a positive number stops the gateway at start.
/// </summary>
internal sealed class RouteBodyLimit : IProxyConfigFilter
{
    public const string MetadataKey = "MaxRequestBodySize";

    public ValueTask<ClusterConfig> ConfigureClusterAsync(ClusterConfig cluster, CancellationToken cancel) => ValueTask.FromResult(cluster);

    public ValueTask<RouteConfig> ConfigureRouteAsync(RouteConfig route, ClusterConfig? cluster, CancellationToken cancel) =>
        route.Metadata?.TryGetValue(MetadataKey, out var value) == true && Parse(value) is null
            ? throw new InvalidOperationException($"Gateway route '{route.RouteId}' has {MetadataKey} '{value}': it must be a number of bytes above 0.")
            : ValueTask.FromResult(route);

    /// <summary>After routing, before the body is read: applies the matched route's limit, if it has one.</summary>
    public static Task ApplyAsync(HttpContext context, RequestDelegate next)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>()?.Config.Metadata?.GetValueOrDefault(MetadataKey) is { } value &&
            Parse(value) is { } limit &&
            context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } body)
        {
            body.MaxRequestBodySize = limit;
        }

        return next(context);
    }

    private static long? Parse(string value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) && bytes > 0 ? bytes : null;
}
