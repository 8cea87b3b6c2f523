using System.Net;
using System.Text;
using CareMesh.Referrals.Onward;
using CareMesh.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CareMesh.Referrals.Tests;

/// <summary>
/// The Referrals service on its own database and broker virtual host. The Directory it looks
/// services up in answers from <see cref="DirectoryStub"/>: the Directory's own JSON for the
/// listings the tests name, so no second service has to run in the test process.
/// </summary>
public sealed class ReferralsServiceFactory() : ServiceFactory<Program>("referralsdb")
{
    public DirectoryStub Directory { get; } = new();

    /// <summary>Another Directory to look services up in (the real service, in-process), set before the factory starts.</summary>
    public HttpMessageHandler? DirectoryHandler { get; set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("services:directory:http:0", "http://127.0.0.1:9");
        builder.ConfigureTestServices(services => services.AddHttpClient<DirectoryClient>().ConfigurePrimaryHttpMessageHandler(() => DirectoryHandler ?? Directory));
    }
}

/// <summary>Answers the Directory's service and organisation look-ups with the shapes its management API returns.</summary>
public sealed class DirectoryStub : HttpMessageHandler
{
    public static readonly Guid Organisation = Guid.Parse("0193a1b2-7c00-7000-8000-0000000000b1");
    public static readonly Guid OtherOrganisation = Guid.Parse("0193a1b2-7c00-7000-8000-0000000000b2");
    public static readonly Guid SingingGroup = Guid.Parse("0193a1b2-7c00-7000-8000-0000000000a1");
    public static readonly Guid SignpostingOnly = Guid.Parse("0193a1b2-7c00-7000-8000-0000000000a2");
    public static readonly Guid Withdrawn = Guid.Parse("0193a1b2-7c00-7000-8000-0000000000a3");
    public static readonly Guid OtherOrganisationsService = Guid.Parse("0193a1b2-7c00-7000-8000-0000000000a4");

    /// <summary>Authorization headers the look-ups carried, newest last.</summary>
    public List<string?> Authorizations { get; } = [];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (Authorizations)
        {
            Authorizations.Add(request.Headers.Authorization?.ToString());
        }

        var path = request.RequestUri!.AbsolutePath;
        var json = path switch
        {
            _ when path == $"/api/directory/services/{SingingGroup}" => Service(SingingGroup, Organisation, "Chapel Allerton Singing for Wellbeing", "direct-referral"),
            _ when path == $"/api/directory/services/{SignpostingOnly}" => Service(SignpostingOnly, Organisation, "Walking football", "signposting-only"),
            _ when path == $"/api/directory/services/{Withdrawn}" => Service(Withdrawn, Organisation, "Closed café", "direct-referral", withdrawn: true),
            _ when path == $"/api/directory/services/{OtherOrganisationsService}" => Service(OtherOrganisationsService, OtherOrganisation, "Men's shed", "direct-referral"),
            _ when path == $"/api/directory/organisations/{Organisation}" => $$"""{"id":"{{Organisation}}","name":"Leeds Community Arts","description":"Arts for health"}""",
            _ when path == $"/api/directory/organisations/{OtherOrganisation}" => $$"""{"id":"{{OtherOrganisation}}","name":"Chapeltown Men's Shed","description":"Sheds"}""",
            _ => null,
        };
        return Task.FromResult(json is null
            ? new HttpResponseMessage(HttpStatusCode.NotFound)
            : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") });
    }

    private static string Service(Guid id, Guid organisation, string name, string route, bool withdrawn = false) => $$"""
        {"id":"{{id}}","organisationId":"{{organisation}}","name":"{{name}}","email":"hello@example.org.uk","status":"{{(withdrawn ? "defunct" : "active")}}",
         "isPublic":true,"isListed":{{(withdrawn ? "false" : "true")}},"capacity":"accepting-referrals","referralRoute":"{{route}}",
         "contacts":[{"id":"{{Guid.NewGuid()}}","name":"Jo","email":null,"phones":[{"id":"{{Guid.NewGuid()}}","number":"0113 496 0999"}]}],
         "withdrawnAt":{{(withdrawn ? "\"2026-01-01T00:00:00Z\"" : "null")}},"version":3}
        """;
}
