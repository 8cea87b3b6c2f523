using CareMesh.Referrals.Intake;

namespace CareMesh.Referrals.Tests.Intake;

public class NewReferralValidationTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);

    private static NewReferral Valid() => new(
        new NewReferralPatient("943 476 5919", " Ada ", "Lovelace", new DateOnly(1950, 12, 10), "y00001"),
        "Lives alone, struggling after discharge", "routine", "gp");

    [Fact]
    public void A_complete_referral_is_normalised()
    {
        var details = Valid().Validate(Today, out var errors);

        Assert.Empty(errors);
        Assert.NotNull(details);
        Assert.Equal("9434765919", details.NhsNumber);
        Assert.Equal("Ada", details.GivenName);
        Assert.Equal("Y00001", details.PracticeOds);
        Assert.Equal(Urgency.Routine, details.Urgency);
        Assert.Equal(ReferralSource.Gp, details.Source);
    }

    [Fact]
    public void Every_missing_field_is_reported_at_once()
    {
        var details = new NewReferral(new NewReferralPatient(null, null, " ", null, null), null, null, null).Validate(Today, out var errors);

        Assert.Null(details);
        Assert.Equal(
            ["patient.dateOfBirth", "patient.familyName", "patient.givenName", "patient.nhsNumber", "patient.practiceOds", "reason", "source", "urgency"],
            errors.Keys.Order());
    }

    [Fact]
    public void A_missing_patient_is_reported_with_the_other_faults()
    {
        _ = new NewReferral(null, "x", "routine", "nobody").Validate(Today, out var errors);

        Assert.Equal(["patient", "source"], errors.Keys.Order());
    }

    [Theory]
    [InlineData("9434765918")] // wrong check digit
    [InlineData("943476591")] // nine digits
    [InlineData("94347659190")] // eleven digits
    [InlineData("94347A5919")] // not all digits
    public void An_nhs_number_failing_its_check_is_rejected(string nhsNumber)
    {
        var referral = Valid() with { Patient = Valid().Patient! with { NhsNumber = nhsNumber } };

        Assert.Null(referral.Validate(Today, out var errors));
        Assert.Equal(["patient.nhsNumber"], errors.Keys);
    }

    [Fact]
    public void A_date_of_birth_in_the_future_is_rejected()
    {
        var referral = Valid() with { Patient = Valid().Patient! with { DateOfBirth = Today.AddDays(1) } };

        Assert.Null(referral.Validate(Today, out var errors));
        Assert.Equal(["patient.dateOfBirth"], errors.Keys);
    }

    [Theory]
    [InlineData("urgency", "whenever")]
    [InlineData("source", "carrier-pigeon")]
    public void Unknown_codes_are_rejected_naming_the_accepted_ones(string field, string value)
    {
        var referral = field == "urgency" ? Valid() with { Urgency = value } : Valid() with { Source = value };

        Assert.Null(referral.Validate(Today, out var errors));
        var message = Assert.Single(errors[field]);
        Assert.Contains(field == "urgency" ? "routine, urgent" : "social-care", message);
    }

    [Fact]
    public void Kebab_case_codes_are_accepted()
    {
        var details = (Valid() with { Source = "Social-Care" }).Validate(Today, out _);

        Assert.Equal(ReferralSource.SocialCare, details!.Source);
    }

    [Fact]
    public void An_over_long_reason_is_rejected()
    {
        var referral = Valid() with { Reason = new string('x', Referral.MaxReasonLength + 1) };

        Assert.Null(referral.Validate(Today, out var errors));
        Assert.Equal(["reason"], errors.Keys);
    }
}
