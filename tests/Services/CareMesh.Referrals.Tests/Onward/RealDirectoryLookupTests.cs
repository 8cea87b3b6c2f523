extern alias directory;

using System.Net.Http.Json;
using System.Text.Json;
using CareMesh.Testing;
using Microsoft.Extensions.Hosting;

namespace CareMesh.Referrals.Tests.Onward;

/// <summary>
/// The onward referral's look-up against the real Directory service (in-process, on its own database),
/// not the stub: the paths, the JSON shapes and the forwarded token as the Directory really has them.
/// </summary>
public class RealDirectoryLookupTests(RealDirectoryLookupTests.Services services) : IClassFixture<RealDirectoryLookupTests.Services>
{
    public sealed class DirectoryFactory() : ServiceFactory<directory::Program>("directorydb");

    public sealed class Services : IAsyncLifetime
    {
        public DirectoryFactory Directory { get; } = new();
        public ReferralsServiceFactory Referrals { get; } = new();

        public async Task InitializeAsync()
        {
            await Directory.InitializeAsync();
            Referrals.DirectoryHandler = Directory.Server.CreateHandler();
            await Referrals.InitializeAsync();
        }

        public async Task DisposeAsync()
        {
            await Referrals.DisposeAsync();
            await Directory.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_service_listed_in_the_directory_is_looked_up_and_kept_on_the_onward_referral()
    {
        var lead = services.Directory.CreateClientAs(CareMeshRoles.TeamLead);
        var organisation = await CreatedAsync(lead, "/api/directory/organisations",
            new { name = "Leeds Community Arts", description = "Leeds Community Arts runs singing and craft groups across the city." });
        var service = await CreatedAsync(lead, "/api/directory/services", new
        {
            organisationId = organisation, name = "Chapel Allerton Singing for Wellbeing", description = "A weekly singing group for adults.",
            email = "sing@example.org.uk", status = "active", capacity = "accepting-referrals", referralRoute = "direct-referral",
        });
        var api = new ReferralsApiCalls(services.Referrals);
        var referral = await api.AcceptedReferralAsync(ReferralsApiCalls.NhsNumber(81));

        var sent = await api.PostAsync($"/api/referrals/{referral}/onward-referrals",
            new { kind = "directory-service", serviceId = service, summary = "Ada would like to join a singing group." }, expected: System.Net.HttpStatusCode.Created);
        var unknown = await api.SendAsync(HttpMethod.Post, $"/api/referrals/{referral}/onward-referrals",
            new { kind = "directory-service", serviceId = Guid.NewGuid(), summary = "Nowhere." });

        Assert.Equal("Chapel Allerton Singing for Wellbeing", sent.GetProperty("receiverName").GetString());
        Assert.Equal("Leeds Community Arts", sent.GetProperty("organisationName").GetString());
        Assert.Equal("sing@example.org.uk", sent.GetProperty("receiverContact").GetString());
        Assert.True((int)unknown.StatusCode is >= 400 and < 500, $"an unknown service answered {(int)unknown.StatusCode}");
    }

    private static async Task<Guid> CreatedAsync(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid();
    }
}
