using CareMesh.Testing;
using Microsoft.Extensions.Hosting;

namespace CareMesh.Directory.Tests;

public class EndpointSecurityTests(DirectoryServiceFactory factory) : IClassFixture<DirectoryServiceFactory>
{
    [Fact]
    public Task Every_endpoint_refuses_bad_tokens_and_roles_it_does_not_serve() =>
        EndpointSecurity.AssertEveryEndpointIsGuardedAsync(factory.Services, factory.CreateClient(), new Dictionary<string, string>
        {
            ["/oruk"] = CareMeshPolicies.Anonymous,
        });
}
