using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace CareMesh.Gateway;

/// <summary>
/// What a caller says about where a request came from, or who made it, is not believed: inbound
/// <c>Forwarded</c>, <c>X-Forwarded-*</c> and internal identity headers are dropped, then the gateway
/// sets the forwarded headers from what it saw itself.
/// </summary>
internal static class HeaderHygiene
{
    private static readonly string[] UntrustedPrefixes = ["X-Forwarded-", "X-Original-", "X-CareMesh-", "X-Internal-"];

    public static void Apply(TransformBuilderContext context)
    {
        context.UseDefaultForwarders = false;
        context.AddRequestTransform(transform =>
        {
            var headers = transform.ProxyRequest.Headers;
            foreach (var name in headers.Select(h => h.Key).Where(IsUntrusted).ToList())
            {
                headers.Remove(name);
            }

            return ValueTask.CompletedTask;
        });
        context.AddXForwarded(ForwardedTransformActions.Set);
    }

    internal static bool IsUntrusted(string header) =>
        header.Equals("Forwarded", StringComparison.OrdinalIgnoreCase) ||
        UntrustedPrefixes.Any(prefix => header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
}
