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
            // Staff find services; changing them is for the PCN's team and partners; some changes for the team only.
            ["/api/directory"] = CareMeshPolicies.Directory,
            ["POST /api/directory"] = CareMeshPolicies.ListingManagers,
            ["PUT /api/directory"] = CareMeshPolicies.ListingManagers,
            ["GET /api/directory/organisations/{id:guid}/verification-due"] = CareMeshPolicies.ListingManagers,
            ["POST /api/directory/organisations/"] = CareMeshPolicies.DirectoryAdministration,
            ["POST /api/directory/taxonomies"] = CareMeshPolicies.DirectoryAdministration,
            ["POST /api/directory/imports"] = CareMeshPolicies.DirectoryAdministration,
        });
}
