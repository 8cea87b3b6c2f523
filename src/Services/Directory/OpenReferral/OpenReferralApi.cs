using CareMesh.Directory.Data;
using CareMesh.Directory.Listings;
using CareMesh.Directory.Postcodes;
using CareMesh.Directory.Search;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CareMesh.Directory.OpenReferral;

/// <summary>
/// The open Open Referral UK 3.0 feed: no token, read only, only listed services (active, public,
/// not withdrawn). Shapes and page envelope as the standard's JSON Schemas define them.
/// </summary>
public static class OpenReferralApi
{
    /// <summary>A conformance checker picks the specification to test against from this value.</summary>
    public const string Version = "HSDS-UK-3.0";
    public const string Profile = "https://github.com/OpenReferralUK/uk-profile/blob/main/docs/index.md";

    /// <summary>The feed's own OpenAPI document: its operations only, not the rest of the Directory's API.</summary>
    public const string DocumentName = "oruk";
    public const string DocumentPath = $"/oruk/openapi/{DocumentName}.json";

    /// <summary>
    /// The document a feed consumer is pointed at, and the public address it is given under: the gateway
    /// passes on the host the caller used (X-Forwarded-Host), believed here only as far as forwarded headers are.
    /// </summary>
    public static void AddOpenReferralDocument(this IHostApplicationBuilder builder)
    {
        builder.Services.AddCareMeshOpenApi(DocumentName, openApi =>
            openApi.ShouldInclude = description => description.RelativePath?.StartsWith("oruk", StringComparison.Ordinal) == true);
        builder.Services.PostConfigure<Microsoft.AspNetCore.Builder.ForwardedHeadersOptions>(forwarded =>
        {
            if (forwarded.ForwardedHeaders != Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.None)
            {
                forwarded.ForwardedHeaders |= Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedHost;
            }
        });
    }

    public static IEndpointRouteBuilder MapOpenReferralApi(this IEndpointRouteBuilder app)
    {
        // Under /oruk, so the feed's gateway route serves it; the one document this path may name is the feed's.
        app.MapOpenApi($"/oruk/openapi/{{documentName:regex(^{DocumentName}$)}}.json").AllowAnonymous().RequireCors(ServiceDefaultsExtensions.OpenFeedCorsPolicy);
        // Endpoint names are the standard's operation ids.
        var oruk = app.MapGroup("/oruk").WithTags("Open Referral UK").AllowAnonymous().RequireCors(ServiceDefaultsExtensions.OpenFeedCorsPolicy);
        oruk.MapGet("/", GetApiDetails).WithName("getAPIMetaInformation");
        oruk.MapGet("/services", ListServices).WithName("getPaginatedListOfServices");
        oruk.MapGet("/services/{id}", GetService).WithName("getFullyNestedServiceById");
        oruk.MapGet("/organizations", ListOrganizations).WithName("getPaginatedListOfOrganizations");
        oruk.MapGet("/organizations/{id}", GetOrganization).WithName("getOrganizationById");
        oruk.MapGet("/taxonomies", ListTaxonomies).WithName("getPaginatedListOfTaxonomies");
        oruk.MapGet("/taxonomies/{id}", GetTaxonomy).WithName("getTaxonomyById");
        oruk.MapGet("/taxonomy_terms", ListTaxonomyTerms).WithName("getPaginatedListOfTaxonomyTerms");
        oruk.MapGet("/taxonomy_terms/{id}", GetTaxonomyTerm).WithName("getTaxonomyTermById");
        oruk.MapGet("/service_at_locations", ListServiceAtLocations).WithName("getPaginatedListOfServiceAtLocation");
        oruk.MapGet("/service_at_locations/{id}", GetServiceAtLocation).WithName("getServiceAtLocationWithNestedDataById");
        return app;
    }

    public static JsonHttpResult<ApiDetails> GetApiDetails(HttpRequest request) =>
        Json(new ApiDetails(Version, Profile, $"{request.Scheme}://{request.Host}{request.PathBase}{DocumentPath}"));

