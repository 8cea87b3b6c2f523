namespace CareMesh.Web;

/// <summary><c>Workspace</c>: how the web app signs users in and out and where it finds the services.</summary>
public sealed class WorkspaceOptions
{
    public const string Section = "Workspace";

    /// <summary>The gateway, by service name: every call to a service goes through it with the user's token.</summary>
    public Uri Gateway { get; set; } = new("http://gateway");

    /// <summary>Signed out after this long without a request (NHS practice PCs are shared).</summary>
    public TimeSpan InactivityTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long before the inactivity sign-out the page warns, with a button to stay signed in.</summary>
    public TimeSpan InactivityWarning { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The access token is refreshed once it has less than this left.</summary>
    public TimeSpan RefreshBeforeExpiry { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest a sign-in lasts, however active the user is.</summary>
    public TimeSpan MaximumSession { get; set; } = TimeSpan.FromHours(10);

    /// <summary>
    /// The PCN's clinicians a referral may be escalated to (their user ids at the identity provider, as the
    /// Referrals service records them), offered on the escalation page besides the referral's named clinician.
    /// </summary>
    public ClinicianOption[] Clinicians { get; set; } = [];
}

/// <summary>A clinician escalations may go to.</summary>
public sealed class ClinicianOption
{
    public string UserId { get; set; } = "";

    public string Name { get; set; } = "";
}
