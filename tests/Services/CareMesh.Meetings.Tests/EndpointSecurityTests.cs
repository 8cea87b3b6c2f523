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
            ["/api/meeting-series"] = CareMeshPolicies.Staff,
            ["/api/actions"] = CareMeshPolicies.Staff,
            ["/api/meetings/audit"] = CareMeshPolicies.AuditLookup,
            // The secret in the link is the credential: a calendar client sends no token.
            ["/calendar/"] = CareMeshPolicies.Anonymous,
        });
}
