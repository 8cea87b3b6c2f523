using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using CareMesh.Referrals.Intake;
using Microsoft.Extensions.Options;

namespace CareMesh.Referrals.Workflow;

/// <summary>
/// A step of the workflow that carries no more than a reason: accept, start, hold (reason and until
/// when), resume, decline (a reason from the configured list), complete (the outcome), cancel and
/// enter in error (why). Triage, allocation and merging have their own endpoints: they carry more.
/// </summary>
public sealed record TransitionRequest(
    [property: Required, OneOf<ReferralAction>] [Display(Name = "action")] string? Action,
    [property: Text(Referral.MaxTextLength), Description("Why: required to hold, cancel or enter in error; optional otherwise.")] [Display(Name = "reason")] string? Reason = null,
    [property: Text(100), Description("To decline: one of the configured reasons (Referrals:DeclineReasons).")] [Display(Name = "decline reason")] string? DeclineReason = null,
    [property: Description("To hold: the UK date the hold ends, if known.")] [Display(Name = "on hold until")] DateOnly? Until = null,
    [property: Text(Referral.MaxTextLength), Description("To complete: what the support achieved.")] [Display(Name = "outcome")] string? Outcome = null,
    [property: Text(Referral.MaxTextLength), Description("What happens next, told to the referrer with the decision.")] [Display(Name = "next steps")] string? NextSteps = null) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Action is null || !WireEnum.TryParse<ReferralAction>(Action, out var action))
        {
            yield break;
        }

        if (action is ReferralAction.Triage or ReferralAction.Allocate or ReferralAction.Merge)
        {
            yield return new ValidationResult($"To {Action}, use the referral's {Action} endpoint: it carries more than a reason.", [nameof(Action)]);
        }

        if (action is ReferralAction.Hold or ReferralAction.Cancel or ReferralAction.EnterInError && Reason is null)
        {
            yield return new ValidationResult($"The reason is required to {Action}.", [nameof(Reason)]);
        }

        if (action == ReferralAction.Complete && Outcome is null)
        {
            yield return new ValidationResult("The outcome is required to complete a referral.", [nameof(Outcome)]);
        }

        if (action == ReferralAction.Decline)
        {
            var reasons = (validationContext.GetService(typeof(IOptions<ReferralsOptions>)) as IOptions<ReferralsOptions>)?.Value.DeclineReasons
                          ?? new ReferralsOptions().DeclineReasons;
            if (DeclineReason is null || !reasons.Contains(DeclineReason, StringComparer.Ordinal))
            {
                yield return new ValidationResult($"The decline reason must be one of: {string.Join(", ", reasons)}.", [nameof(DeclineReason)]);
            }
        }

        var clock = validationContext.GetService(typeof(TimeProvider)) as TimeProvider ?? TimeProvider.System;
        if (Until is { } until && until <= UkTime.Today(clock))
        {
            yield return new ValidationResult("The on hold until date must be after today.", [nameof(Until)]);
        }
    }
}

/// <summary>A team lead folds <paramref name="DuplicateId"/> into the referral named in the path: both kept, the duplicate entered in error.</summary>
public sealed record MergeRequest(
    [property: Required] [Display(Name = "duplicate referral")] Guid? DuplicateId,
    [property: Required, Text(Referral.MaxTextLength)] [Display(Name = "reason")] string? Reason);

/// <summary>The body of a search: the NHS number travels here, never in a URL.</summary>
public sealed record ReferralSearch(
    [property: Required, NhsNumber, Description("The person's NHS number: 10 digits.")] [Display(Name = "NHS number")] string? NhsNumber,
    [property: Description("Only open referrals.")] bool? OpenOnly = null);
