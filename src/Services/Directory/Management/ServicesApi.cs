using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using CareMesh.Contracts.Directory;
using CareMesh.Directory.Data;
using CareMesh.Directory.Listings;
using CareMesh.Messaging.Outbox;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CareMesh.Directory.Management;

/// <summary>Services in the directory: listed, changed, re-verified and withdrawn by those who manage them.</summary>
public static class ServicesApi
{
    private const string Listing = ListingTypes.Service;

    public static IEndpointRouteBuilder MapServicesApi(this IEndpointRouteBuilder app)
    {
        var services = app.MapGroup("/api/directory/services").WithTags("Directory services").RequireAuthorization(CareMeshPolicies.Directory);
        services.MapPost("/", CreateService).WithName(nameof(CreateService)).RequireAuthorization(CareMeshPolicies.ListingManagers);
        services.MapGet("/{id:guid}", GetService).WithName(nameof(GetService));
        services.MapPut("/{id:guid}", UpdateService).WithName(nameof(UpdateService)).Refuses(StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed).RequireAuthorization(CareMeshPolicies.ListingManagers);
        services.MapPost("/{id:guid}/verify", VerifyService).WithName(nameof(VerifyService)).Refuses(StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed).RequireAuthorization(CareMeshPolicies.ListingManagers);
        services.MapPost("/{id:guid}/withdraw", WithdrawService).WithName(nameof(WithdrawService)).Refuses(StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed).RequireAuthorization(CareMeshPolicies.ListingManagers);
        services.MapGet("/{id:guid}/history", GetServiceHistory).WithName(nameof(GetServiceHistory));
        return app;
    }

    public static async Task<Results<Created<ServiceListing>, ValidationProblem, ProblemHttpResult>> CreateService(
        ServiceRequest request, [AsParameters] ListingContext context, CancellationToken cancellationToken)
    {
        var check = await CheckAsync(request, context, cancellationToken);
        if (check.NotYours is { } notYours)
        {
            return notYours;
        }

        if (check.Invalid is { } invalid)
        {
            return invalid;
        }

        var references = check.References!;
        var service = new Service { Id = Guid.CreateVersion7(), Name = "" };
        request.ApplyTo(service);
        service.ServiceAtLocations.AddRange(request.LocationIds?.Distinct().Select(id => new ServiceAtLocation { Id = Guid.CreateVersion7(), ServiceId = service.Id, LocationId = id }) ?? []);
        // Whoever lists a service vouches for it as it stands.
        service.MarkVerified(ListingHistory.Who(context.User), context.Now);
        context.Db.Services.Add(service);
        await SaveAsync(context, service, references, ListingChanges.Created, cancellationToken);
        return TypedResults.Created($"/api/directory/services/{service.Id}", ServiceListing.From(service, context.Now, context.Options.Value.VerifyEvery));
    }

    public static async Task<Results<Ok<ServiceListing>, ProblemHttpResult>> GetService(
        Guid id, [AsParameters] ListingContext context, CancellationToken cancellationToken)
    {
        var service = await context.Db.Services.AsNoTracking().Include(s => s.ServiceAtLocations).SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (service is null || !ListingPermissions.CanSee(context.User, service.OrganisationId, service.IsListed))
        {
            return ListingProblems.NotFound(Listing, id);
        }

        context.TagVersion(service.Version);
        return TypedResults.Ok(ServiceListing.From(service, context.Now, context.Options.Value.VerifyEvery));
    }

