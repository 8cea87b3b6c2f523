using System.Security.Claims;
using CareMesh.Directory.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CareMesh.Directory.Management;

/// <summary>What every management endpoint works with. Services, not input: the request validation leaves it alone.</summary>
[Microsoft.Extensions.Validation.SkipValidation]
public sealed record ListingContext(DirectoryDbContext Db, TimeProvider Clock, ClaimsPrincipal User, IOptions<DirectoryOptions> Options, HttpContext Http)
{
    public DateTimeOffset Now => Clock.GetUtcNow();

    /// <summary>
    /// False when the caller sent <c>If-Match</c> with a version other than the listing's: someone
    /// else changed it since they read it. No <c>If-Match</c> means "whatever the version".
    /// </summary>
    public bool IfMatches(int version)
    {
        var ifMatch = Http.Request.Headers.IfMatch.ToString();
        return string.IsNullOrEmpty(ifMatch) || ifMatch == "*" ||
               ifMatch.Split(',', StringSplitOptions.TrimEntries).Any(tag => tag.TrimStart('W', '/').Trim('"') == version.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The version a reply describes, so the caller can send it back in <c>If-Match</c>.</summary>
    public void TagVersion(int version) => Http.Response.Headers.ETag = $"\"{version}\"";
}

public sealed class DirectoryOptions
{
    /// <summary><c>Directory:VerifyEvery</c>: how long a listing stays fresh after someone confirmed it correct.</summary>
    public TimeSpan VerifyEvery { get; set; } = TimeSpan.FromDays(183);
}

public static class ListingProblems
{
    public static ProblemHttpResult NotFound(string what, Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No such {what}.", detail: $"There is no {what} {id}.");

    public static ProblemHttpResult NotYours(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not your organisation's listing.",
            detail: $"A VCS partner manages only its own organisation's listings; this {what} belongs to another organisation.");

    public static ProblemHttpResult ChangedMeanwhile(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: $"The {what} has changed since you read it.",
            detail: "Read it again, apply your change to the current version and send that version in If-Match.");

    public static ProblemHttpResult Withdrawn() =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The service has been withdrawn.",
            detail: "A withdrawn service is kept for the record and cannot be changed; list the service again as a new listing.");

    public static ValidationProblem Invalid(ListingRules rules, string what) =>
        TypedResults.ValidationProblem(rules.Errors, title: $"The {what} is not valid.");
}
