namespace CareMesh.Meetings.Agenda;

internal static class AgendaExamples
{
    public static readonly Guid ItemId = Guid.Parse("0193a1b2-7c00-7000-8000-000000000010");
    public static readonly Guid ProposalId = Guid.Parse("0193a1b2-7c00-7000-8000-000000000011");

    public static readonly NewAgendaItemRequest NewPerson = new("person", null, "9434765919", "Two falls since discharge", "Dr Asha Patel",
        "Is a falls clinic referral needed now?", 10);

    public static readonly AgendaItemResponse PersonItem = new(ItemId, 1, AgendaItemKind.Person, "Two falls since discharge", "9434765919", "Ada Lovelace",
        "Two falls since discharge", "Dr Asha Patel", "Is a falls clinic referral needed now?", 10, AgendaItemStatus.Confirmed, AgendaItemSource.Added,
        false, null, new DateTimeOffset(2026, 3, 25, 10, 0, 0, TimeSpan.Zero), ["withdraw"], [], 1);

    public static readonly AgendaResponse Agenda = new(Guid.Parse("0193a1b2-7c00-7000-8000-000000000002"),
        new DateTimeOffset(2026, 3, 27, 9, 30, 0, TimeSpan.Zero), false, 90, 10, [PersonItem]);

    public static readonly ProposalResponse Proposal = new(ProposalId, ProposalSource.EscalationRaised, "9434765919", "Ada Lovelace", "Y00001",
        "Escalated (urgent) to Dr Asha Patel: Not eating, daughter worried", ["escalation-urgent"], new DateTimeOffset(2026, 3, 20, 14, 0, 0, TimeSpan.Zero),
        ProposalStatus.Pending, null);
}