    public static async Task<Results<JsonHttpResult<OrukPage<OrukService>>, ValidationProblem>> ListServices(
        [AsParameters] ServiceListQuery query, DirectoryDbContext db, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (PageRequest.From(query.Page, query.PerPage, errors) is not { } page)
        {
            return Invalid(errors);
        }

        var services = await query.Filter.ApplyAsync(db, cancellationToken);
        var total = query.Filter.IsEmpty ? await ListedServiceCount.ReadAsync(db, cancellationToken) : await services.CountAsync(cancellationToken);
        var ids = await PageOfIdsAsync(services, page, total, cancellationToken);
        var loaded = await LoadServicesAsync(db, ids, nested: query.Full == true, cancellationToken);
        var terms = query.Full == true ? await FeedTerms.ForAsync(db, loaded, cancellationToken) : TermLookup.Empty;
        var contents = loaded.Select(service => query.Minimal == true ? Minimal(service)
            : query.Full == true ? OrukMapper.Full(service, terms)
            : OrukMapper.Summary(service)).ToList();
        return Json(page.Of(total, contents));
    }

    public static async Task<Results<JsonHttpResult<OrukService>, ProblemHttpResult>> GetService(
        string id, DirectoryDbContext db, CancellationToken cancellationToken)
    {
        var service = Guid.TryParse(id, out var serviceId)
            ? (await LoadServicesAsync(db, [serviceId], nested: true, cancellationToken)).SingleOrDefault(s => s.IsListed)
            : null;
        return service is null
            ? NotFound("service", id)
            : Json(OrukMapper.Full(service, await FeedTerms.ForAsync(db, [service], cancellationToken)));
    }

    public static async Task<Results<JsonHttpResult<OrukPage<OrukOrganization>>, ValidationProblem>> ListOrganizations(
        [AsParameters] OrganizationListQuery query, DirectoryDbContext db, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (PageRequest.From(query.Page, query.PerPage, errors) is not { } page)
        {
            return Invalid(errors);
        }

        var organisations = db.Organisations.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            organisations = organisations.Where(o => EF.Functions.ILike(o.Name, $"%{EscapeLike(query.Search.Trim())}%"));
        }

