using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CareMesh.Directory.Tests.Import;

/// <summary>A directory configured as in production refuses to import from its own network.</summary>
public class ImportAddressTests(DirectoryServiceFactory factory) : IClassFixture<DirectoryServiceFactory>
{
    [Theory]
    [InlineData("http://127.0.0.1:5080/oruk")]
    [InlineData("http://localhost/oruk")]
    [InlineData("http://10.0.0.5/oruk")]
    [InlineData("http://[::1]/oruk")]
    [InlineData("http://0.0.0.0:5080/oruk")]
    [InlineData("http://[::]:5080/oruk")]
    [InlineData("http://[::ffff:127.0.0.1]/oruk")]
    public async Task A_loopback_or_private_address_is_refused(string url)
    {
        var response = await factory.CreateClientAs(CareMeshRoles.Admin).PostAsJsonAsync("/api/directory/imports", new { url });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("private", errors.GetProperty("url")[0].GetString(), StringComparison.Ordinal);
    }
}
