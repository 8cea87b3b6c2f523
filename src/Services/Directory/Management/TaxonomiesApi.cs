using System.ComponentModel.DataAnnotations;
using CareMesh.Directory.Taxonomies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CareMesh.Directory.Management;

/// <summary>The vocabularies services are categorised by, kept by the PCN's team.</summary>
public static class TaxonomiesApi
{
    public static IEndpointRouteBuilder MapTaxonomiesApi(this IEndpointRouteBuilder app)
    {
        var taxonomies = app.MapGroup("/api/directory/taxonomies").WithTags("Directory taxonomies").RequireAuthorization(CareMeshPolicies.DirectoryAdministration);
        taxonomies.MapPost("/", CreateTaxonomy).WithName(nameof(CreateTaxonomy));
        taxonomies.MapPost("/{id:guid}/terms", AddTaxonomyTerm).WithName(nameof(AddTaxonomyTerm));
        return app;
    }

    public static async Task<Created<Taxonomy>> CreateTaxonomy(
        TaxonomyRequest request, [AsParameters] ListingContext context, CancellationToken cancellationToken)
    {
        var taxonomy = new Taxonomy { Id = Guid.CreateVersion7(), Name = "", Description = "" };
        request.ApplyTo(taxonomy);
        context.Db.Taxonomies.Add(taxonomy);
        await context.Db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/oruk/taxonomies/{taxonomy.Id}", taxonomy);
    }

    public static async Task<Results<Created<TaxonomyTerm>, ValidationProblem, ProblemHttpResult>> AddTaxonomyTerm(
        Guid id, TaxonomyTermRequest request, [AsParameters] ListingContext context, CancellationToken cancellationToken)
    {
        if (!await context.Db.Taxonomies.AnyAsync(t => t.Id == id, cancellationToken))
        {
            return ListingProblems.NotFound("taxonomy", id);
        }

        var rules = new ListingRules();
        if (request.ParentId is { } parentId && !await context.Db.TaxonomyTerms.AnyAsync(t => t.Id == parentId && t.TaxonomyId == id, cancellationToken))
        {
            rules.Fault("parentId", $"There is no term {parentId} in this taxonomy.");
        }

        if (!rules.IsValid)
        {
            return ListingProblems.Invalid(rules, "taxonomy term");
        }

        var term = new TaxonomyTerm { Id = Guid.CreateVersion7(), TaxonomyId = id, Name = "", Description = "" };
        request.ApplyTo(term);
        context.Db.TaxonomyTerms.Add(term);
        await context.Db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/oruk/taxonomy_terms/{term.Id}", term);
    }
}

public sealed record TaxonomyRequest(
    [property: Required, Text(200)] [Display(Name = "name")] string? Name,
    [property: Required, Text(2000)] [Display(Name = "description")] string? Description,
    [property: WebAddress] [Display(Name = "taxonomy's URI")] string? Uri,
    [property: Text(50)] [Display(Name = "version")] string? Version)
{
    public void ApplyTo(Taxonomy taxonomy)
    {
        taxonomy.Name = Name!.Trim();
        taxonomy.Description = Description!.Trim();
        taxonomy.Uri = OrganisationRequest.Blank(Uri);
        taxonomy.Version = OrganisationRequest.Blank(Version);
    }
}

public sealed record TaxonomyTermRequest(
    [property: Required, Text(200)] [Display(Name = "name")] string? Name,
    [property: Required, Text(2000)] [Display(Name = "description")] string? Description,
    [property: Text(200)] [Display(Name = "code")] string? Code,
    [property: WebAddress] [Display(Name = "term's URI")] string? TermUri,
    Guid? ParentId)
{
    /// <summary>Copies a validated request onto the term; the caller checks the parent is in the term's taxonomy.</summary>
    public void ApplyTo(TaxonomyTerm term)
    {
        term.ParentId = ParentId;
        term.Name = Name!.Trim();
        term.Description = Description!.Trim();
        term.Code = OrganisationRequest.Blank(Code);
        term.TermUri = OrganisationRequest.Blank(TermUri);
    }
}
