namespace CareMesh.AppHost;

/// <summary>
/// What a launch profile gives an Aspire app host in an IDE, for the app host run directly (<c>./caremesh up</c>):
/// Development, the dashboard at http://localhost:18888 and its OTLP receivers on fixed ports. Anything already
/// in the environment wins. Plain HTTP is allowed only while every address is on loopback: beyond it, TLS.
/// </summary>
internal static class DashboardDefaults
{
    private static readonly (string Name, string Value)[] Defaults =
    [
        ("DOTNET_ENVIRONMENT", "Development"),
        ("ASPNETCORE_URLS", "http://localhost:18888"),
        ("ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL", "http://localhost:18889"),
        ("ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL", "http://localhost:18890"),
    ];

    public static void Apply()
    {
        if (Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") is null)
        {
            foreach (var (name, value) in Defaults)
            {
                Environment.SetEnvironmentVariable(name, Environment.GetEnvironmentVariable(name) ?? value);
            }
        }

        var urls = Defaults.Skip(1).SelectMany(entry => (Environment.GetEnvironmentVariable(entry.Name) ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries));
        if (Environment.GetEnvironmentVariable("ASPIRE_ALLOW_UNSECURED_TRANSPORT") is null && urls.All(IsLoopback))
        {
            Environment.SetEnvironmentVariable("ASPIRE_ALLOW_UNSECURED_TRANSPORT", "true");
        }
    }

    private static bool IsLoopback(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.IsLoopback || uri.Host == "localhost");
}
