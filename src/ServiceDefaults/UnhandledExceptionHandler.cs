using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Turns what reaches the top unhandled into problem details. Malformed request bodies are the
/// caller's fault (400), a write that lost a race on a record's version is a 412; anything else is
/// ours (500) and is logged with its trace.
/// </summary>
internal sealed class UnhandledExceptionHandler(IProblemDetailsService problems, ILogger<UnhandledExceptionHandler> logger)
    : IExceptionHandler
{
    /// <summary>The reader's own words, without the path and position it appends (the field already says where).</summary>
    private static string ReadableMessage(System.Text.Json.JsonException json)
    {
        var message = json.Message;
        var at = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return at > 0 ? message[..at] : message;
    }

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            // A body that is not the JSON asked for, or text the text policy refuses: named against its field.
            BadHttpRequestException { InnerException: System.Text.Json.JsonException json } bad => new HttpValidationProblemDetails(
                new Dictionary<string, string[]> { [ProblemFields.FromJsonPath(json.Path)] = [ReadableMessage(json)] })
            {
                Status = bad.StatusCode,
                Title = "The request could not be read.",
            },
            // Someone saved the same record between this request's read and its write (its version token moved).
            Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException => new ProblemDetails
            {
                Status = StatusCodes.Status412PreconditionFailed,
                Title = "The record has changed since you read it.",
                Detail = "Read it again, apply your change to the current version and send that version in If-Match.",
            },
            BadHttpRequestException bad => new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = "The request could not be read.",
                Detail = bad.InnerException?.Message ?? bad.Message,
            },
            _ => null,
        };

        if (problem is null)
        {
            // A path that is itself a credential (a calendar link) is logged by its prefix alone.
            var path = ServiceDefaultsExtensions.CarriesSecret(httpContext.Request.Path)
                ? ServiceDefaultsExtensions.SecretBearingPaths.First(prefix => httpContext.Request.Path.StartsWithSegments(prefix)) + "/(secret)"
                : httpContext.Request.Path.ToString();
            logger.LogError(exception, "Unhandled exception for {Method} {Path}", httpContext.Request.Method, path);
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "Something went wrong on our side.",
            };
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }
}
