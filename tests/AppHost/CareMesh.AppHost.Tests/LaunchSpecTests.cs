using CareMesh.AppHost.Orchestration;

namespace CareMesh.AppHost.Tests;

public class LaunchSpecTests
{
    [Fact]
    public void A_process_inherits_the_app_hosts_environment_except_what_the_app_host_decides()
    {
        var spec = TestResources.Shell("true", new Dictionary<string, string>
        {
            ["ConnectionStrings__referralsdb"] = "Host=db;Database=referralsdb",
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:6001",
        });
        var inherited = new Dictionary<string, string?>
        {
            ["PATH"] = "/usr/bin",
            ["ConnectionStrings__postgres"] = "Host=db",
            ["connectionstrings__messaging"] = "amqp://db",
            ["services__directory__http__0"] = "http://elsewhere",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://collector",
            ["ASPNETCORE_URLS"] = "http://0.0.0.0:80",
        };

        var effective = spec.EffectiveEnvironment(inherited);

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["PATH"] = "/usr/bin",
                ["ConnectionStrings__referralsdb"] = "Host=db;Database=referralsdb",
                ["ASPNETCORE_URLS"] = "http://127.0.0.1:6001",
            },
            effective);
    }
}
