using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace CareMesh.Meetings.Actions;

public sealed record OwnerRequest(
    [property: Text(200), Description("The owner's CareMesh user id, when the owner is a member of the team; their \"my actions\" list shows it.")] [Display(Name = "owner's user id")] string? UserId,
    [property: Required, Text(200)] [Display(Name = "owner's name")] string? Name,
    [property: Text(200), Description("The organisation that owns it, or the owner's.")] [Display(Name = "owner's organisation")] string? Organisation);

/// <summary>The body of <c>POST /api/meetings/{id}/actions</c>.</summary>
public sealed record NewActionRequest(
    [property: Required, Text(MdtAction.MaxTextLength)] [Display(Name = "description")] string? Description,
    [property: Required] [Display(Name = "owner")] OwnerRequest? Owner,
    [property: Required, Description("yyyy-mm-dd, UK date.")] [Display(Name = "due date")] DateOnly? DueOn,
    [property: Description("The agenda item it came from; its person, if any, is the action's.")] [Display(Name = "agenda item")] Guid? AgendaItemId);

/// <summary>The body of <c>PUT /api/actions/{id}</c>.</summary>
public sealed record ActionChangeRequest(
    [property: Required, Text(MdtAction.MaxTextLength)] [Display(Name = "description")] string? Description,
    [property: Required] [Display(Name = "owner")] OwnerRequest? Owner,
    [property: Required] [Display(Name = "due date")] DateOnly? DueOn);

/// <summary>The body of <c>POST /api/actions/{id}/updates</c>: a note, a step in the action's workflow, or both.</summary>
public sealed record ActionUpdateRequest(
    [property: OneOf<ActionStep>, Description("start, complete, cancel or pause (back to open); none for a note alone.")] [Display(Name = "step")] string? Step,
    [property: Text(MdtAction.MaxTextLength)] [Display(Name = "note")] string? Note,
    [property: Text(MdtAction.MaxTextLength), Description("What came of it, when completing.")] [Display(Name = "outcome")] string? Outcome) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Step is null && Note is null)
        {
            yield return new ValidationResult("Give a step, a note or both.", [nameof(Step)]);
        }
    }
}
