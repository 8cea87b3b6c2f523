namespace CareMesh.Gateway;

internal static class Extensions
{
    public static void AddGateway(this IHostApplicationBuilder builder)
    {
        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .AddConfigFilter<ServiceDiscoveryDestinationFilter>();
    }
}
