using CareMesh.AppHost.Dashboard;

namespace CareMesh.AppHost.Tests.Dashboard;

public class SecretMaskingTests
{
    private const string Mask = SecretMasking.Mask;

    [Theory]
    [InlineData("Jwt__SigningKey", "abc")]
    [InlineData("CLIENT_SECRET", "abc")]
    [InlineData("Api_Token", "abc")]
    [InlineData("SMTP_PASSWORD", "abc")]
    [InlineData("OTEL_EXPORTER_OTLP_HEADERS", "x-api-key=abc")]
    public void Values_of_secret_looking_names_are_hidden_whole(string name, string value) =>
        Assert.Equal(Mask, SecretMasking.Value(name, value));

    [Theory]
    [InlineData("Host=db;Username=u;Password=p4ss;Database=x", "Host=db;Username=u;Password=" + Mask + ";Database=x")]
    [InlineData("Server=db;PWD = 'a;b';Database=x", "Server=db;PWD=" + Mask + ";Database=x")]
    [InlineData("amqp://caremesh:caremesh-dev@127.0.0.1:5672/vh", "amqp://caremesh:" + Mask + "@127.0.0.1:5672/vh")]
    [InlineData("http://user:pa55@host:15672", "http://user:" + Mask + "@host:15672")]
    public void Passwords_inside_connection_strings_and_urls_are_hidden(string value, string expected) =>
        Assert.Equal(expected, SecretMasking.Value("ConnectionStrings__db", value));

    [Theory]
    [InlineData("ASPNETCORE_URLS", "http://127.0.0.1:5000")]
    [InlineData("ASPNETCORE_FORWARDEDHEADERS_ENABLED", "true")]
    [InlineData("services__directory__http__0", "http://127.0.0.1:41234")]
    public void Ordinary_values_are_shown_as_they_are(string name, string value) =>
        Assert.Equal(value, SecretMasking.Value(name, value));
}
