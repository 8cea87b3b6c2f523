using CareMesh.Testing;
using Microsoft.Extensions.Hosting;

namespace CareMesh.CarePlans.Tests;

public class EndpointSecurityTests(CarePlansServiceFactory factory) : IClassFixture<CarePlansServiceFactory>
{
    [Fact]
    public Task Every_endpoint_refuses_bad_tokens_and_roles_it_does_not_serve() =>
        EndpointSecurity.AssertEveryEndpointIsGuardedAsync(factory.Services, factory.CreateClient(), new Dictionary<string, string>
        {
            ["/api/care-plans"] = CareMeshPolicies.Staff,
            ["/api/care-plans/audit"] = CareMeshPolicies.AuditLookup,
        });
}