        var total = await organisations.CountAsync(cancellationToken);
        var found = await organisations.OrderBy(o => o.Name).ThenBy(o => o.Id).Skip(page.Skip).Take(page.Size).ToListAsync(cancellationToken);
        var nested = query.Full == true || query.FullService == true;
        var services = nested ? await ListedServicesOfAsync(db, [.. found.Select(o => o.Id)], query.FullService == true, cancellationToken) : null;
        var contents = found.Select(o => OrukMapper.Organization(o) with { Services = services is null ? null : [.. services[o.Id]] }).ToList();
        return Json(page.Of(total, contents));
    }

    public static async Task<Results<JsonHttpResult<OrukOrganization>, ProblemHttpResult>> GetOrganization(
        string id, DirectoryDbContext db, CancellationToken cancellationToken)
    {
        var organisation = Guid.TryParse(id, out var organisationId)
            ? await db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == organisationId, cancellationToken)
            : null;
        if (organisation is null)
        {
            return NotFound("organization", id);
        }

        var services = await ListedServicesOfAsync(db, [organisation.Id], full: true, cancellationToken);
        return Json(OrukMapper.Organization(organisation) with { Services = [.. services[organisation.Id]] });
    }

    public static async Task<Results<JsonHttpResult<OrukPage<OrukTaxonomy>>, ValidationProblem>> ListTaxonomies(
        [AsParameters] TaxonomyListQuery query, DirectoryDbContext db, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (PageRequest.From(query.Page, query.PerPage, errors) is not { } page)
        {
            return Invalid(errors);
        }

        var taxonomies = db.Taxonomies.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            taxonomies = taxonomies.Where(t => EF.Functions.ILike(t.Name, $"%{EscapeLike(query.Search.Trim())}%"));
        }

        var total = await taxonomies.CountAsync(cancellationToken);
        var found = await taxonomies.OrderBy(t => t.Name).ThenBy(t => t.Id).Skip(page.Skip).Take(page.Size).ToListAsync(cancellationToken);
        return Json(page.Of(total, found.Select(t => OrukMapper.Taxonomy(t)).ToList()));
    }

    public static async Task<Results<JsonHttpResult<OrukTaxonomy>, ProblemHttpResult>> GetTaxonomy(
        string id, DirectoryDbContext db, CancellationToken cancellationToken)
    {
        var taxonomy = Guid.TryParse(id, out var taxonomyId)
            ? await db.Taxonomies.AsNoTracking().SingleOrDefaultAsync(t => t.Id == taxonomyId, cancellationToken)
            : null;
        if (taxonomy is null)
        {
            return NotFound("taxonomy", id);
        }

        var terms = await db.TaxonomyTerms.AsNoTracking().Where(t => t.TaxonomyId == taxonomy.Id).OrderBy(t => t.Name).ToListAsync(cancellationToken);
        return Json(OrukMapper.Taxonomy(taxonomy, [.. terms.Select(term => OrukMapper.Term(term, taxonomy.Name))]));
    }

    public static async Task<Results<JsonHttpResult<OrukPage<OrukTaxonomyTerm>>, ValidationProblem>> ListTaxonomyTerms(
        [AsParameters] TaxonomyTermListQuery query, DirectoryDbContext db, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (PageRequest.From(query.Page, query.PerPage, errors) is not { } page)
        {
            return Invalid(errors);
        }

        var terms = db.TaxonomyTerms.AsNoTracking();
        if (query.TopOnly == true)
        {
            terms = terms.Where(t => t.ParentId == null);
        }

        if (query.ParentId is { } parentId)
        {
            terms = terms.Where(t => t.ParentId == parentId);
        }

        if (query.TaxonomyId is { } taxonomyId)
        {
            terms = terms.Where(t => t.TaxonomyId == taxonomyId);
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            terms = terms.Where(t => EF.Functions.ILike(t.Name, $"%{EscapeLike(query.Search.Trim())}%"));
        }

        var total = await terms.CountAsync(cancellationToken);
        var found = await terms.OrderBy(t => t.Name).ThenBy(t => t.Id).Skip(page.Skip).Take(page.Size)
            .Select(t => new { Term = t, Taxonomy = db.Taxonomies.Where(x => x.Id == t.TaxonomyId).Select(x => x.Name).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        return Json(page.Of(total, found.Select(f => OrukMapper.Term(f.Term, f.Taxonomy)).ToList()));
    }

    public static async Task<Results<JsonHttpResult<OrukTaxonomyTerm>, ProblemHttpResult>> GetTaxonomyTerm(
        string id, DirectoryDbContext db, CancellationToken cancellationToken)
    {
        var found = Guid.TryParse(id, out var termId)
            ? await db.TaxonomyTerms.AsNoTracking().Where(t => t.Id == termId)
                .Select(t => new { Term = t, Taxonomy = db.Taxonomies.Where(x => x.Id == t.TaxonomyId).Select(x => x.Name).FirstOrDefault() })
                .SingleOrDefaultAsync(cancellationToken)
            : null;
        return found is null ? NotFound("taxonomy term", id) : Json(OrukMapper.Term(found.Term, found.Taxonomy));
    }

    public static async Task<Results<JsonHttpResult<OrukPage<OrukServiceAtLocation>>, ValidationProblem>> ListServiceAtLocations(
        [AsParameters] ServiceAtLocationListQuery query, DirectoryDbContext db, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var page = PageRequest.From(query.Page, query.PerPage, errors);
        var proximity = await query.ProximityAsync(db, errors, cancellationToken);
        if (page is null || errors.Count > 0)
        {
            return Invalid(errors);
        }

        var services = await query.Filter.ApplyAsync(db, cancellationToken);
        var listed = db.ServiceAtLocations.Where(sal => services.Any(s => s.Id == sal.ServiceId));
        List<Guid> ids;
        int total;
        if (proximity is { Point: var point })
        {
            // Nearest first; within the radius when one is given (an index search on the box around it).
            var located = listed.Select(sal => new { sal.Id, sal.Location!.Latitude, sal.Location.Longitude })
                .Where(l => l.Latitude != null && l.Longitude != null)
                .Select(l => new { l.Id, Metres = GeoSql.DistanceMetres(point.Latitude, point.Longitude, l.Latitude!.Value, l.Longitude!.Value), l.Latitude, l.Longitude });
            if (proximity.WithinMetres is { } metres)
            {
                var box = point.BoxAround(metres);
                located = located.Where(l => GeoSql.InsideBox(l.Latitude!.Value, l.Longitude!.Value, box.South, box.West, box.North, box.East) && l.Metres <= metres);
            }

            total = await located.CountAsync(cancellationToken);
            ids = await located.OrderBy(l => l.Metres).ThenBy(l => l.Id).Skip(page.Skip).Take(page.Size).Select(l => l.Id).ToListAsync(cancellationToken);
        }
        else
        {
            total = await listed.CountAsync(cancellationToken);
            ids = await listed.OrderBy(sal => sal.Id).Skip(page.Skip).Take(page.Size).Select(sal => sal.Id).ToListAsync(cancellationToken);
        }

        var contents = await LoadServiceAtLocationsAsync(db, ids, full: query.Full == true, cancellationToken);
        return Json(page.Of(total, contents));
    }

    public static async Task<Results<JsonHttpResult<OrukServiceAtLocation>, ProblemHttpResult>> GetServiceAtLocation(
        string id, DirectoryDbContext db, CancellationToken cancellationToken)
    {
        var found = Guid.TryParse(id, out var salId)
            ? (await LoadServiceAtLocationsAsync(db, [salId], full: true, cancellationToken)).SingleOrDefault()
            : null;
        return found is null ? NotFound("service at location", id) : Json(found);
    }

    /// <summary>
    /// The ids on one page in id order. A page in the back half is read backwards from the end, so no
    /// page skips more than half the list, however deep it is.
    /// </summary>
    private static async Task<List<Guid>> PageOfIdsAsync(IQueryable<Service> services, PageRequest page, int total, CancellationToken cancellationToken)
    {
        if (page.Skip >= total)
        {
            return [];
        }

        if (page.Skip <= total / 2)
        {
            return await services.OrderBy(s => s.Id).Skip(page.Skip).Take(page.Size).Select(s => s.Id).ToListAsync(cancellationToken);
        }

        var fromEnd = Math.Max(0, total - page.Skip - page.Size);
        var size = Math.Max(0, Math.Min(page.Size, total - page.Skip));
        var ids = await services.OrderByDescending(s => s.Id).Skip(fromEnd).Take(size).Select(s => s.Id).ToListAsync(cancellationToken);
        ids.Reverse();
        return ids;
    }

    /// <summary>Services by id in the given order, with their organisation and, when nested, their locations.</summary>
    private static async Task<List<Service>> LoadServicesAsync(DirectoryDbContext db, IReadOnlyCollection<Guid> ids, bool nested, CancellationToken cancellationToken)
    {
        var query = db.Services.AsNoTracking().Include(s => s.Organisation).Where(s => ids.Contains(s.Id));
        if (nested)
        {
            query = query.Include(s => s.ServiceAtLocations).ThenInclude(sal => sal.Location).AsSplitQuery();
        }

        var byId = (await query.ToListAsync(cancellationToken)).ToDictionary(s => s.Id);
        return [.. ids.Where(byId.ContainsKey).Select(id => byId[id])];
    }

    /// <summary>Listed service-at-locations by id in the given order, each with its location and service (nested when full).</summary>
    private static async Task<List<OrukServiceAtLocation>> LoadServiceAtLocationsAsync(DirectoryDbContext db, IReadOnlyCollection<Guid> ids, bool full, CancellationToken cancellationToken)
    {
        var rows = await db.ServiceAtLocations.AsNoTracking().Include(sal => sal.Location)
            .Where(sal => ids.Contains(sal.Id)).ToListAsync(cancellationToken);
        var services = (await LoadServicesAsync(db, [.. rows.Select(r => r.ServiceId).Distinct()], nested: full, cancellationToken))
            .Where(s => s.IsListed).ToDictionary(s => s.Id);
        var terms = full ? await FeedTerms.ForAsync(db, services.Values, cancellationToken) : TermLookup.Empty;
        var byId = rows.Where(r => services.ContainsKey(r.ServiceId)).ToDictionary(r => r.Id);
        return [.. ids.Where(byId.ContainsKey).Select(id => byId[id]).Select(row =>
        {
            var service = services[row.ServiceId];
            return OrukMapper.ServiceAtLocation(row, full ? OrukMapper.Full(service, terms) : OrukMapper.Summary(service));
        })];
    }

    private static async Task<ILookup<Guid, OrukService>> ListedServicesOfAsync(DirectoryDbContext db, Guid[] organisationIds, bool full, CancellationToken cancellationToken)
    {
        var ids = await db.Services.Where(Service.Listed).Where(s => organisationIds.Contains(s.OrganisationId))
            .OrderBy(s => s.Name).Select(s => s.Id).ToListAsync(cancellationToken);
        var services = await LoadServicesAsync(db, ids, nested: full, cancellationToken);
        var terms = full ? await FeedTerms.ForAsync(db, services, cancellationToken) : TermLookup.Empty;
        return services.ToLookup(s => s.OrganisationId, s => (full ? OrukMapper.Full(s, terms) : OrukMapper.Summary(s)) with { Organization = null });
    }

    /// <summary>The standard's "minimal" list item: enough to tell what changed (id and last modified), plus the fields its schema requires.</summary>
    private static OrukService Minimal(Service service) =>
        new(service.Id, null, service.Name, null, null, null, OrukMapper.StatusName(service.Status), null, null, null, null, null, null, service.LastModified);

    private static JsonHttpResult<T> Json<T>(T value) => TypedResults.Json(value, OrukJson.Options);

    private static ValidationProblem Invalid(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "The query is not valid.");

    private static ProblemHttpResult NotFound(string what, string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No such {what}.", detail: $"There is no listed {what} with id '{id}'.");

    private static string EscapeLike(string text) => text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");
}

public sealed record ApiDetails(string Version, string Profile, string OpenapiUrl);

public sealed record ServiceListQuery(
    string? Search,
    [property: FromQuery(Name = "taxonomy_term_id")] Guid? TaxonomyTermId,
    [property: FromQuery(Name = "taxonomy_id")] Guid? TaxonomyId,
    [property: FromQuery(Name = "organization_id")] Guid? OrganizationId,
    [property: FromQuery(Name = "modified_after")] DateTimeOffset? ModifiedAfter,
    bool? Minimal,
    bool? Full,
    int? Page,
    [property: FromQuery(Name = "per_page")] int? PerPage)
{
    public ServiceFilter Filter => new(Search, TaxonomyTermId, TaxonomyId, OrganizationId, ModifiedAfter);
}

public sealed record OrganizationListQuery(
    string? Search,
    bool? Full,
    [property: FromQuery(Name = "full_service")] bool? FullService,
    int? Page,
    [property: FromQuery(Name = "per_page")] int? PerPage);

public sealed record TaxonomyListQuery(string? Search, int? Page, [property: FromQuery(Name = "per_page")] int? PerPage);

public sealed record TaxonomyTermListQuery(
    string? Search,
    [property: FromQuery(Name = "top_only")] bool? TopOnly,
    [property: FromQuery(Name = "parent_id")] Guid? ParentId,
    [property: FromQuery(Name = "taxonomy_id")] Guid? TaxonomyId,
    int? Page,
    [property: FromQuery(Name = "per_page")] int? PerPage);

public sealed record ServiceAtLocationListQuery(
    string? Search,
    [property: FromQuery(Name = "taxonomy_term_id")] Guid? TaxonomyTermId,
    [property: FromQuery(Name = "taxonomy_id")] Guid? TaxonomyId,
    [property: FromQuery(Name = "organization_id")] Guid? OrganizationId,
    [property: FromQuery(Name = "modified_after")] DateTimeOffset? ModifiedAfter,
    bool? Full,
    int? Page,
    [property: FromQuery(Name = "per_page")] int? PerPage,
    string? Postcode,
    double? Proximity,
    double? Latitude,
    double? Longitude)
{
    public ServiceFilter Filter => new(Search, TaxonomyTermId, TaxonomyId, OrganizationId, ModifiedAfter);

    /// <summary>The point to measure from (a postcode's centroid, or latitude and longitude), or what is wrong with it.</summary>
    public async Task<Proximity?> ProximityAsync(DirectoryDbContext db, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        if (Proximity is <= 0 or > 200_000)
        {
            errors["proximity"] = ["proximity is a distance in metres, more than 0 and at most 200000."];
        }

        var point = await PlaceQuery.ResolveAsync(Postcode, Latitude, Longitude, db, errors, cancellationToken);
        if (point is null && Proximity is not null && !PlaceQuery.HasFault(errors))
        {
            errors["proximity"] = ["proximity needs a postcode or a latitude and longitude to measure from."];
        }

        return point is { } from ? new Proximity(from, Proximity) : null;
    }
}
