using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// A write a client may retry carries an <c>Idempotency-Key</c> header. The first request with a
/// key runs, and its answer (if it succeeded) is kept in the service's own <c>idempotent_requests</c>
/// table, in the same transaction as the change it made; a retry with the same key gets that answer
/// again and changes nothing. A request that failed keeps nothing, so its retry runs afresh. The
/// same key with a different request (another body or endpoint) is refused with 422.
/// </summary>
public static class Idempotency
{
    public const string HeaderName = "Idempotency-Key";
    public const int MaxKeyLength = 200;

    /// <summary>How long kept answers stay before the hourly clean-up removes them.</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromHours(24);

    /// <summary>Lets every endpoint of <paramref name="builder"/> that changes something take an <c>Idempotency-Key</c>.</summary>
    public static TBuilder WithIdempotency<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint =>
        {
            var methods = endpoint.Metadata.OfType<HttpMethodMetadata>().SelectMany(m => m.HttpMethods);
            if (methods.Any(m => m is "POST" or "PUT" or "PATCH" or "DELETE"))
            {
                endpoint.FilterFactories.Add((_, next) => context => RunOnceAsync(context, next));
            }
        });
        return builder;
    }

    /// <summary>Adds <c>idempotent_requests</c> to a service's own database.</summary>
    public static ModelBuilder AddIdempotencyTable(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<IdempotentRequest>(request =>
        {
            request.ToTable("idempotent_requests");
            request.HasKey(r => new { r.UserId, r.Key });
            request.Property(r => r.UserId).HasMaxLength(200);
            request.Property(r => r.Key).HasMaxLength(MaxKeyLength);
            request.Property(r => r.Endpoint).HasMaxLength(300);
            request.Property(r => r.RequestHash).HasMaxLength(64);
            request.Property(r => r.ContentType).HasMaxLength(100);
            request.Property(r => r.Location).HasMaxLength(500);
            request.Property(r => r.ETag).HasMaxLength(100);
            request.HasIndex(r => r.CreatedAt);
        });
        return modelBuilder;
    }

    private static async ValueTask<object?> RunOnceAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!http.Request.Headers.TryGetValue(HeaderName, out var values))
        {
            return await next(context);
        }

        var key = values.ToString();
        if (values.Count != 1 || key.Length is 0 or > MaxKeyLength || key.Any(c => c is < '!' or > '~'))
        {
            return ServiceProblems.Invalid("request", HeaderName,
                $"The {HeaderName} header must be one value of 1 to {MaxKeyLength} visible ASCII characters, such as a UUID.");
        }

        var db = http.RequestServices.GetRequiredService<ServiceDatabase>().Context;
        var clock = http.RequestServices.GetRequiredService<TimeProvider>();
        var userId = http.User.UserId() ?? "anonymous";
        var endpoint = $"{http.Request.Method} {http.Request.Path}";
        var requestHash = await HashBodyAsync(http.Request);

        await using var transaction = await db.Database.BeginTransactionAsync(http.RequestAborted);
        // Taken first: a concurrent retry with the same key waits on this row, then finds the answer.
        var first = await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO idempotent_requests (user_id, key, endpoint, request_hash, created_at)
            VALUES ({userId}, {key}, {endpoint}, {requestHash}, {clock.GetUtcNow()})
            ON CONFLICT DO NOTHING
            """, http.RequestAborted) == 1;
        if (!first)
        {
            var kept = await db.Set<IdempotentRequest>().AsNoTracking().SingleAsync(r => r.UserId == userId && r.Key == key, http.RequestAborted);
            await transaction.RollbackAsync(http.RequestAborted);
            return kept.Endpoint != endpoint || kept.RequestHash != requestHash
                ? TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "The Idempotency-Key was used for another request.",
                    detail: $"This key was first sent with a different request ({kept.Endpoint}). Use a new key for a new request.")
                : new KeptAnswer(kept);
        }

        var result = await next(context);
        if (result is not IResult answer)
        {
            await transaction.RollbackAsync(http.RequestAborted);
            return result;
        }

        // Run the answer into a buffer, so what the caller gets and what a retry gets are the same bytes.
        var body = http.Response.Body;
        await using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await answer.ExecuteAsync(http);
        }
        finally
        {
            http.Response.Body = body;
        }

        if (http.Response.StatusCode is >= 200 and < 300)
        {
            var bytes = buffer.ToArray();
            await db.Database.ExecuteSqlAsync(
                $"""
                UPDATE idempotent_requests
                SET status_code = {http.Response.StatusCode}, content_type = {http.Response.ContentType},
                    location = {(string?)http.Response.Headers.Location}, e_tag = {(string?)http.Response.Headers.ETag}, body = {bytes}
                WHERE user_id = {userId} AND key = {key}
                """, http.RequestAborted);
            await transaction.CommitAsync(http.RequestAborted);
        }
        else
        {
            await transaction.RollbackAsync(http.RequestAborted);
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(body, http.RequestAborted);
        return Results.Empty;
    }

    private static async Task<string> HashBodyAsync(HttpRequest request)
    {
        if (!request.Body.CanSeek)
        {
            return "";
        }

        request.Body.Position = 0;
        var hash = await SHA256.HashDataAsync(request.Body, request.HttpContext.RequestAborted);
        request.Body.Position = 0;
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>Keeps the request body readable twice (binding, then the hash) when the request has a key.</summary>
    internal static Task BufferKeyedBodies(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Headers.ContainsKey(HeaderName))
        {
            context.Request.EnableBuffering();
        }

        return next(context);
    }

    private sealed class KeptAnswer(IdempotentRequest kept) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = kept.StatusCode ?? StatusCodes.Status200OK;
            response.ContentType = kept.ContentType;
            if (kept.Location is not null)
            {
                response.Headers.Location = kept.Location;
            }

            if (kept.ETag is not null)
            {
                response.Headers.ETag = kept.ETag;
            }

            response.Headers["Idempotent-Replayed"] = "true";
            if (kept.Body is { Length: > 0 } body)
            {
                await response.Body.WriteAsync(body, httpContext.RequestAborted);
            }
        }
    }
}

/// <summary>A request made with an <c>Idempotency-Key</c>, and the answer it got.</summary>
public sealed class IdempotentRequest
{
    public required string UserId { get; init; }
    public required string Key { get; init; }
    public required string Endpoint { get; init; }
    public required string RequestHash { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public int? StatusCode { get; init; }
    public string? ContentType { get; init; }
    public string? Location { get; init; }
    public string? ETag { get; init; }
    public byte[]? Body { get; init; }
}

/// <summary>The service's own DbContext, for the pieces every service shares (idempotency, audit look-ups).</summary>
public sealed record ServiceDatabase(DbContext Context);