    public static async Task<Results<Ok<ServiceListing>, ValidationProblem, ProblemHttpResult>> UpdateService(
        Guid id, ServiceRequest request, [AsParameters] ListingContext context, CancellationToken cancellationToken)
    {
        var service = await context.Db.Services.Include(s => s.ServiceAtLocations).SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (Refusal(service, id, context) is { } refused)
        {
            return refused;
        }

        var check = await CheckAsync(request, context, cancellationToken);
        if (check.NotYours is { } notYours)
        {
            return notYours;
        }

        if (check.Invalid is { } invalid)
        {
            return invalid;
        }

        var references = check.References!;
        request.ApplyTo(service!);
        var locationIds = request.LocationIds?.ToHashSet() ?? [];
        service!.ServiceAtLocations.RemoveAll(sal => !locationIds.Contains(sal.LocationId));
        // Added through the set, not only the tracked collection: a new row whose key is already set
        // would otherwise be taken for an existing one and updated, which fails.
        var added = locationIds.Except(service.ServiceAtLocations.Select(sal => sal.LocationId))
            .Select(locationId => new ServiceAtLocation { Id = Guid.CreateVersion7(), ServiceId = service.Id, LocationId = locationId }).ToList();
        context.Db.ServiceAtLocations.AddRange(added);
        service.ServiceAtLocations.AddRange(added);
        await SaveAsync(context, service, references, ListingChanges.Updated, cancellationToken);
        return TypedResults.Ok(ServiceListing.From(service, context.Now, context.Options.Value.VerifyEvery));
    }

    /// <summary>"Still correct": the organisation confirms the listing as it stands, resetting its freshness.</summary>
    public static async Task<Results<Ok<ServiceListing>, ProblemHttpResult>> VerifyService(
        Guid id, [AsParameters] ListingContext context, CancellationToken cancellationToken)
    {
        var service = await context.Db.Services.Include(s => s.ServiceAtLocations).SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (Refusal(service, id, context) is { } refused)
        {
            return refused;
        }

        service!.MarkVerified(ListingHistory.Who(context.User), context.Now);
        service.Version++;
        ListingHistory.Record(context.Db, Listing, service.Id, service.Version, ListingChanges.Verified, context.User, context.Now,
            ServiceListing.From(service, context.Now, context.Options.Value.VerifyEvery));
        context.Db.AddIntegrationEvent(ListingSaves.Changed(service, context.Now), context.Clock);
        await context.Db.SaveChangesAsync(cancellationToken);
        context.TagVersion(service.Version);
        return TypedResults.Ok(ServiceListing.From(service, context.Now, context.Options.Value.VerifyEvery));
    }

    public static async Task<Results<Ok<ServiceListing>, ProblemHttpResult>> WithdrawService(
        Guid id, WithdrawalRequest request, [AsParameters] ListingContext context, CancellationToken cancellationToken)
    {
        var service = await context.Db.Services.Include(s => s.ServiceAtLocations).SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (Refusal(service, id, context) is { } refused)
        {
            return refused;
        }

        var reason = request.Reason!;
        service!.Withdraw(reason, context.Now);
        service.Version++;
        service.LastModified = context.Now;
        ListingHistory.Record(context.Db, Listing, service.Id, service.Version, ListingChanges.Withdrawn, context.User, context.Now,
            ServiceListing.From(service, context.Now, context.Options.Value.VerifyEvery));
        context.Db.AddIntegrationEvent(new DirectoryServiceWithdrawn(service.Id, service.OrganisationId, service.Name, reason, context.Now), context.Clock);
        await context.Db.SaveChangesAsync(cancellationToken);
        context.TagVersion(service.Version);
        return TypedResults.Ok(ServiceListing.From(service, context.Now, context.Options.Value.VerifyEvery));
    }

    public static async Task<Results<Ok<List<ListingVersion>>, ProblemHttpResult>> GetServiceHistory(
        Guid id, [AsParameters] ListingContext context, CancellationToken cancellationToken)
    {
        var service = await context.Db.Services.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (service is null || !ListingPermissions.CanSee(context.User, service.OrganisationId, service.IsListed))
        {
            return ListingProblems.NotFound(Listing, id);
        }

        var versions = await context.Db.ListingChanges.AsNoTracking()
            .Where(c => c.ListingType == Listing && c.ListingId == id).OrderByDescending(c => c.Version)
            .Select(c => new ListingVersion(c.Version, c.Change, c.ChangedBy, c.ChangedByRole, c.ChangedByOrganisation, c.ChangedAt))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(versions);
    }

