using System.Security.Claims;
using System.Text.Json;
using CareMesh.Directory.Data;
using CareMesh.Directory.Listings;
using CareMesh.Directory.Management;
using CareMesh.Directory.OpenReferral;
using CareMesh.Directory.Taxonomies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CareMesh.Directory.Import;

/// <summary>
/// Saves another directory's services as listings owned by their organisations, with their locations and
/// taxonomy terms, under the feed's own ids: importing the same feed again updates rather than duplicates.
/// Each service is checked by the management API's rules and saved in a transaction of its own, so one
/// that is refused (with its reasons) leaves the rest to import.
/// </summary>
public sealed class DirectoryImporter(DirectoryDbContext db, TimeProvider clock, IOptions<DirectoryOptions> options)
{
    public async Task ImportAsync(IAsyncEnumerable<FeedPage> pages, ClaimsPrincipal user, ImportReport report, CancellationToken cancellationToken)
    {
        await foreach (var page in pages.WithCancellation(cancellationToken))
        {
            report.PagesRead++;
            foreach (var item in page.Services)
            {
                report.ServicesRead++;
                await ImportAsync(item, user, report, cancellationToken);
            }
        }
    }

    private async Task ImportAsync(JsonElement item, ClaimsPrincipal user, ImportReport report, CancellationToken cancellationToken)
    {
        OrukService? service;
        try
        {
            service = item.Deserialize<OrukService>(OrukJson.Options);
        }
        catch (JsonException e)
        {
            report.Rejected.Add(new ImportRejection(Text(item, "id"), Text(item, "name"), [$"The service could not be read: {e.Message}"]));
            return;
        }

        if (service is null || service.Id == Guid.Empty)
        {
            report.Rejected.Add(new ImportRejection(Text(item, "id"), Text(item, "name"), ["id: The service has no id, so a later import could not find it again."]));
            return;
        }

        try
        {
            var reasons = await SaveAsync(service, user, report, cancellationToken);
            if (reasons.Count > 0)
            {
                report.Rejected.Add(new ImportRejection(service.Id.ToString(), service.Name, reasons));
            }
        }
        catch (DbUpdateException e)
        {
            report.Rejected.Add(new ImportRejection(service.Id.ToString(), service.Name,
                [$"The service could not be saved: it changed meanwhile or conflicts with another listing ({e.InnerException?.Message ?? e.Message})."]));
        }
        finally
        {
            // Each service starts afresh: nothing half-staged carries over, and memory stays flat on a long feed.
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Checks and saves one service with what it brings; the reasons it was refused, if it was (then nothing is saved).</summary>
    private async Task<List<string>> SaveAsync(OrukService item, ClaimsPrincipal user, ImportReport report, CancellationToken cancellationToken)
    {
        var reasons = new List<string>();
        var organisation = await OrganisationOfAsync(item, reasons, cancellationToken);
        var locations = await LocationsOfAsync(item, organisation.Id, reasons, cancellationToken);
        var terms = await TermsOfAsync(item, reasons, cancellationToken);

        var service = await db.Services.Include(s => s.ServiceAtLocations).SingleOrDefaultAsync(s => s.Id == item.Id, cancellationToken);
        if (service?.WithdrawnAt is not null)
        {
            reasons.Add("The service was withdrawn from this directory; a withdrawn listing is kept for the record and not changed.");
        }

        var rules = new ListingRules();
        var request = FeedListings.Service(item, organisation.Id, [.. terms.Select(t => t.Id)], [.. locations.Select(l => l.Id)], service, rules);
        reasons.AddRange(Reasons(rules.Check(request), prefix: null));
        if (reasons.Count > 0)
        {
            return reasons;
        }

        var now = clock.GetUtcNow();
        var saved = new ImportReport { Source = report.Source };
        var organisationName = await StageOrganisationAsync(organisation, user, now, saved, cancellationToken);
        var changedLocationIds = await StageLocationsAsync(locations, user, now, saved, cancellationToken);
        var termNames = await StageTermsAsync(terms, saved, cancellationToken);

        var created = service is null;
        if (service is null)
        {
            service = new Service { Id = item.Id, Name = "" };
            request.ApplyTo(service);
            db.Services.Add(service);
        }
        else
        {
            request.ApplyTo(service);
            service.Refresh(termNames, organisationName);
        }

        var relinked = LinkLocations(service, item, locations);
        db.ChangeTracker.DetectChanges();
        var changed = created || relinked || db.Entry(service).State == EntityState.Modified;
        if (changed)
        {
            ListingSaves.StageService(db, service, termNames, organisationName, ListingChanges.Imported, user, clock, options.Value.VerifyEvery);
        }

        if (created)
        {
            saved.ServicesCreated++;
        }
        else if (changed)
        {
            saved.ServicesUpdated++;
        }
        else
        {
            saved.ServicesUnchanged++;
        }

        await ListingSaves.CommitAsync(db, changed ? [service] : [], changedLocationIds, now, cancellationToken);
        // Counted once saved: a service whose save fails is reported as refused instead.
        report.Add(saved);
        return reasons;
    }

    private sealed record FeedOrganisation(Guid Id, OrganisationRequest? Request);

    private sealed record FeedLocation(Guid Id, Guid? ServiceAtLocationId, LocationRequest? Request);

    private sealed record FeedTerm(Guid Id, OrukTaxonomyTerm? Term, TaxonomyTermRequest? Request);

    /// <summary>The service's organisation: nested in full, or named by id when this directory already has it.</summary>
    private async Task<FeedOrganisation> OrganisationOfAsync(OrukService item, List<string> reasons, CancellationToken cancellationToken)
    {
        if (item.Organization is { } feed && feed.Id != Guid.Empty)
        {
            // A parent this directory does not have is left out rather than pointed at nothing.
            var parentId = feed.ParentOrganizationId is { } parent && parent != feed.Id &&
                           await db.Organisations.AnyAsync(o => o.Id == parent, cancellationToken) ? parent : (Guid?)null;
            var request = FeedListings.Organisation(feed, parentId);
            reasons.AddRange(Reasons(new ListingRules().Check(request), "organization"));
            return new FeedOrganisation(feed.Id, request);
        }

        if (item.OrganizationId is { } id && id != Guid.Empty && await db.Organisations.AnyAsync(o => o.Id == id, cancellationToken))
        {
            return new FeedOrganisation(id, null);
        }

        reasons.Add("organization: The feed does not give the service's organisation, and this directory does not have it.");
        return new FeedOrganisation(Guid.Empty, null);
    }

    private async Task<List<FeedLocation>> LocationsOfAsync(OrukService item, Guid organisationId, List<string> reasons, CancellationToken cancellationToken)
    {
        var locations = new List<FeedLocation>();
        foreach (var (serviceAtLocation, i) in (item.ServiceAtLocations ?? []).Select((x, i) => (x, i)).Where(x => x.x is not null))
        {
            var id = serviceAtLocation.Location?.Id is { } nested && nested != Guid.Empty ? nested : serviceAtLocation.LocationId;
            if (locations.Any(l => l.Id == id))
            {
                continue;
            }

            var owner = await db.Locations.Where(l => l.Id == id).Select(l => (Guid?)l.OrganisationId).SingleOrDefaultAsync(cancellationToken);
            var serviceAtLocationId = serviceAtLocation.Id == Guid.Empty ? (Guid?)null : serviceAtLocation.Id;
            if (serviceAtLocation.Location is { } feed && id != Guid.Empty)
            {
                // A location another organisation already owns here stays theirs.
                var request = FeedListings.Location(feed, owner ?? organisationId);
                reasons.AddRange(Reasons(new ListingRules().Check(request), $"service_at_locations[{i}].location"));
                locations.Add(new FeedLocation(id, serviceAtLocationId, request));
            }
            else if (owner is not null)
            {
                locations.Add(new FeedLocation(id, serviceAtLocationId, null));
            }
            else
            {
                reasons.Add($"service_at_locations[{i}].location: The feed does not give the location {id}, and this directory does not have it.");
            }
        }

        return locations;
    }

    /// <summary>The taxonomy terms the service's attributes categorise it by.</summary>
    private async Task<List<FeedTerm>> TermsOfAsync(OrukService item, List<string> reasons, CancellationToken cancellationToken)
    {
        var terms = new List<FeedTerm>();
        foreach (var (attribute, i) in (item.Attributes ?? []).Select((x, i) => (x, i)).Where(x => x.x is not null))
        {
            var id = attribute.TaxonomyTerm?.Id is { } nested && nested != Guid.Empty ? nested : attribute.TaxonomyTermId;
            if (terms.Any(t => t.Id == id))
            {
                continue;
            }

            if (attribute.TaxonomyTerm is { } term && id != Guid.Empty)
            {
                // Feed order need not put a broader term first: a parent this directory lacks is left out until it arrives.
                var parentId = term.ParentId is { } parent && (item.Attributes!.Any(a => a?.TaxonomyTerm?.Id == parent) ||
                                                               await db.TaxonomyTerms.AnyAsync(t => t.Id == parent, cancellationToken)) ? parent : (Guid?)null;
                var request = FeedListings.Term(term, parentId);
                reasons.AddRange(Reasons(new ListingRules().Check(request), $"attributes[{i}].taxonomy_term"));
                terms.Add(new FeedTerm(id, term, request));
            }
            else if (await db.TaxonomyTerms.AnyAsync(t => t.Id == id, cancellationToken))
            {
                terms.Add(new FeedTerm(id, null, null));
            }
            else
            {
                reasons.Add($"attributes[{i}].taxonomy_term: The feed does not give the taxonomy term {id}, and this directory does not have it.");
            }
        }

        return terms;
    }

    /// <summary>Creates or updates the organisation from the feed; its name, which the service's search keywords carry.</summary>
    private async Task<string> StageOrganisationAsync(FeedOrganisation feed, ClaimsPrincipal user, DateTimeOffset now, ImportReport report, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.SingleOrDefaultAsync(o => o.Id == feed.Id, cancellationToken);
        if (feed.Request is null)
        {
            return organisation!.Name;
        }

        if (organisation is null)
        {
            organisation = new Organisation { Id = feed.Id, Name = "", Description = "" };
            feed.Request.ApplyTo(organisation);
            db.Organisations.Add(organisation);
            ListingSaves.StageOrganisation(db, organisation, ListingChanges.Imported, user, now);
            report.OrganisationsCreated++;
        }
        else if (IsChangedBy(organisation, feed.Request.ApplyTo))
        {
            ListingSaves.StageOrganisation(db, organisation, ListingChanges.Imported, user, now);
            report.OrganisationsUpdated++;
        }

        return organisation.Name;
    }

    /// <summary>Creates or updates the locations the feed gives in full; the ids of those that changed.</summary>
    private async Task<List<Guid>> StageLocationsAsync(List<FeedLocation> locations, ClaimsPrincipal user, DateTimeOffset now, ImportReport report, CancellationToken cancellationToken)
    {
        var changed = new List<Guid>();
        foreach (var feed in locations.Where(l => l.Request is not null))
        {
            var location = await db.Locations.SingleOrDefaultAsync(l => l.Id == feed.Id, cancellationToken);
            if (location is null)
            {
                location = new Location { Id = feed.Id };
                feed.Request!.ApplyTo(location);
                db.Locations.Add(location);
                await ListingSaves.StageLocationAsync(db, location, ListingChanges.Imported, user, now, cancellationToken);
                report.LocationsCreated++;
            }
            else if (IsChangedBy(location, l => KeepCentroid(l, feed.Request!)))
            {
                await ListingSaves.StageLocationAsync(db, location, ListingChanges.Imported, user, now, cancellationToken);
                changed.Add(location.Id);
                report.LocationsUpdated++;
            }
        }

        return changed;
    }

    /// <summary>
    /// Applies the feed's location; where the feed gives no coordinates, the postcode centroid this directory
    /// added on an earlier save stands, or every re-import would see a change that is not one.
    /// </summary>
    private static void KeepCentroid(Location location, LocationRequest request)
    {
        var (latitude, longitude) = (location.Latitude, location.Longitude);
        request.ApplyTo(location);
        if (request.Latitude is null && request.Longitude is null)
        {
            (location.Latitude, location.Longitude) = (latitude, longitude);
        }
    }

    /// <summary>Creates or updates the terms (and their taxonomies) the feed gives in full; the names of all the service's terms.</summary>
    private async Task<List<string>> StageTermsAsync(List<FeedTerm> terms, ImportReport report, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        foreach (var feed in terms)
        {
            var term = await db.TaxonomyTerms.FindAsync([feed.Id], cancellationToken);
            if (feed.Request is null)
            {
                names.Add(term!.Name);
                continue;
            }

            var taxonomyId = await TaxonomyOfAsync(feed.Term!, cancellationToken);
            if (term is null)
            {
                term = new TaxonomyTerm { Id = feed.Id, Name = "", Description = "" };
                db.TaxonomyTerms.Add(term);
                report.TaxonomyTermsCreated++;
            }

            feed.Request.ApplyTo(term);
            term.TaxonomyId = taxonomyId ?? term.TaxonomyId;
            names.Add(term.Name);
        }

        return names;
    }

    /// <summary>The term's taxonomy: by the id the feed gives (created if new here), else by name, else none.</summary>
    private async Task<Guid?> TaxonomyOfAsync(OrukTaxonomyTerm term, CancellationToken cancellationToken)
    {
        var name = OrganisationRequest.Blank(term.Taxonomy);
        if (term.TaxonomyId is { } id && id != Guid.Empty)
        {
            if (await db.Taxonomies.FindAsync([id], cancellationToken) is null)
            {
                db.Taxonomies.Add(new Taxonomy { Id = id, Name = name ?? "Imported", Description = "Imported with its terms from another directory's feed." });
            }

            return id;
        }

        if (name is null)
        {
            return null;
        }

        var taxonomy = db.Taxonomies.Local.FirstOrDefault(t => t.Name == name)
                       ?? await db.Taxonomies.FirstOrDefaultAsync(t => t.Name == name, cancellationToken);
        if (taxonomy is null)
        {
            taxonomy = new Taxonomy { Id = Guid.CreateVersion7(), Name = name, Description = "Imported with its terms from another directory's feed." };
            db.Taxonomies.Add(taxonomy);
        }

        return taxonomy.Id;
    }

    /// <summary>Points the service at exactly the feed's locations, keeping the feed's ids for new links; whether any link changed.</summary>
    private bool LinkLocations(Service service, OrukService item, List<FeedLocation> locations)
    {
        var wanted = locations.Select(l => l.Id).ToHashSet();
        var gone = service.ServiceAtLocations.Where(sal => !wanted.Contains(sal.LocationId)).ToList();
        db.ServiceAtLocations.RemoveRange(gone);
        var added = locations.Where(l => service.ServiceAtLocations.All(sal => sal.LocationId != l.Id)).ToList();
        foreach (var location in added)
        {
            // Added through the set, not the collection: an entity found through a navigation with its key already set is taken to exist.
            db.ServiceAtLocations.Add(new ServiceAtLocation { Id = location.ServiceAtLocationId ?? Guid.CreateVersion7(), ServiceId = item.Id, LocationId = location.Id });
        }

        return gone.Count > 0 || added.Count > 0;
    }

    private bool IsChangedBy<T>(T listing, Action<T> apply) where T : class
    {
        apply(listing);
        db.ChangeTracker.DetectChanges();
        return db.Entry(listing).State == EntityState.Modified;
    }

    /// <summary>Each fault as "field: message", the field under <paramref name="prefix"/> where the part sits in the feed.</summary>
    private static IEnumerable<string> Reasons(ListingRules rules, string? prefix) =>
        rules.Errors.SelectMany(e => e.Value.Select(message => $"{(prefix is null ? e.Key : $"{prefix}.{e.Key}")}: {message}"));

    private static string? Text(JsonElement item, string property) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
