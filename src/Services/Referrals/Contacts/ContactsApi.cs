using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using CareMesh.Referrals.Intake;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CareMesh.Referrals.Contacts;

/// <summary>
/// Contacts with the person. Failed attempts are counted: the configured rule (by default three
/// within 14 days) flags the referral for a decision; reaching the person clears the flag. The
/// first time the person is reached is kept for reporting (time from referral to first contact).
/// </summary>
public static class ContactsApi
{
    public static void MapContactsApi(this RouteGroupBuilder referrals)
    {
        referrals.MapPost("/{id:guid}/contacts", RecordContact).WithName(nameof(RecordContact))
            .WithSummary("Record a contact, or an attempt at one")
            .WithDescription("When, how, how long, the outcome (reached, no-answer, left-message, wrong-number, person-declined) and notes; optionally when the next contact is due. Failed attempts reaching the configured rule flag the referral for a decision. Open referrals only. Accepts Idempotency-Key.")
            .WithExamples(new NewContact(new DateTimeOffset(2026, 3, 3, 10, 0, 0, TimeSpan.Zero), "phone", 20, "reached", "Talked about the choir; wants to try next week", new DateOnly(2026, 3, 10)),
                ContactExamples.Contact, StatusCodes.Status201Created)
            .ProducesValidationProblem();
        referrals.MapGet("/{id:guid}/contacts", GetContacts).WithName(nameof(GetContacts))
            .WithSummary("A referral's contacts, newest first")
            .WithDescription("Audited as a read of the person's record.")
            .WithExamples(response: new[] { ContactExamples.Contact });
    }

    public static async Task<Results<Created<ContactResponse>, ValidationProblem, ProblemHttpResult>> RecordContact(
        Guid id, NewContact request, [AsParameters] ReferralsContext context, CancellationToken cancellationToken)
    {
        var referral = await context.FindAsync(id, cancellationToken);
        if (referral is null)
        {
            return ServiceProblems.NotFound("referral", id);
        }

        if (!referral.IsOpen)
        {
            return ServiceProblems.Conflict($"The referral is {WireEnum.Name(referral.Status)}.", "Contacts are recorded on open referrals.");
        }

        var contact = new Contact
        {
            Id = Guid.CreateVersion7(),
            ReferralId = id,
            At = request.At!.Value,
            Method = WireEnum.Parse<ContactMethod>(request.Method!),
            DurationMinutes = request.DurationMinutes,
            Outcome = WireEnum.Parse<ContactOutcome>(request.Outcome!),
            Notes = request.Notes,
            ByUserId = context.UserId,
            ByName = context.UserName,
            RecordedAt = context.Now,
        };
        context.Db.Contacts.Add(contact);
        if (contact.Outcome == ContactOutcome.Reached)
        {
            referral.FirstContactAt = referral.FirstContactAt is { } first && first < contact.At ? first : contact.At;
            referral.DecisionNeededAt = null;
        }
        else if (contact.Failed && referral.DecisionNeededAt is null && await FailedAttemptsAsync(context, referral, contact) >= context.Options.FailedContactLimit)
        {
            referral.DecisionNeededAt = context.Now;
        }

        referral.LastContactAt = referral.LastContactAt is { } last && last > contact.At ? last : contact.At;
        referral.NextContactDue = request.NextContactDue ?? referral.NextContactDue;
        referral.Version++;
        context.Audit("contact.create", "referral", referral.Id, referral.NhsNumber);
        await context.Db.SaveChangesAsync(cancellationToken);
        context.Http.Response.TagVersion(referral.Version);
        return TypedResults.Created($"/api/referrals/{id}/contacts", ContactResponse.From(contact));
    }

    /// <summary>Failed attempts in the configured window before this one, since the person was last reached, and this one.</summary>
    private static async Task<int> FailedAttemptsAsync(ReferralsContext context, Referral referral, Contact attempt)
    {
        var since = attempt.At - context.Options.FailedContactWindow;
        var lastReached = referral.FirstContactAt is null ? (DateTimeOffset?)null
            : await context.Db.Contacts.Where(c => c.ReferralId == referral.Id && c.Outcome == ContactOutcome.Reached).MaxAsync(c => (DateTimeOffset?)c.At);
        if (lastReached > since)
        {
            since = lastReached.Value;
        }

        var earlier = await context.Db.Contacts.CountAsync(c => c.ReferralId == referral.Id && c.At > since && c.At <= attempt.At
            && (c.Outcome == ContactOutcome.NoAnswer || c.Outcome == ContactOutcome.LeftMessage || c.Outcome == ContactOutcome.WrongNumber));
        return earlier + 1;
    }

    public static async Task<Results<Ok<List<ContactResponse>>, ProblemHttpResult>> GetContacts(
        Guid id, [AsParameters] ReferralsContext context, CancellationToken cancellationToken)
    {
        var referral = await context.FindAsync(id, cancellationToken, tracking: false);
        if (referral is null)
        {
            return ServiceProblems.NotFound("referral", id);
        }

        var contacts = await context.Db.Contacts.AsNoTracking().Where(c => c.ReferralId == id).OrderByDescending(c => c.At).ToListAsync(cancellationToken);
        context.Audit("contact.read", "referral", id, referral.NhsNumber);
        await context.Db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(contacts.Select(ContactResponse.From).ToList());
    }
}

public sealed record NewContact(
    [property: Required, NotInFuture, Description("When it happened (UTC); not in the future.")] [Display(Name = "time of the contact")] DateTimeOffset? At,
    [property: Required, OneOf<ContactMethod>] [Display(Name = "method")] string? Method,
    [property: Range(0, 600)] [Display(Name = "duration in minutes")] int? DurationMinutes,
    [property: Required, OneOf<ContactOutcome>] [Display(Name = "outcome")] string? Outcome,
    [property: Text(Contact.MaxNotesLength)] [Display(Name = "notes")] string? Notes = null,
    [property: Description("The UK date the next contact is due.")] [Display(Name = "next contact due")] DateOnly? NextContactDue = null);

public sealed record ContactResponse(Guid Id, DateTimeOffset At, ContactMethod Method, int? DurationMinutes, ContactOutcome Outcome, string? Notes, string ByUserId, string ByName)
{
    public static ContactResponse From(Contact c) => new(c.Id, c.At, c.Method, c.DurationMinutes, c.Outcome, c.Notes, c.ByUserId, c.ByName);
}

internal static class ContactExamples
{
    public static readonly ContactResponse Contact = new(Guid.Parse("0193a1b2-7c00-7000-8000-000000000020"), new DateTimeOffset(2026, 3, 3, 10, 0, 0, TimeSpan.Zero),
        ContactMethod.Phone, 20, ContactOutcome.Reached, "Talked about the choir; wants to try next week", "user-link-worker", "Sam Jones");
}
