using System.Text.Json;

namespace CareMesh.Directory.Tests.OpenReferral;

/// <summary>
/// A small directory with every kind of listing: two listed services with every optional part at
/// locations 14 km apart, and three that the feed must not show (private, inactive, withdrawn).
/// </summary>
public sealed record FeedFixture(
    Guid TaxonomyId,
    Guid MentalHealthTermId,
    Guid CounsellingTermId,
    Guid CarersTermId,
    Guid MindId,
    Guid CarersId,
    Guid LeedsLocationId,
    Guid BradfordLocationId,
    Guid CounsellingServiceId,
    Guid CarersCafeId,
    Guid[] UnlistedServiceIds)
{
    public static async Task<FeedFixture> CreateAsync(DirectoryServiceFactory factory)
    {
        var data = new DirectoryData(factory.CreateClientAs(CareMeshRoles.TeamLead));
        var taxonomy = await data.TaxonomyAsync("Needs");
        var mentalHealth = await data.TermAsync(taxonomy, "Mental health");
        var counselling = await data.TermAsync(taxonomy, "Counselling", mentalHealth);
        var carers = await data.TermAsync(taxonomy, "Carers support");
        var mind = await data.OrganisationAsync("Leeds Mind");
        var carersOrg = await data.OrganisationAsync("Carers Leeds");
        var leeds = await data.LocationAsync(mind, "Civic Hall", DirectoryData.LeedsCivicHall);
        var bradford = await data.LocationAsync(carersOrg, "City Hall", DirectoryData.BradfordCityHall, "BD1 1HY");

        var counsellingService = DirectoryData.IdOf(await data.ServiceAsync(mind, "Community Counselling", [counselling], [leeds]));
        var cafe = DirectoryData.IdOf(await data.ServiceAsync(carersOrg, "Carers Café", [carers], [bradford], body =>
        {
            body["costOptions"] = new[] { new { option = "Per visit", amount = 3.5m, amountDescription = "Pay at the door" } };
            body["schedules"] = new[] { new { freq = "MONTHLY", byDay = "1SA", opensAt = "10:00:00", closesAt = "12:00:00" } };
        }));
        var hidden = DirectoryData.IdOf(await data.ServiceAsync(mind, "Staff-only counselling line", [counselling], [leeds], body => body["isPublic"] = false));
        var inactive = DirectoryData.IdOf(await data.ServiceAsync(mind, "Paused counselling group", [counselling], [leeds], body => body["status"] = "inactive"));
        var withdrawn = DirectoryData.IdOf(await data.ServiceAsync(carersOrg, "Old carers group", [carers], [bradford]));
        await data.PostAsync($"/api/directory/services/{withdrawn}/withdraw", new { reason = "Funding ended" });

        return new FeedFixture(taxonomy, mentalHealth, counselling, carers, mind, carersOrg, leeds, bradford, counsellingService, cafe, [hidden, inactive, withdrawn]);
    }

    public static Guid[] Ids(JsonElement page) =>
        [.. page.GetProperty("contents").EnumerateArray().Select(item => item.GetProperty("id").GetGuid())];
}
