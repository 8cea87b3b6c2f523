using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareMesh.Referrals.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace CareMesh.Referrals.Tests.Workflow;

/// <summary>
/// The workflow as a table, written here independently of the service's own: every status against
/// every action, through the API on the real database. Allowed steps land where the table says and
/// are recorded; every other is a 409 naming the current status and what it allows, changing nothing.
/// </summary>
public class WorkflowTableTests(ReferralsServiceFactory factory) : IClassFixture<ReferralsServiceFactory>, IAsyncLifetime
{
    private static readonly Dictionary<(string From, string Action), string> Allowed = new()
    {
        [("received", "triage")] = "triaged",
        [("triaged", "triage")] = "triaged",
        [("triaged", "allocate")] = "allocated",
        [("allocated", "allocate")] = "allocated",
        [("accepted", "allocate")] = "accepted",
        [("in-progress", "allocate")] = "in-progress",
        [("on-hold", "allocate")] = "on-hold",
        [("allocated", "accept")] = "accepted",
        [("accepted", "start")] = "in-progress",
        [("accepted", "hold")] = "on-hold",
        [("in-progress", "hold")] = "on-hold",
        [("on-hold", "resume")] = "in-progress",
        [("in-progress", "complete")] = "completed",
        [("received", "decline")] = "declined",
        [("triaged", "decline")] = "declined",
        [("allocated", "decline")] = "declined",
        [("received", "cancel")] = "cancelled",
        [("triaged", "cancel")] = "cancelled",
        [("allocated", "cancel")] = "cancelled",
        [("accepted", "cancel")] = "cancelled",
        [("in-progress", "cancel")] = "cancelled",
        [("on-hold", "cancel")] = "cancelled",
        [("received", "enter-in-error")] = "entered-in-error",
        [("triaged", "enter-in-error")] = "entered-in-error",
        [("allocated", "enter-in-error")] = "entered-in-error",
        [("accepted", "enter-in-error")] = "entered-in-error",
        [("in-progress", "enter-in-error")] = "entered-in-error",
        [("on-hold", "enter-in-error")] = "entered-in-error",
        [("received", "merge")] = "entered-in-error",
        [("triaged", "merge")] = "entered-in-error",
        [("allocated", "merge")] = "entered-in-error",
        [("accepted", "merge")] = "entered-in-error",
        [("in-progress", "merge")] = "entered-in-error",
        [("on-hold", "merge")] = "entered-in-error",
    };

    private static readonly string[] Statuses = ["received", "triaged", "allocated", "accepted", "in-progress", "on-hold", "declined", "completed", "cancelled", "entered-in-error"];
    private static readonly string[] Actions = ["triage", "allocate", "accept", "start", "hold", "resume", "decline", "complete", "cancel", "enter-in-error", "merge"];

    private readonly ReferralsApiCalls _api = new(factory);

    public async Task InitializeAsync()
    {
        await factory.ResetAsync();
        await _api.AddMemberAsync("user-a", "Alex Able");
        await _api.AddMemberAsync("user-b", "Bea Bright");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public void The_service_table_is_the_one_written_here()
    {
        Assert.Equal(
            Allowed.OrderBy(a => a.Key.From).ThenBy(a => a.Key.Action).Select(a => (a.Key.From, a.Key.Action, a.Value)),
            ReferralWorkflow.Machine.Transitions.Select(t => (WireEnum.Name(t.From), WireEnum.Name(t.Action), WireEnum.Name(t.To))).OrderBy(t => t.Item1).ThenBy(t => t.Item2));
        Assert.Equal([ReferralStatus.Declined, ReferralStatus.Completed, ReferralStatus.Cancelled, ReferralStatus.EnteredInError], ReferralWorkflow.Machine.FinalStates);
    }

    public static TheoryData<string> EveryStatus() => [.. Statuses];

    [Theory]
    [MemberData(nameof(EveryStatus))]
    public async Task Every_action_from_a_status_is_allowed_or_refused_as_the_table_says(string status)
    {
        foreach (var (action, index) in Actions.Select((a, i) => (a, i)))
        {
            var nhs = ReferralsApiCalls.NhsNumber(100 + index);
            var keep = (await _api.CreateReferralAsync(ReferralsApiCalls.Referral(nhs))).GetProperty("id").GetGuid();
            var id = (await _api.CreateReferralAsync(ReferralsApiCalls.Referral(nhs))).GetProperty("id").GetGuid();
            await PutInAsync(id, status);

            var response = await SendAsync(action, id, keep);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            var stored = await _api.QueryAsync(db => db.Referrals.AsNoTracking().SingleAsync(r => r.Id == id));
            if (Allowed.TryGetValue((status, action), out var to))
            {
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{action} from {status}: {(int)response.StatusCode} {body}");
                Assert.Equal(to, WireEnum.Name(stored.Status));
                var step = await _api.QueryAsync(db => db.Transitions.AsNoTracking().SingleAsync(t => t.ReferralId == id));
                Assert.Equal((status, action, to), (WireEnum.Name(step.From), WireEnum.Name(step.Action), WireEnum.Name(step.To)));
                Assert.Equal(action == "merge" ? "user-team-lead" : "user-care-coordinator", step.ByUserId);
                Assert.Equal(action == "merge" ? CareMeshRoles.TeamLead : CareMeshRoles.CareCoordinator, step.ByRole);
                Assert.False(string.IsNullOrEmpty(step.Reason), $"{action} from {status} records why");
            }
            else
            {
                Assert.True(response.StatusCode == HttpStatusCode.Conflict, $"{action} from {status}: {(int)response.StatusCode} {body}");
                Assert.Equal(status, body.GetProperty("currentStatus").GetString());
                Assert.Equal(Allowed.Keys.Where(k => k.From == status).Select(k => k.Action).Order(),
                    body.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()!).Order());
                Assert.Equal(status, WireEnum.Name(stored.Status));
                Assert.Equal(1, stored.Version);
                Assert.False(await _api.QueryAsync(db => db.Transitions.AnyAsync(t => t.ReferralId == id)));
            }
        }
    }

