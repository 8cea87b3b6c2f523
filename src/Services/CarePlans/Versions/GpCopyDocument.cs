using System.Globalization;
using CareMesh.CarePlans.Actions;
using CareMesh.CarePlans.Plans;
using CareMesh.Documents;

namespace CareMesh.CarePlans.Versions;

/// <summary>Who a rendered copy is for.</summary>
public enum CopyAudience
{
    /// <summary>The GP record: the narrative only when the person chose to share the full plan.</summary>
    Gp,

    /// <summary>The person (and, with their consent, their carer): the whole plan.</summary>
    Person,
}

/// <summary>
/// An agreed version as a document for the person, their carer and the GP record: the practice, the
/// person's details, what matters, goals, actions, who to contact, the review date and the SNOMED CT
/// codes of the recorded activity. Under "codes only" the GP's copy leaves every narrative part out.
/// </summary>
public static class GpCopyDocument
{
    private static readonly CultureInfo UkCulture = CultureInfo.GetCultureInfo("en-GB");

    public static Document From(PlanVersionDocument version, CopyAudience audience)
    {
        var agreement = version.Agreement ?? throw new ArgumentException("Only an agreed version has a copy.", nameof(version));
        var narrative = audience == CopyAudience.Person || version.Sections.GpSharingPreference == GpSharing.FullPlan;
        var person = version.Person;
        var blocks = new List<Block>
        {
            new Heading("About this plan"),
            new SummaryList(
            [
                new SummaryRow("Name", $"{person.GivenName} {person.FamilyName}"),
                new SummaryRow("NHS number", FormatNhsNumber(person.NhsNumber)),
                new SummaryRow("Date of birth", Date(person.DateOfBirth)),
                new SummaryRow("GP practice", person.PracticeOds),
                new SummaryRow("Version", version.Version.ToString(CultureInfo.InvariantCulture)),
                new SummaryRow("Agreed", $"{Date(DateOnly.FromDateTime(UkTime.ToUk(agreement.AgreedAt).DateTime))}, {Method(agreement.Method)}, with {agreement.AgreedByName}" +
                                         (agreement.CarerPresent ? "; carer present" : "")),
                new SummaryRow("Review date", Date(agreement.ReviewDue)),
                new SummaryRow("Shared with the GP", version.Sections.GpSharingPreference == GpSharing.FullPlan ? "The full plan" : "Codes only"),
            ]),
        };

        if (narrative)
        {
            var about = version.Sections.AboutMe!;
            blocks.Add(new Heading("What matters to me"));
            blocks.Add(new Paragraph(about.WhatMatters ?? "Not yet recorded."));
            if (about.Strengths is { } strengths)
            {
                blocks.Add(new Heading("My strengths", 3));
                blocks.Add(new Paragraph(strengths));
            }

            if (about.CommunicationNeeds is { } communication)
            {
                blocks.Add(new Heading("How to communicate with me", 3));
                blocks.Add(new Paragraph(communication));
            }

            if (version.Sections.Needs is { Count: > 0 } needs)
            {
                blocks.Add(new Heading("My needs"));
                blocks.Add(new BulletList([.. needs.Select(n => n.Description is null ? n.Domain! : $"{n.Domain}: {n.Description}")]));
            }

            var sections = version.Sections;
            var support = new List<SummaryRow>();
            if (sections.Carers is { UnpaidCarerIdentified: true } carers)
            {
                support.Add(new SummaryRow("My carer", string.Join(", ", new[] { carers.CarerName, carers.Relationship }.OfType<string>()) +
                                                       $" (carer's assessment: {carers.Assessment})"));
            }

            if (sections.BenefitsAndEmployment is { } money && (money.Benefits ?? money.Employment) is not null)
            {
                support.Add(new SummaryRow("Benefits and employment", string.Join("; ", new[] { money.Benefits, money.Employment }.OfType<string>())));
            }

            if (sections.PersonalHealthBudget is { } budget && budget.Status != WireEnum.Name(HealthBudgetStatus.NotOffered))
            {
                support.Add(new SummaryRow("Personal health budget", budget.Status + (budget.Amount is { } amount ? $", £{amount.ToString("N2", UkCulture)} a year" : "") +
                                                                     (budget.ReviewOn is { } on ? $", review {Date(on)}" : "")));
            }

            if (sections.SafeguardingAndRisk?.Notes is { } risk)
            {
                support.Add(new SummaryRow("Keeping safe", risk));
            }

            if (support.Count > 0)
            {
                blocks.Add(new Heading("My support"));
                blocks.Add(new SummaryList(support));
            }

            blocks.Add(new Heading("My goals"));
            blocks.Add(version.Goals.Count == 0
                ? new Paragraph("No goals recorded.")
                : new Table("Goals", ["Goal", "Target date", "Status"],
                    [.. version.Goals.Select(g => (IReadOnlyList<string>)[g.Text, g.TargetDate is { } t ? Date(t) : "-", WireEnum.Name(g.Status)])])
                { Widths = [0.6, 0.2, 0.2] });
            blocks.Add(new Heading("Actions"));
            blocks.Add(version.Actions.Count == 0
                ? new Paragraph("No actions recorded.")
                : new Table("Actions", ["Action", "Who", "Due", "Status"],
                    [.. version.Actions.Select(a => (IReadOnlyList<string>)[a.Description, Owner(a.Owner), a.DueOn is { } d ? Date(d) : "-", WireEnum.Name(a.Status)])])
                { Widths = [0.45, 0.25, 0.15, 0.15] });
        }

        blocks.Add(new Heading("Who to contact"));
        var contacts = new List<SummaryRow>();
        if (version.Sections.CareCoordinator is { } coordinator)
        {
            contacts.Add(new SummaryRow("Care coordinator", Contact(coordinator)));
        }

        if (version.Sections.NamedClinicalContact is { } clinician)
        {
            contacts.Add(new SummaryRow("Named clinical contact", Contact(clinician)));
        }

        blocks.Add(contacts.Count == 0 ? new Paragraph("Your GP practice.") : new SummaryList(contacts));
        blocks.Add(new Heading("Coded activity"));
        blocks.Add(new Table("SNOMED CT codes of the recorded activity", ["SNOMED CT", "Term"],
            [.. version.Codes.Select(c => (IReadOnlyList<string>)[c.Code, c.Display])]) { Widths = [0.3, 0.7] });

        return new Document("Personalised care and support plan", blocks)
        {
            Subtitle = [$"{person.GivenName} {person.FamilyName}, NHS number {FormatNhsNumber(person.NhsNumber)}",
                        audience == CopyAudience.Gp ? "Copy for the GP record" : "Your copy"],
            Footer = "Confidential: contains personal information",
        };
    }

    private static string Date(DateOnly date) => date.ToString("d MMMM yyyy", UkCulture);

    private static string FormatNhsNumber(string n) => n.Length == 10 ? $"{n[..3]} {n[3..6]} {n[6..]}" : n;

    private static string Method(AgreementMethod method) => method switch
    {
        AgreementMethod.InPerson => "in person",
        AgreementMethod.Phone => "by phone",
        _ => "by video",
    };

    private static string Contact(Contact contact) =>
        string.Join(", ", new[] { contact.Name, contact.Role, contact.Organisation, contact.Phone }.OfType<string>());

    private static string Owner(ActionOwner owner) => owner.Kind switch
    {
        OwnerKind.NamedPerson => owner.Name ?? "-",
        OwnerKind.TeamRole => owner.Role ?? "-",
        OwnerKind.DirectoryService => owner.ServiceName ?? "-",
        _ => "Me",
    };
}
