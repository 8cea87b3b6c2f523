using System.Net.Http.Json;
using System.Text.Json;

namespace CareMesh.Directory.Tests;

/// <summary>Builds listings through the management API, as a team lead or partner would.</summary>
public sealed class DirectoryData(HttpClient client)
{
    public static readonly (double Latitude, double Longitude) LeedsCivicHall = (53.8014, -1.5494);
    public static readonly (double Latitude, double Longitude) BradfordCityHall = (53.7925, -1.7527);

    public async Task<Guid> TaxonomyAsync(string name) =>
        IdOf(await PostAsync("/api/directory/taxonomies", new { name, description = $"{name} used by the PCN", uri = "https://example.org/taxonomy", version = "1" }));

    public async Task<Guid> TermAsync(Guid taxonomyId, string name, Guid? parentId = null) =>
        IdOf(await PostAsync($"/api/directory/taxonomies/{taxonomyId}/terms",
            new { name, description = $"Services for {name.ToLowerInvariant()}", code = name.ToUpperInvariant().Replace(' ', '-'), termUri = "https://example.org/terms/" + Uri.EscapeDataString(name), parentId }));

    public async Task<Guid> OrganisationAsync(string name, Guid? parentId = null) =>
        IdOf(await PostAsync("/api/directory/organisations", new
        {
            name,
            description = $"{name} is a charity that supports people in Leeds.",
            email = "hello@example.org",
            website = "https://example.org",
            logo = "https://example.org/logo.png",
            uri = "https://example.org/about",
            parentOrganisationId = parentId,
            identifiers = new[] { new { identifierType = "Charity number", identifier = "1012345", identifierScheme = "GB-CHC" } },
        }));

    public async Task<Guid> LocationAsync(Guid organisationId, string name, (double Latitude, double Longitude) at, string postcode = "LS1 1UR") =>
        IdOf(await PostAsync("/api/directory/locations", LocationBody(organisationId, name, at, postcode)));

    public static object LocationBody(Guid organisationId, string name, (double Latitude, double Longitude) at, string postcode = "LS1 1UR") => new
    {
        organisationId,
        locationType = "physical",
        name,
        description = $"{name}, ground floor",
        latitude = at.Latitude,
        longitude = at.Longitude,
        externalIdentifier = "72505656",
        externalIdentifierType = "UPRN",
        addresses = new[] { new { address1 = "1 Park Square", city = "Leeds", region = "Yorkshire", stateProvince = "West Yorkshire", postalCode = postcode, country = "GB", addressType = "physical", attention = "Reception" } },
        accessibility = new[] { new { description = "Step-free access", details = "Ramp at the side entrance", url = "https://example.org/access" } },
    };

    /// <summary>A service with every optional part filled in; <paramref name="change"/> adjusts the body.</summary>
    public async Task<JsonElement> ServiceAsync(Guid organisationId, string name, Guid[] termIds, Guid[] locationIds, Action<Dictionary<string, object?>>? change = null)
    {
        var body = ServiceBody(organisationId, name, termIds, locationIds);
        change?.Invoke(body);
        return await PostAsync("/api/directory/services", body);
    }

    public static Dictionary<string, object?> ServiceBody(Guid organisationId, string name, Guid[] termIds, Guid[] locationIds) => new()
    {
        ["organisationId"] = organisationId,
        ["name"] = name,
        ["description"] = $"{name}: free, confidential support from trained volunteers.",
        ["url"] = "https://example.org/service",
        ["email"] = "service@example.org",
        ["status"] = "active",
        ["accreditations"] = "BACP",
        ["minimumAge"] = 18,
        ["maximumAge"] = 99,
        ["eligibilityDescription"] = "Adults registered with a Leeds GP",
        ["assuredDate"] = "2026-01-15",
        ["assurerEmail"] = "assurer@example.org",
        ["alert"] = "Closed on bank holidays",
        ["capacity"] = "accepting-referrals",
        ["referralRoute"] = "direct-referral",
        ["taxonomyTermIds"] = termIds,
        ["locationIds"] = locationIds,
        ["contacts"] = new[] { new { name = "Sam Jones", title = "Volunteer coordinator", email = "sam@example.org", phones = new[] { new { number = "0113 496 0000", description = "Office" } } } },
        ["schedules"] = new[] { new { freq = "WEEKLY", interval = 1, byDay = "MO,TU", opensAt = "09:00:00", closesAt = "17:00:00", validFrom = "2026-01-01", validTo = "2027-12-31", description = "Mondays and Tuesdays", attendingType = "In person", notes = "Drop in" } },
        ["costOptions"] = new[] { new { option = "All sessions", amount = 0m, amountDescription = "Free", validFrom = "2026-01-01", validTo = "2027-12-31" } },
        ["serviceAreas"] = new[] { new { name = "Leeds", description = "Anyone living in Leeds", extent = "E08000035", extentType = "ONS code", uri = "https://example.org/leeds" } },
        ["languages"] = new[] { new { name = "English", code = "en" }, new { name = "Punjabi", code = "pa" } },
        ["funding"] = new[] { new { source = "Leeds City Council" } },
    };

    public async Task<JsonElement> PostAsync(string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body);
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static Guid IdOf(JsonElement listing) => listing.GetProperty("id").GetGuid();
}
