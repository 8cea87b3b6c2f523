using System.Security.Cryptography;
using System.Text;
using CareMesh.Meetings.Data;
using CareMesh.Meetings.Programme;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CareMesh.Meetings.Calendar;

/// <summary>
/// Meetings in people's own calendars: each meeting as an .ics file, and each user's meetings as a
/// feed a calendar client subscribes to. A client cannot send a bearer token, so the feed is
/// reached by a secret link the user makes, renews and revokes; the link is the credential (256
/// random bits, only its hash stored, never logged or traced). Calendars leave the NHS estate: they
/// carry no patient data.
/// </summary>
public static class CalendarApi
{
    public const string FeedPrefix = "/calendar";
    private const int SecretBytes = 32;

    public static void MapMeetingCalendarApi(this RouteGroupBuilder meetings)
    {
        meetings.MapGet("/{id:guid}/calendar.ics", GetMeetingCalendar).WithName(nameof(GetMeetingCalendar))
            .WithSummary("One meeting as an iCalendar file")
            .WithDescription("For Outlook or any calendar: the meeting's time in Europe/London with its time zone, place, video link and chair; no agenda, no patient data.")
            .Produces(StatusCodes.Status200OK, contentType: "text/calendar");
        meetings.MapGet("/calendar-feed", GetFeed).WithName(nameof(GetFeed))
            .WithSummary("Whether the caller has a calendar feed")
            .WithDescription("When it was made and last read. The link itself is shown only once, when it is made.")
            .WithExamples(response: new FeedStatus(true, new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 24, 7, 0, 0, TimeSpan.Zero)));
        meetings.MapPost("/calendar-feed", RenewFeed).WithName(nameof(RenewFeed))
            .WithSummary("Make (or renew) the caller's calendar feed link")
            .WithDescription("A new secret link to subscribe to in Outlook (Add calendar > From internet). Any earlier link stops working at once. Keep it to yourself: whoever has it sees your meeting times.")
            .WithExamples(response: new FeedLink("/calendar/9Qm2...43-characters....ics", "https://caremesh.example.nhs.uk/calendar/9Qm2...43-characters....ics",
                new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero)), status: StatusCodes.Status201Created);
        meetings.MapDelete("/calendar-feed", RevokeFeed).WithName(nameof(RevokeFeed))
            .WithSummary("Revoke the caller's calendar feed link")
            .WithDescription("The link stops working at once; calendars subscribed to it stop updating.");
    }

    public static IEndpointRouteBuilder MapCalendarFeed(this IEndpointRouteBuilder app)
    {
        app.MapGet($"{FeedPrefix}/{{secret}}.ics", GetFeedCalendar).WithName(nameof(GetFeedCalendar)).WithTags("Calendar feed")
            .WithSummary("A user's meetings, as a subscribed calendar feed")
            .WithDescription("No bearer token: the secret in the link is the credential. Meetings the user chairs or is a core member of, from a month back to a year ahead, cancelled ones marked; no patient data. 404 for a link unknown or revoked.")
            .Produces(StatusCodes.Status200OK, contentType: "text/calendar")
            .AllowAnonymous();
        return app;
    }

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetMeetingCalendar(
        Guid id, [AsParameters] MeetingsContext context, CancellationToken cancellationToken)
    {
        var meeting = await context.FindMeetingAsync(id, cancellationToken, tracking: false);
        if (meeting is null)
        {
            return ServiceProblems.NotFound("meeting", id);
        }

        context.Http.Response.Headers.ContentDisposition = $"attachment; filename=\"mdt-{UkTime.ToUk(meeting.StartsAt):yyyy-MM-dd}.ics\"";
        return TypedResults.Content(IcsWriter.Write([meeting], meeting.Title, context.Options.PublicBaseUrl, context.Now), IcsWriter.ContentType);
    }

    public static async Task<Ok<FeedStatus>> GetFeed([AsParameters] MeetingsContext context, CancellationToken cancellationToken)
    {
        var feed = await context.Db.CalendarFeeds.AsNoTracking().SingleOrDefaultAsync(f => f.UserId == context.UserId, cancellationToken);
        return TypedResults.Ok(new FeedStatus(feed is not null, feed?.CreatedAt, feed?.LastReadAt));
    }

    public static async Task<Created<FeedLink>> RenewFeed([AsParameters] MeetingsContext context, CancellationToken cancellationToken)
    {
        var secret = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(SecretBytes));
        var feed = await context.Db.CalendarFeeds.SingleOrDefaultAsync(f => f.UserId == context.UserId, cancellationToken);
        if (feed is null)
        {
            feed = new CalendarFeed { UserId = context.UserId, SecretHash = "" };
            context.Db.CalendarFeeds.Add(feed);
        }

        feed.SecretHash = Hash(secret);
        feed.CreatedAt = context.Now;
        feed.LastReadAt = null;
        await context.Db.SaveChangesAsync(cancellationToken);
        var path = $"{FeedPrefix}/{secret}.ics";
        // The link is never kept: answers with it must not be stored by caches on the way.
        context.Http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Created("/api/meetings/calendar-feed",
            new FeedLink(path, context.Options.PublicBaseUrl is { } baseUrl ? baseUrl.TrimEnd('/') + path : null, feed.CreatedAt));
    }

    public static async Task<NoContent> RevokeFeed([AsParameters] MeetingsContext context, CancellationToken cancellationToken)
    {
        if (await context.Db.CalendarFeeds.SingleOrDefaultAsync(f => f.UserId == context.UserId, cancellationToken) is { } feed)
        {
            context.Db.CalendarFeeds.Remove(feed);
            await context.Db.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.NoContent();
    }

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetFeedCalendar(
        string secret, MeetingsDbContext db, TimeProvider clock, IOptions<MeetingsOptions> options, HttpContext http, CancellationToken cancellationToken)
    {
        // Shaped like a secret or not looked up at all; nothing about the secret is logged.
        var feed = secret.Length is > 20 and < 100 && secret.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? await db.CalendarFeeds.SingleOrDefaultAsync(f => f.SecretHash == Hash(secret), cancellationToken)
            : null;
        if (feed is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such calendar.",
                detail: "This calendar link is not known: it may have been revoked or renewed. Make a new one in CareMesh.");
        }

        var now = clock.GetUtcNow();
        var settings = options.Value;
        var meetings = await MeetingsApi.MembersMeetings(db, feed.UserId, now.AddDays(-settings.FeedDaysBack), now.AddDays(settings.FeedDaysAhead))
            .OrderBy(m => m.StartsAt).ToListAsync(cancellationToken);
        feed.LastReadAt = now;
        await db.SaveChangesAsync(cancellationToken);
        http.Response.Headers.CacheControl = "private, max-age=300";
        return TypedResults.Content(IcsWriter.Write(meetings, "CareMesh MDT meetings", settings.PublicBaseUrl, now), IcsWriter.ContentType);
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}

public sealed record FeedStatus(bool Subscribed, DateTimeOffset? CreatedAt, DateTimeOffset? LastReadAt);

/// <summary>The secret link, shown once: <see cref="Path"/> on the gateway, <see cref="Url"/> when the public address is configured.</summary>
public sealed record FeedLink(string Path, string? Url, DateTimeOffset CreatedAt);
