using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Microsoft.Extensions.Hosting;

/// <summary>The refusals every service gives, worded once.</summary>
public static class ServiceProblems
{
    /// <summary>404. Also the answer for another organisation's record: it must not learn that the record exists.</summary>
    public static ProblemHttpResult NotFound(string what, Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No such {what}.", detail: $"There is no {what} {id}.");

    public static ProblemHttpResult ChangedMeanwhile(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: $"The {what} has changed since you read it.",
            detail: "Read it again, apply your change to the current version and send that version in If-Match.");

    /// <summary>409: the record's state does not allow what was asked; the extensions say what it is now and what it allows.</summary>
    public static ProblemHttpResult Conflict(string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: title, detail: detail, extensions: extensions);

    public static ValidationProblem Invalid(string what, IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: $"The {what} is not valid.");

    /// <summary>A validation problem for one field.</summary>
    public static ValidationProblem Invalid(string what, string field, string message) =>
        Invalid(what, new Dictionary<string, string[]> { [field] = [message] });
}
