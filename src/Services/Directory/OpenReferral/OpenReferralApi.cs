using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CareMesh.Directory.OpenReferral;

/// <summary>The open Open Referral UK 3.0 feed: no token, read only.</summary>
public static class OpenReferralApi
{
    /// <summary>A conformance checker picks the specification to test against from this value.</summary>
    public const string Version = "HSDS-UK-3.0";
    public const string Profile = "https://github.com/OpenReferralUK/uk-profile/blob/main/docs/index.md";

    public static IEndpointRouteBuilder MapOpenReferralApi(this IEndpointRouteBuilder app)
    {
        var oruk = app.MapGroup("/oruk").WithTags("Open Referral UK").AllowAnonymous().RequireCors(ServiceDefaultsExtensions.OpenFeedCorsPolicy);
        oruk.MapGet("/", GetApiDetails).WithName(nameof(GetApiDetails));
        return app;
    }

    public static Ok<ApiDetails> GetApiDetails(HttpRequest request) =>
        TypedResults.Ok(new ApiDetails(Version, Profile, $"{request.Scheme}://{request.Host}/openapi/v1.json"));
}

public sealed record ApiDetails(
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("profile")] string Profile,
    [property: JsonPropertyName("openapi_url")] string OpenApiUrl);
