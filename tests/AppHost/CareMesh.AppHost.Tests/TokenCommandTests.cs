using CareMesh.AppHost.Operations;
using CareMesh.Testing;
using Microsoft.Extensions.Configuration;

namespace CareMesh.AppHost.Tests;

/// <summary><c>./caremesh token</c> without a platform to ask, or where it must not ask (the token itself: tests/EndToEnd).</summary>
public class TokenCommandTests
{
    private static CareMeshSettings Settings(params (string Key, string Value)[] values) => CareMeshSettings.From(
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build());

    [Fact]
    public async Task With_the_platform_not_running_it_says_so_and_prints_no_token()
    {
        var port = TestServers.FreeLoopbackPort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (output, errors) = (new StringWriter(), new StringWriter());

        var exit = await TokenCommand.RunAsync(["token", "--role", "clinician", "--org", "Y00001"], Settings(("CareMesh:GatewayPort", port)), output, errors);

        Assert.Equal(1, exit);
        Assert.Empty(output.ToString());
        Assert.Contains($"http://localhost:{port}/identity/connect/token", errors.ToString());
        Assert.Contains("./caremesh up", errors.ToString());
    }

    [Fact]
    public async Task Outside_Development_it_asks_for_nothing()
    {
        var (output, errors) = (new StringWriter(), new StringWriter());

        var exit = await TokenCommand.RunAsync(["token", "--role", "clinician", "--org", "Y00001"], Settings(("DOTNET_ENVIRONMENT", "Production")), output, errors);

        Assert.Equal(1, exit);
        Assert.Empty(output.ToString());
        Assert.Contains("only in Development", errors.ToString());
    }

    [Theory]
    [InlineData("--role", "receptionist", "--org", "Y00001")]
    [InlineData("--role", "clinician")]
    [InlineData("--role", "clinician", "--org", "Y00001", "--minutes", "0")]
    [InlineData("--role", "clinician", "--org", "Y00001", "--minutes", "721")]
    [InlineData("--role", "clinician", "--org", "Y00001", "--minutes", "ten")]
    public async Task A_request_it_cannot_make_is_refused_with_the_usage(params string[] arguments)
    {
        var (output, errors) = (new StringWriter(), new StringWriter());

        var exit = await TokenCommand.RunAsync(["token", .. arguments], Settings(), output, errors);

        Assert.Equal(2, exit);
        Assert.Empty(output.ToString());
        Assert.StartsWith(arguments.Contains("--minutes") ? "error: --minutes" : "usage:", errors.ToString());
    }
}
