using CareMesh.Testing;
using Microsoft.Extensions.Hosting;

namespace CareMesh.Meetings.Tests;

public class EndpointSecurityTests(MeetingsServiceFactory factory) : IClassFixture<MeetingsServiceFactory>
{
    [Fact]
    public Task Every_endpoint_refuses_bad_tokens_and_roles_it_does_not_serve() =>
        EndpointSecurity.AssertEveryEndpointIsGuardedAsync(factory.Services, factory.CreateClient(), new Dictionary<string, string>
        {
            ["/api/meetings"] = CareMeshPolicies.Staff,
        });
}
