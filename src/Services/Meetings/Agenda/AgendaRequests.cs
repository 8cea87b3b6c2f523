using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace CareMesh.Meetings.Agenda;

/// <summary>The body of <c>POST /api/meetings/{id}/agenda</c>.</summary>
public sealed record NewAgendaItemRequest(
    [property: Required, OneOf<AgendaItemKind>] [Display(Name = "kind")] string? Kind,
    [property: Text(AgendaItem.MaxTitleLength), Description("Required for a general item; a person's item is titled by its reason when not given.")] [Display(Name = "title")] string? Title,
    [property: NhsNumber, Description("A person's item only: the NHS number, in the body (never in a URL).")] [Display(Name = "NHS number")] string? NhsNumber,
    [property: Text(AgendaItem.MaxTextLength)] [Display(Name = "reason")] string? Reason,
    [property: Text(200), Description("Who asked for the discussion; the caller when not given.")] [Display(Name = "who asked")] string? AskedBy,
    [property: Text(AgendaItem.MaxTextLength), Description("What the team is asked to decide.")] [Display(Name = "question")] string? Question,
    [property: Required, Range(1, AgendaItem.MaxMinutes)] [Display(Name = "minutes allotted")] int? MinutesAllotted) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var person = WireEnum.TryParse<AgendaItemKind>(Kind, out var kind) && kind == AgendaItemKind.Person;
        if (person)
        {
            if (NhsNumber is null)
            {
                yield return new ValidationResult("The NHS number is required for a person.", [nameof(NhsNumber)]);
            }

            if (Reason is null)
            {
                yield return new ValidationResult("The reason is required for a person.", [nameof(Reason)]);
            }

            if (Question is null)
            {
                yield return new ValidationResult("The question for the team is required for a person.", [nameof(Question)]);
            }
        }
        else
        {
            if (Title is null)
            {
                yield return new ValidationResult("The title is required for a general item.", [nameof(Title)]);
            }

            if (NhsNumber is not null)
            {
                yield return new ValidationResult("A general item names no person: add the person as an item of their own.", [nameof(NhsNumber)]);
            }
        }
    }
}

/// <summary>The body of <c>PUT /api/meetings/{id}/agenda/{itemId}</c>: what may change on an item (its person and kind may not).</summary>
public sealed record AgendaItemChangeRequest(
    [property: Required, Text(AgendaItem.MaxTitleLength)] [Display(Name = "title")] string? Title,
    [property: Text(AgendaItem.MaxTextLength)] [Display(Name = "reason")] string? Reason,
    [property: Text(200)] [Display(Name = "who asked")] string? AskedBy,
    [property: Text(AgendaItem.MaxTextLength)] [Display(Name = "question")] string? Question,
    [property: Required, Range(1, AgendaItem.MaxMinutes)] [Display(Name = "minutes allotted")] int? MinutesAllotted);

/// <summary>The body of <c>POST /api/meetings/{id}/agenda/order</c>: every active item, in the order wanted.</summary>
public sealed record AgendaOrderRequest(
    [property: Required, Items(200)] [Display(Name = "item ids")] IReadOnlyList<Guid>? ItemIds);

/// <summary>The body of <c>POST /api/meetings/{id}/agenda/from-proposal</c>: a coordinator confirms a proposal onto this meeting.</summary>
public sealed record ConfirmProposalRequest(
    [property: Required] [Display(Name = "proposal id")] Guid? ProposalId,
    [property: Text(AgendaItem.MaxTextLength), Description("What the team is asked to decide; the proposal's reason when not given.")] [Display(Name = "question")] string? Question,
    [property: Text(200)] [Display(Name = "who asked")] string? AskedBy,
    [property: Range(1, AgendaItem.MaxMinutes), Description("Default 10.")] [Display(Name = "minutes allotted")] int? MinutesAllotted);

public sealed record DismissProposalRequest([property: Required, Text(500)] [Display(Name = "reason")] string? Reason);