    /// <summary>Why the caller may not change this service now, if they may not.</summary>
    private static ProblemHttpResult? Refusal(Service? service, Guid id, ListingContext context) =>
        service is null ? ListingProblems.NotFound(Listing, id)
        : !ListingPermissions.CanManage(context.User, service.OrganisationId)
            ? ListingPermissions.CanSee(context.User, service.OrganisationId, service.IsListed) ? ListingProblems.NotYours(Listing) : ListingProblems.NotFound(Listing, id)
        : service.WithdrawnAt is not null ? ListingProblems.Withdrawn()
        : !context.IfMatches(service.Version) ? ListingProblems.ChangedMeanwhile(Listing)
        : null;

    /// <summary>Saves a created or changed service with its new version, its history entry, its event and its search words, in one transaction.</summary>
    private static async Task SaveAsync(ListingContext context, Service service, References references, string change, CancellationToken cancellationToken)
    {
        ListingSaves.StageService(context.Db, service, service.TaxonomyTermIds.Select(references.TermName), references.OrganisationName, change,
            context.User, context.Clock, context.Options.Value.VerifyEvery);
        await ListingSaves.CommitAsync(context.Db, [service], [], context.Now, cancellationToken);
        context.TagVersion(service.Version);
    }

    /// <summary>
    /// What creating and changing a service both check first: that the caller may list under the
    /// organisation named, and that the request is valid and points at records that exist.
    /// </summary>
    private static async Task<RequestCheck> CheckAsync(ServiceRequest request, ListingContext context, CancellationToken cancellationToken)
    {
        if (request.OrganisationId is { } organisationId && !ListingPermissions.CanManage(context.User, organisationId))
        {
            return new RequestCheck(null, ListingProblems.NotYours(Listing), null);
        }

        var rules = new ListingRules();
        var references = await References.CheckAsync(context.Db, request, context.User, rules, cancellationToken);
        return rules.IsValid ? new RequestCheck(references, null, null) : new RequestCheck(null, null, ListingProblems.Invalid(rules, Listing));
    }

    private sealed record RequestCheck(References? References, ProblemHttpResult? NotYours, ValidationProblem? Invalid);

    /// <summary>The records a service request points at, checked to exist, with the names its search columns need.</summary>
    private sealed record References(string OrganisationName, IReadOnlyDictionary<Guid, string> TermNames)
    {
        public string TermName(Guid id) => TermNames.GetValueOrDefault(id, "");

        public static async Task<References> CheckAsync(DirectoryDbContext db, ServiceRequest request, ClaimsPrincipal user, ListingRules rules, CancellationToken cancellationToken)
        {
            var organisationName = request.OrganisationId is { } organisationId
                ? await db.Organisations.Where(o => o.Id == organisationId).Select(o => o.Name).SingleOrDefaultAsync(cancellationToken)
                : null;
            if (request.OrganisationId is not null && request.OrganisationId != Guid.Empty && organisationName is null)
            {
                rules.Fault("organisationId", $"There is no organisation {request.OrganisationId}.");
            }

            var termIds = request.TaxonomyTermIds?.Distinct().ToArray() ?? [];
            var terms = await db.TaxonomyTerms.Where(t => termIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
            foreach (var missing in termIds.Where(id => !terms.ContainsKey(id)))
            {
                rules.Fault("taxonomyTermIds", $"There is no taxonomy term {missing}.");
            }

            // A partner lists its services only at its own organisation's places; another's is refused
            // as if it did not exist, so ids reveal nothing. The PCN's team may use any place.
            var locationIds = request.LocationIds?.Distinct().ToArray() ?? [];
            var usable = ListingPermissions.ManagesEverything(user) ? db.Locations : db.Locations.Where(l => l.OrganisationId == request.OrganisationId);
            var locations = await usable.Where(l => locationIds.Contains(l.Id)).Select(l => l.Id).ToListAsync(cancellationToken);
            foreach (var missing in locationIds.Except(locations))
            {
                rules.Fault("locationIds", $"There is no location {missing}.");
            }

            return new References(organisationName ?? "", terms);
        }
    }
}

public sealed record WithdrawalRequest(
    [property: Required, Text(1000)] [Display(Name = "reason for withdrawing the service")] string? Reason);
