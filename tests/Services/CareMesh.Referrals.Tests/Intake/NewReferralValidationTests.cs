using CareMesh.Referrals.Intake;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace CareMesh.Referrals.Tests.Intake;

public class NewReferralValidationTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
    private static readonly DateOnly Today = new(2026, 11, 22);

    private static NewReferral Valid() => new(
        new NewReferralPatient("943 476 5919", "Ada", "Lovelace", new DateOnly(1950, 12, 10), "y00001"),
        "Lives alone, struggling after discharge", "routine", "gp");

    private static Dictionary<string, string[]> Errors(NewReferral referral) => RequestValidation.Errors(referral, Clock);

    [Fact]
    public void A_complete_referral_passes_and_is_normalised()
    {
        Assert.Empty(Errors(Valid()));

        var details = Valid().ToDetails();
        Assert.Equal("9434765919", details.NhsNumber);
        Assert.Equal("Y00001", details.PracticeOds);
        Assert.Equal(Urgency.Routine, details.Urgency);
        Assert.Equal(ReferralSource.Gp, details.Source);
    }

    [Fact]
    public void Every_missing_field_is_reported_at_once()
    {
        var errors = Errors(new NewReferral(new NewReferralPatient(null, null, "", null, null), null, null, null));

        Assert.Equal(
            ["patient.dateOfBirth", "patient.familyName", "patient.givenName", "patient.nhsNumber", "patient.practiceOds", "reason", "source", "urgency"],
            errors.Keys.Order());
    }

    [Fact]
    public void A_missing_patient_is_reported_with_the_other_faults()
    {
        var errors = Errors(new NewReferral(null, "x", "routine", "nobody"));

        Assert.Equal(["patient", "source"], errors.Keys.Order());
    }

    [Theory]
    [InlineData("9434765918")] // wrong check digit
    [InlineData("943476591")] // nine digits
    [InlineData("94347659190")] // eleven digits
    [InlineData("94347A5919")] // not all digits
    public void An_nhs_number_failing_its_check_is_rejected(string nhsNumber)
    {
        var errors = Errors(Valid() with { Patient = Valid().Patient! with { NhsNumber = nhsNumber } });

        Assert.Equal(["patient.nhsNumber"], errors.Keys);
    }

    [Fact]
    public void A_date_of_birth_in_the_future_is_rejected()
    {
        var errors = Errors(Valid() with { Patient = Valid().Patient! with { DateOfBirth = Today.AddDays(1) } });

        Assert.Equal(["patient.dateOfBirth"], errors.Keys);
    }

    [Theory]
    [InlineData("urgency", "whenever")]
    [InlineData("source", "carrier-pigeon")]
    public void Unknown_codes_are_rejected_naming_the_accepted_ones(string field, string value)
    {
        var errors = Errors(field == "urgency" ? Valid() with { Urgency = value } : Valid() with { Source = value });

        var message = Assert.Single(errors[field]);
        Assert.Contains(field == "urgency" ? "routine, urgent" : "social-care", message);
    }

    [Fact]
    public void Kebab_case_codes_are_accepted()
    {
        var referral = Valid() with { Source = "Social-Care" };

        Assert.Empty(Errors(referral));
        Assert.Equal(ReferralSource.SocialCare, referral.ToDetails().Source);
    }

    [Fact]
    public void An_over_long_reason_is_rejected()
    {
        var errors = Errors(Valid() with { Reason = new string('x', Referral.MaxReasonLength + 1) });

        Assert.Equal(["reason"], errors.Keys);
    }
}
