using System.Security.Claims;
using CareMesh.Contracts.Directory;
using CareMesh.Directory.Data;
using CareMesh.Directory.Listings;
using CareMesh.Directory.OpenReferral;
using CareMesh.Directory.Postcodes;
using CareMesh.Directory.Search;
using CareMesh.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;

namespace CareMesh.Directory.Management;

/// <summary>
/// What every change to a listing brings with it, whoever makes it (a person through the management
/// API or an import): a new version, its history entry, the event, the search columns and words.
/// The Stage methods add these to the context; <see cref="CommitAsync"/> saves them in one transaction.
/// </summary>
public static class ListingSaves
{
    public static void StageOrganisation(DirectoryDbContext db, Organisation organisation, string change, ClaimsPrincipal user, DateTimeOffset now)
    {
        organisation.Version++;
        organisation.LastModified = now;
        ListingHistory.Record(db, ListingTypes.Organisation, organisation.Id, organisation.Version, change, user, now, OrganisationListing.From(organisation));
    }

    public static async Task StageLocationAsync(DirectoryDbContext db, Location location, string change, ClaimsPrincipal user, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // A place given by its address alone is found at its postcode's centroid, so proximity search finds it.
        if (location.Latitude is null && location.Addresses.Select(a => a.PostalCode).FirstOrDefault(PostcodeLookup.LooksLikePostcode) is { } postcode &&
            await PostcodeLookup.FindAsync(db, postcode, cancellationToken) is { } centroid)
        {
            location.Latitude = centroid.Latitude;
            location.Longitude = centroid.Longitude;
        }

        location.Version++;
        location.LastModified = now;
        ListingHistory.Record(db, ListingTypes.Location, location.Id, location.Version, change, user, now, LocationListing.From(location));
    }

    /// <param name="termNames">The names of the service's taxonomy terms, and <paramref name="organisationName"/> its provider's: its search keywords.</param>
    public static void StageService(DirectoryDbContext db, Service service, IEnumerable<string> termNames, string organisationName, string change,
        ClaimsPrincipal user, TimeProvider clock, TimeSpan verifyEvery)
    {
        var now = clock.GetUtcNow();
        service.Version++;
        service.LastModified = now;
        service.Refresh(termNames, organisationName);
        ListingHistory.Record(db, ListingTypes.Service, service.Id, service.Version, change, user, now, ServiceListing.From(service, now, verifyEvery));
        db.AddIntegrationEvent(Changed(service, now), clock);
    }

    /// <summary>
    /// Saves what was staged in one transaction, with the search words of <paramref name="services"/>; the
    /// services at <paramref name="changedLocationIds"/> count as modified too, since the open feed's
    /// last_modified of a service covers its locations.
    /// </summary>
    public static async Task CommitAsync(DirectoryDbContext db, IReadOnlyCollection<Service> services, IReadOnlyCollection<Guid> changedLocationIds,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (changedLocationIds.Count > 0)
        {
            await db.Services.Where(s => s.ServiceAtLocations.Any(sal => changedLocationIds.Contains(sal.LocationId)))
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastModified, now), cancellationToken);
        }

        foreach (var service in services)
        {
            await SearchVocabulary.AddWordsAsync(db, service, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public static DirectoryServiceChanged Changed(Service service, DateTimeOffset now) => new(
        service.Id, service.OrganisationId, service.Name, OrukMapper.StatusName(service.Status), WireEnum.Name(service.Capacity),
        WireEnum.Name(service.ReferralRoute), service.IsListed, service.Version, now);
}
