using CareMesh.Web.Components.Nhs;
using CareMesh.Web.Gateway;

namespace CareMesh.Web.Components.Directory;

/// <summary>A service with what its page shows beside it: who provides it and where it is.</summary>
public sealed record ServiceInFull(ServiceListingView Service, OrganisationView? Organisation, IReadOnlyList<LocationView> Locations);

/// <summary>Reads the directory pages share: the need categories to search by, and one service in full.</summary>
public static class DirectoryReads
{
    /// <summary>
    /// Every need category, for a search's choice: from the open feed (the management API has no list of terms), narrower
    /// ones under their broader one ("Mental health: counselling"). One page of the feed holds them all (at most 1000).
    /// </summary>
    public static async Task<IReadOnlyList<Choice>> NeedChoicesAsync(GatewayClient gateway)
    {
        var terms = (await gateway.GetAsync<OrukPageView<TermView>>("/oruk/taxonomy_terms?per_page=1000")).Value?.Contents ?? [];
        var byId = terms.ToDictionary(t => t.Id);
        string Text(TermView term) =>
            term.ParentId is { } parent && byId.TryGetValue(parent, out var broader) ? $"{Text(broader)}: {term.Name}" : term.Name;
        return [.. terms.Select(t => new Choice(t.Id.ToString(), Text(t))).OrderBy(c => c.Text, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>The service, its organisation and its locations; or the problem the Directory answered with for the service.</summary>
    public static async Task<Answer<ServiceInFull>> ServiceAsync(GatewayClient gateway, Guid id)
    {
        var service = await gateway.GetAsync<ServiceListingView>($"/api/directory/services/{id}");
        if (!service.Ok)
        {
            return Answer<ServiceInFull>.Failed(service.Problem!);
        }

        // One after another: the calls share this request's HttpContext (the user's token), which is not thread-safe.
        var organisation = await gateway.GetAsync<OrganisationView>($"/api/directory/organisations/{service.Value!.OrganisationId}");
        var locations = new List<LocationView>();
        foreach (var locationId in service.Value.LocationIds)
        {
            if ((await gateway.GetAsync<LocationView>($"/api/directory/locations/{locationId}")).Value is { } location)
            {
                locations.Add(location);
            }
        }

        return Answer<ServiceInFull>.Succeeded(new ServiceInFull(service.Value, organisation.Value, locations));
    }
}
