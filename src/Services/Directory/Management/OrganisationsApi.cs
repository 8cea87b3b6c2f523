using CareMesh.Directory.Data;
using CareMesh.Directory.Listings;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CareMesh.Directory.Management;

/// <summary>Organisations that provide services: added by the PCN's team, kept up to date by themselves.</summary>
public static class OrganisationsApi
{
    private const string Listing = ListingTypes.Organisation;

    public static IEndpointRouteBuilder MapOrganisationsApi(this IEndpointRouteBuilder app)
    {
        var organisations = app.MapGroup("/api/directory/organisations").WithTags("Directory organisations").RequireAuthorization(CareMeshPolicies.Directory);
        organisations.MapPost("/", CreateOrganisation).WithName(nameof(CreateOrganisation)).RequireAuthorization(CareMeshPolicies.DirectoryAdministration);
        organisations.MapGet("/{id:guid}", GetOrganisation).WithName(nameof(GetOrganisation));
        organisations.MapPut("/{id:guid}", UpdateOrganisation).WithName(nameof(UpdateOrganisation)).Refuses(StatusCodes.Status412PreconditionFailed).RequireAuthorization(CareMeshPolicies.ListingManagers);
        organisations.MapGet("/{id:guid}/verification-due", ListVerificationDue).WithName(nameof(ListVerificationDue)).RequireAuthorization(CareMeshPolicies.ListingManagers);
        return app;
    }

    /// <summary>Only the PCN's team adds organisations: a partner's token names the organisation it already has.</summary>
    public static async Task<Results<Created<OrganisationListing>, ValidationProblem>> CreateOrganisation(
        OrganisationRequest request, [AsParameters] ListingContext context, CancellationToken cancellationToken)
    {
        var rules = await ValidateAsync(request, context, cancellationToken);
        if (!rules.IsValid)
        {
            return ListingProblems.Invalid(rules, Listing);
        }

        var organisation = new Organisation { Id = Guid.CreateVersion7(), Name = "", Description = "" };
        request.ApplyTo(organisation);
        context.Db.Organisations.Add(organisation);
        await SaveAsync(context, organisation, ListingChanges.Created, cancellationToken);
        return TypedResults.Created($"/api/directory/organisations/{organisation.Id}", OrganisationListing.From(organisation));
    }

    public static async Task<Results<Ok<OrganisationListing>, ProblemHttpResult>> GetOrganisation(
        Guid id, [AsParameters] ListingContext context, CancellationToken cancellationToken)
    {
        var organisation = await context.Db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organisation is null)
        {
            return ListingProblems.NotFound(Listing, id);
        }

        context.TagVersion(organisation.Version);
        return TypedResults.Ok(OrganisationListing.From(organisation));
    }

    public static async Task<Results<Ok<OrganisationListing>, ValidationProblem, ProblemHttpResult>> UpdateOrganisation(
        Guid id, OrganisationRequest request, [AsParameters] ListingContext context, CancellationToken cancellationToken)
    {
        var organisation = await context.Db.Organisations.SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organisation is null)
        {
            return ListingProblems.NotFound(Listing, id);
        }

        // Where an organisation sits in the directory's tree is the PCN's to say: a partner keeps its parent as it is.
        if (!ListingPermissions.CanManage(context.User, id) ||
            (request.ParentOrganisationId != organisation.ParentOrganisationId && !ListingPermissions.ManagesEverything(context.User)))
        {
            return ListingProblems.NotYours(Listing);
        }

        if (!context.IfMatches(organisation.Version))
        {
            return ListingProblems.ChangedMeanwhile(Listing);
        }

        var rules = await ValidateAsync(request, context, cancellationToken);
        if (request.ParentOrganisationId is { } parentId && await IsWithinAsync(context.Db, parentId, id, cancellationToken))
        {
            rules.Fault("parentOrganisationId", "An organisation cannot sit beneath itself or one of its own member organisations.");
        }

        if (!rules.IsValid)
        {
            return ListingProblems.Invalid(rules, Listing);
        }

        request.ApplyTo(organisation);
        await SaveAsync(context, organisation, ListingChanges.Updated, cancellationToken);
        return TypedResults.Ok(OrganisationListing.From(organisation));
    }

    /// <summary>The organisation's services that nobody has confirmed as correct within the freshness period, stalest first.</summary>
    public static async Task<Results<Ok<List<VerificationDue>>, ProblemHttpResult>> ListVerificationDue(
        Guid id, [AsParameters] ListingContext context, CancellationToken cancellationToken)
    {
        if (!await context.Db.Organisations.AnyAsync(o => o.Id == id, cancellationToken))
        {
            return ListingProblems.NotFound(Listing, id);
        }

        if (!ListingPermissions.CanManage(context.User, id))
        {
            return ListingProblems.NotYours(Listing);
        }

        var staleBefore = context.Now - context.Options.Value.VerifyEvery;
        var due = await context.Db.Services.AsNoTracking()
            .Where(s => s.OrganisationId == id && s.WithdrawnAt == null && (s.VerifiedAt == null || s.VerifiedAt <= staleBefore))
            .OrderBy(s => s.VerifiedAt).ThenBy(s => s.Name)
            .Select(s => new VerificationDue(s.Id, s.Name, s.VerifiedAt, s.VerifiedBy, s.LastModified))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(due);
    }

    private static async Task<ListingRules> ValidateAsync(OrganisationRequest request, ListingContext context, CancellationToken cancellationToken)
    {
        var rules = new ListingRules();
        if (request.ParentOrganisationId is { } parentId && !await context.Db.Organisations.AnyAsync(o => o.Id == parentId, cancellationToken))
        {
            rules.Fault("parentOrganisationId", $"There is no organisation {parentId}.");
        }

        return rules;
    }

    /// <summary>Whether <paramref name="candidate"/> is <paramref name="ancestor"/> or sits beneath it, following parents up the tree.</summary>
    private static async Task<bool> IsWithinAsync(DirectoryDbContext db, Guid candidate, Guid ancestor, CancellationToken cancellationToken)
    {
        var seen = new HashSet<Guid>();
        for (Guid? current = candidate; current is { } at && seen.Add(at);
             current = await db.Organisations.Where(o => o.Id == at).Select(o => o.ParentOrganisationId).SingleOrDefaultAsync(cancellationToken))
        {
            if (at == ancestor)
            {
                return true;
            }
        }

        return false;
    }

    private static async Task SaveAsync(ListingContext context, Organisation organisation, string change, CancellationToken cancellationToken)
    {
        ListingSaves.StageOrganisation(context.Db, organisation, change, context.User, context.Now);
        await context.Db.SaveChangesAsync(cancellationToken);
        context.TagVersion(organisation.Version);
    }
}
