using Microsoft.Extensions.Options;

namespace CareMesh.Identity;

// A Program of its own namespace: test projects load the provider beside a service whose Program is global.
// Not static, so a test's WebApplicationFactory can name it.
public sealed class Program
{
    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);

        builder.AddServiceDefaults();
        builder.AddApplicationServices();

        var app = builder.Build();

        // Behind the gateway the provider is served under its issuer's path (/identity); called directly, at the root.
        app.UsePathBase(app.Services.GetRequiredService<IOptions<ProviderOptions>>().Value.PathBase);
        app.UseRouting();
        app.MapDefaultEndpoints();
        app.MapIdentity();

        app.Run();
    }
}