    /// <summary>Puts a stored referral straight into <paramref name="status"/>, allocated to user-a, as its earlier steps would have left it.</summary>
    private Task PutInAsync(Guid id, string status) => _api.QueryAsync(async db =>
    {
        var referral = await db.Referrals.SingleAsync(r => r.Id == id);
        referral.Status = WireEnum.Parse<ReferralStatus>(status);
        (referral.AllocatedToUserId, referral.AllocatedToName, referral.AllocatedRole, referral.AllocatedAt) = ("user-a", "Alex Able", "link-worker", DateTimeOffset.UtcNow);
        (referral.HoldReason, referral.DecidedAt, referral.DecidedByName) = ("Away", DateTimeOffset.UtcNow, "Alex Able");
        await db.SaveChangesAsync();
        return true;
    });

    private Task<HttpResponseMessage> SendAsync(string action, Guid id, Guid keep) => action switch
    {
        "triage" => _api.SendAsync(HttpMethod.Post, $"/api/referrals/{id}/triage", new { role = "link-worker", complexity = "complex", reason = "Needs a link worker" }),
        "allocate" => _api.SendAsync(HttpMethod.Post, $"/api/referrals/{id}/allocate", new { userId = "user-b", reason = "Alex is on leave" }),
        "merge" => _api.SendAsync(HttpMethod.Post, $"/api/referrals/{keep}/merge", new { duplicateId = id, reason = "Referred twice" }, _api.TeamLead),
        _ => _api.SendAsync(HttpMethod.Post, $"/api/referrals/{id}/transitions", new
        {
            action,
            reason = "Because",
            declineReason = action == "decline" ? "outside-criteria" : null,
            outcome = action == "complete" ? "Back at her choir" : null,
            until = action == "hold" ? DateOnly.FromDateTime(DateTime.UtcNow.AddDays(10)) : (DateOnly?)null,
        }),
    };
}

/// <summary>The rules of a step's body, without I/O.</summary>
public class TransitionRequestTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero));

    public static TheoryData<TransitionRequest, string> Faults => new()
    {
        { new TransitionRequest("hold"), "reason" },
        { new TransitionRequest("cancel"), "reason" },
        { new TransitionRequest("enter-in-error"), "reason" },
        { new TransitionRequest("complete", "Done"), "outcome" },
        { new TransitionRequest("decline"), "declineReason" },
        { new TransitionRequest("decline", null, "because-i-said-so"), "declineReason" },
        { new TransitionRequest("hold", "Away", null, new DateOnly(2026, 3, 2)), "until" },
        { new TransitionRequest("triage"), "action" },
        { new TransitionRequest("fly"), "action" },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public void Each_step_asks_for_what_it_needs(TransitionRequest request, string field) =>
        Assert.Contains(field, RequestValidation.Errors(request, Clock).Keys);

    [Fact]
    public void A_complete_step_passes() =>
        Assert.Empty(RequestValidation.Errors(new TransitionRequest("hold", "In hospital", null, new DateOnly(2026, 3, 20)), Clock));
}
