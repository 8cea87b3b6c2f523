using CareMesh.Directory.Listings;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CareMesh.Directory.Management;

/// <summary>Places where services are delivered, kept by the organisation that owns them.</summary>
public static class LocationsApi
{
    private const string Listing = ListingTypes.Location;

    public static IEndpointRouteBuilder MapLocationsApi(this IEndpointRouteBuilder app)
    {
        var locations = app.MapGroup("/api/directory/locations").WithTags("Directory locations").RequireAuthorization(CareMeshPolicies.Directory);
        locations.MapPost("/", CreateLocation).WithName(nameof(CreateLocation)).RequireAuthorization(CareMeshPolicies.ListingManagers);
        locations.MapGet("/{id:guid}", GetLocation).WithName(nameof(GetLocation));
        locations.MapPut("/{id:guid}", UpdateLocation).WithName(nameof(UpdateLocation)).Refuses(StatusCodes.Status412PreconditionFailed).RequireAuthorization(CareMeshPolicies.ListingManagers);
        return app;
    }

    public static async Task<Results<Created<LocationListing>, ValidationProblem, ProblemHttpResult>> CreateLocation(
        LocationRequest request, [AsParameters] ListingContext context, CancellationToken cancellationToken)
    {
        if (request.OrganisationId is { } organisationId && !ListingPermissions.CanManage(context.User, organisationId))
        {
            return ListingProblems.NotYours(Listing);
        }

        var rules = await ValidateAsync(request, context, cancellationToken);
        if (!rules.IsValid)
        {
            return ListingProblems.Invalid(rules, Listing);
        }

        var location = new Location { Id = Guid.CreateVersion7() };
        request.ApplyTo(location);
        context.Db.Locations.Add(location);
        await SaveAsync(context, location, ListingChanges.Created, cancellationToken);
        return TypedResults.Created($"/api/directory/locations/{location.Id}", LocationListing.From(location));
    }

    public static async Task<Results<Ok<LocationListing>, ProblemHttpResult>> GetLocation(
        Guid id, [AsParameters] ListingContext context, CancellationToken cancellationToken)
    {
        var location = await context.Db.Locations.AsNoTracking().SingleOrDefaultAsync(l => l.Id == id, cancellationToken);
        if (location is null)
        {
            return ListingProblems.NotFound(Listing, id);
        }

        context.TagVersion(location.Version);
        return TypedResults.Ok(LocationListing.From(location));
    }

    public static async Task<Results<Ok<LocationListing>, ValidationProblem, ProblemHttpResult>> UpdateLocation(
        Guid id, LocationRequest request, [AsParameters] ListingContext context, CancellationToken cancellationToken)
    {
        var location = await context.Db.Locations.SingleOrDefaultAsync(l => l.Id == id, cancellationToken);
        if (location is null)
        {
            return ListingProblems.NotFound(Listing, id);
        }

        if (!ListingPermissions.CanManage(context.User, location.OrganisationId) ||
            (request.OrganisationId is { } organisationId && !ListingPermissions.CanManage(context.User, organisationId)))
        {
            return ListingProblems.NotYours(Listing);
        }

        if (!context.IfMatches(location.Version))
        {
            return ListingProblems.ChangedMeanwhile(Listing);
        }

        var rules = await ValidateAsync(request, context, cancellationToken);
        if (!rules.IsValid)
        {
            return ListingProblems.Invalid(rules, Listing);
        }

        request.ApplyTo(location);
        await SaveAsync(context, location, ListingChanges.Updated, cancellationToken);
        return TypedResults.Ok(LocationListing.From(location));
    }

    private static async Task<ListingRules> ValidateAsync(LocationRequest request, ListingContext context, CancellationToken cancellationToken)
    {
        var rules = new ListingRules();
        if (request.OrganisationId is { } organisationId && organisationId != Guid.Empty &&
            !await context.Db.Organisations.AnyAsync(o => o.Id == organisationId, cancellationToken))
        {
            rules.Fault("organisationId", $"There is no organisation {organisationId}.");
        }

        return rules;
    }

    private static async Task SaveAsync(ListingContext context, Location location, string change, CancellationToken cancellationToken)
    {
        await ListingSaves.StageLocationAsync(context.Db, location, change, context.User, context.Now, cancellationToken);
        await ListingSaves.CommitAsync(context.Db, [], [location.Id], context.Now, cancellationToken);
        context.TagVersion(location.Version);
    }
}
