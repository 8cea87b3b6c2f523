using System.Security.Claims;
using CareMesh.Contracts.CarePlans;
using CareMesh.Contracts.Referrals;
using CareMesh.Web.Live;
using MassTransit;
using Microsoft.Extensions.Hosting;

namespace CareMesh.Web.Tests.Live;

public class LiveTopicsTests
{
    private static readonly Guid ReferralId = Guid.Parse("0b0e6a52-3a51-4c7e-8f43-8c1d2f6a9e01");
    private static readonly Guid OrganisationId = Guid.Parse("0b9c3b8e-6c1e-4b7a-9a55-3f0d8f6a1c01");
    private static readonly Guid PlanId = Guid.Parse("0193a1b2-7c00-7000-8000-000000000100");
    private static readonly TeamMember Clinician = new("dev-clinician", "Dr Cleo Clinician", "clinician");

    private static ClaimsPrincipal User(string userId = "dev-care-coordinator", string organisation = "Y00001") =>
        new(new ClaimsIdentity([new Claim("sub", userId), new Claim(CareMeshUser.OrganisationClaimType, organisation)], "test"));

    [Theory]
    [InlineData("/caseload", "caseload:dev-care-coordinator")]
    [InlineData("/referrals/0b0e6a52-3a51-4c7e-8f43-8c1d2f6a9e01", "referral:0b0e6a52-3a51-4c7e-8f43-8c1d2f6a9e01")]
    [InlineData("/escalations", "escalations:dev-care-coordinator")]
    [InlineData("/care-plans/0193a1b2-7c00-7000-8000-000000000100", "care-plan:0193a1b2-7c00-7000-8000-000000000100")]
    [InlineData("/care-plans/0193a1b2-7c00-7000-8000-000000000100/agree", null)]
    [InlineData("/referrals/new", null)]
    [InlineData("/referrals/0b0e6a52-3a51-4c7e-8f43-8c1d2f6a9e01/triage", null)]
    [InlineData("/", null)]
    public void A_page_listens_to_what_it_shows_of_the_user_and_nothing_else(string path, string? topic) =>
        Assert.Equal(topic is null ? [] : [topic], LiveTopics.ForPage(path, User()));

    [Fact]
    public void A_partners_referral_list_listens_to_their_organisation_and_a_user_without_one_to_nothing()
    {
        Assert.Equal([$"organisation:{OrganisationId}"], LiveTopics.ForPage("/partner/referrals", User("dev-vcs-partner", OrganisationId.ToString())));
        Assert.Empty(LiveTopics.ForPage("/partner/referrals", User()));
        Assert.Empty(LiveTopics.ForPage("/caseload", new ClaimsPrincipal(new ClaimsIdentity())));
    }

    /// <summary>One of each event the live consumer hears, and the topics it must reach.</summary>
    public static TheoryData<object, string[]> Events => new()
    {
        { new ReferralAllocated(ReferralId, "dev-care-coordinator", "Casey", "care-coordinator", "dev-team-lead", null, DateTimeOffset.UtcNow), [$"referral:{ReferralId}", "caseload:dev-care-coordinator"] },
        { Accepted(new TeamMember("dev-link-worker", "Lee", "link-worker")), [$"referral:{ReferralId}", "caseload:dev-link-worker"] },
        { Accepted(null), [$"referral:{ReferralId}"] },
        { new ReferralDeclined(ReferralId, "9434765919", "not-eligible", null, "dev-team-lead", DateTimeOffset.UtcNow), [$"referral:{ReferralId}"] },
        { new ReferralClosed(ReferralId, "9434765919", "completed", "Back at choir", "dev-care-coordinator", DateTimeOffset.UtcNow), [$"referral:{ReferralId}"] },
        { new OnwardReferralSent(Guid.NewGuid(), ReferralId, Guid.NewGuid(), OrganisationId, DateTimeOffset.UtcNow), [$"referral:{ReferralId}", $"organisation:{OrganisationId}"] },
        { new OnwardReferralAccepted(Guid.NewGuid(), ReferralId, Guid.NewGuid(), OrganisationId, null, DateTimeOffset.UtcNow), [$"referral:{ReferralId}", $"organisation:{OrganisationId}"] },
        { new OnwardReferralDeclined(Guid.NewGuid(), ReferralId, null, null, null, "Full", DateTimeOffset.UtcNow), [$"referral:{ReferralId}"] },
        { new OnwardReferralCompleted(Guid.NewGuid(), ReferralId, Guid.NewGuid(), OrganisationId, null, "Joined the group", DateTimeOffset.UtcNow), [$"referral:{ReferralId}", $"organisation:{OrganisationId}"] },
        { new EscalationRaised(Guid.NewGuid(), ReferralId, "9434765919", "Y00001", "urgent", "Not eating", Clinician, "dev-care-coordinator", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(4)), [$"referral:{ReferralId}", "escalations:dev-clinician"] },
        { new EscalationAcknowledged(Guid.NewGuid(), ReferralId, "dev-clinician", DateTimeOffset.UtcNow), [$"referral:{ReferralId}", "escalations:dev-clinician"] },
        { new EscalationOverdue(Guid.NewGuid(), ReferralId, Clinician, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, 1, DateTimeOffset.UtcNow), [$"referral:{ReferralId}", "escalations:dev-clinician"] },
        { new CarePlanDrafted(PlanId, ReferralId, "9434765919", 1, "dev-care-coordinator", DateTimeOffset.UtcNow), [$"care-plan:{PlanId}", $"referral:{ReferralId}"] },
        { new CarePlanDrafted(PlanId, null, "9434765919", 2, "dev-care-coordinator", DateTimeOffset.UtcNow), [$"care-plan:{PlanId}"] },
        { new CarePlanAgreed(PlanId, ReferralId, "9434765919", "Y00001", 1, "in-person", false, "dev-care-coordinator", DateTimeOffset.UtcNow,
            new DateOnly(2027, 3, 1), new GpCopy("codes-only", [], null)), [$"care-plan:{PlanId}", $"referral:{ReferralId}"] },
        { new CarePlanClosed(PlanId, ReferralId, "9434765919", "episode-ended", DateTimeOffset.UtcNow), [$"care-plan:{PlanId}", $"referral:{ReferralId}"] },
    };

    [Theory]
    [MemberData(nameof(Events))]
    public void An_event_reaches_the_pages_it_changes_with_words_for_the_user(object message, string[] topics)
    {
        var (reached, what) = LiveTopics.ForEvent(message);

        Assert.Equal(topics, reached);
        Assert.EndsWith(".", what);
    }

    [Fact]
    public void Every_event_the_live_queue_hears_reaches_a_page()
    {
        var heard = typeof(LiveUpdatesConsumer).GetInterfaces()
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IConsumer<>))
            .Select(i => i.GetGenericArguments()[0]);

        Assert.Equal(heard.OrderBy(t => t.Name), Events.Select(row => row[0].GetType()).Distinct().OrderBy(t => t.Name));
    }

    private static ReferralAccepted Accepted(TeamMember? coordinator) =>
        new(ReferralId, new ReferredPatient("9434765919", "Ada", "Lovelace", new DateOnly(1950, 12, 10), "Y00001"), "Lives alone", null, "routine", "standard",
            [], [], coordinator, null, "dev-care-coordinator", DateTimeOffset.UtcNow);
}
