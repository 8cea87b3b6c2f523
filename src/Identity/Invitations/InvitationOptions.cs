namespace CareMesh.Identity.Invitations;

/// <summary><c>Identity:Invitations</c>: how long an invitation's link stays good.</summary>
public sealed class InvitationOptions
{
    public const string Section = "Identity:Invitations";

    public TimeSpan ValidFor { get; set; } = TimeSpan.FromDays(3);
}
