using CareMesh.Testing;
using Microsoft.Extensions.Hosting;

namespace CareMesh.Referrals.Tests;

public class EndpointSecurityTests(ReferralsServiceFactory factory) : IClassFixture<ReferralsServiceFactory>
{
    [Fact]
    public Task Every_endpoint_refuses_bad_tokens_and_roles_it_does_not_serve() =>
        EndpointSecurity.AssertEveryEndpointIsGuardedAsync(factory.Services, factory.CreateClient(), new Dictionary<string, string>
        {
            ["/api/referrals"] = CareMeshPolicies.Staff,
            ["/api/referrals/audit"] = CareMeshPolicies.AuditLookup,
            ["/api/referrals/reports"] = CareMeshPolicies.TeamLeads,
            ["POST /api/referrals/{id:guid}/merge"] = CareMeshPolicies.TeamLeads,
            ["PUT /api/referrals/team"] = CareMeshPolicies.TeamLeads,
            ["/api/caseload"] = CareMeshPolicies.Staff,
            ["/api/caseload/team"] = CareMeshPolicies.TeamLeads,
            ["/api/caseload/unallocated"] = CareMeshPolicies.TeamLeads,
            ["/api/caseload/contacts-overdue"] = CareMeshPolicies.TeamLeads,
            ["/api/onward-referrals"] = CareMeshPolicies.OnwardReferrals,
        });
}
