using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace CareMesh.Referrals.Onward;

/// <summary>
/// The Directory, looked up over HTTP by service name (<c>http://directory</c>) while the
/// coordinator waits: a service and its organisation as they are now, so an onward referral keeps
/// them as they were when it was sent. Calls carry the caller's own token, so the Directory applies
/// its own rules to what the caller may see.
/// </summary>
public sealed class DirectoryClient(HttpClient http, IHttpContextAccessor accessor)
{
    public async Task<DirectoryListing?> FindServiceAsync(Guid serviceId, CancellationToken cancellationToken)
    {
        var service = await GetAsync<DirectoryService>($"/api/directory/services/{serviceId}", cancellationToken);
        if (service is null)
        {
            return null;
        }

        var organisation = await GetAsync<DirectoryOrganisation>($"/api/directory/organisations/{service.OrganisationId}", cancellationToken);
        var contact = service.Email ?? service.Contacts?.Select(c => c.Email ?? c.Phones?.FirstOrDefault()?.Number).FirstOrDefault(c => c is not null);
        return new DirectoryListing(service.Id, service.OrganisationId, service.Name, organisation?.Name, contact,
            service.IsListed && service.WithdrawnAt is null, service.ReferralRoute == "direct-referral", service.Capacity);
    }

    private async Task<T?> GetAsync<T>(string path, CancellationToken cancellationToken) where T : class
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accessor.HttpContext?.Request.Headers.Authorization.ToString() is { Length: > 0 } authorization)
        {
            request.Headers.Authorization = AuthenticationHeaderValue.Parse(authorization);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<T>(cancellationToken);
    }

    private sealed record DirectoryService(Guid Id, Guid OrganisationId, string Name, string? Email, bool IsListed, string ReferralRoute, string Capacity,
        DateTimeOffset? WithdrawnAt, List<DirectoryContact>? Contacts);

    private sealed record DirectoryContact(string? Email, List<DirectoryPhone>? Phones);

    private sealed record DirectoryPhone(string Number);

    private sealed record DirectoryOrganisation(Guid Id, string Name);
}

/// <param name="IsListed">Active, public and not withdrawn.</param>
/// <param name="TakesDirectReferrals">Not a signposting-only listing.</param>
public sealed record DirectoryListing(Guid ServiceId, Guid OrganisationId, string Name, string? OrganisationName, string? Contact, bool IsListed,
    bool TakesDirectReferrals, string Capacity);
