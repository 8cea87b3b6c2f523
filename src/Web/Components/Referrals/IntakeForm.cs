using CareMesh.Web.Forms;

namespace CareMesh.Web.Components.Referrals;

/// <summary>
/// The intake form's fields as the body of <c>POST /api/referrals</c>. Only what a browser cannot say by itself is
/// checked here (a date typed as three parts); every rule is the service's, and its faults come back by field.
/// </summary>
public static class IntakeForm
{
    public static (object? Body, List<(string Path, string Message)> Errors) Read(FormValues form)
    {
        var errors = new List<(string, string)>();
        var (dateOfBirth, dateError) = form.Date("patient.dateOfBirth", "date of birth");
        if (dateError is not null)
        {
            errors.Add(("patient.dateOfBirth", dateError));
            return (null, errors);
        }

        var toShare = form.Text("consent.toShare") is { } answer ? answer == "true" : (bool?)null;
        var body = new
        {
            patient = new
            {
                nhsNumber = form.Text("patient.nhsNumber"),
                givenName = form.Text("patient.givenName"),
                familyName = form.Text("patient.familyName"),
                dateOfBirth,
                practiceOds = form.Text("patient.practiceOds"),
                phone = form.Text("patient.phone"),
                postcode = form.Text("patient.postcode"),
            },
            reason = form.Text("reason"),
            urgency = form.Text("urgency"),
            source = form.Text("source"),
            referrer = form.Text("referrer.name") is { } name ? new { name } : null,
            whatMatters = form.Text("whatMatters"),
            needs = form.All("needs"),
            riskFlags = form.All("riskFlags"),
            consent = toShare is null ? null : new { toShare, with = toShare == true ? form.All("consent.with") : [] },
        };
        return (body, errors);
    }
}
