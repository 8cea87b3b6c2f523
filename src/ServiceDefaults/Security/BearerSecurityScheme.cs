using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Describes the bearer token every CareMesh API takes, so the documentation page can send one, and
/// names no server: the document is read through the gateway, whose address is the one to call, not
/// the service's own.
/// </summary>
internal sealed class BearerSecurityScheme : IOpenApiDocumentTransformer
{
    public const string Name = "Bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Servers = [];
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Name] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A token from the PCN's identity provider (NHS CIS2); in Development, from ./caremesh token.",
        };
        // Each operation that needs a token says so itself (RefusalsOperationTransformer): open ones need none.
        return Task.CompletedTask;
    }
}
