using Microsoft.Extensions.Hosting;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareMesh.CarePlans.Data;
using CareMesh.Contracts.Referrals;
using CareMesh.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CareMesh.CarePlans.Tests.Patients;

/// <summary>ReferralReceived arriving over the real broker, applied through the inbox.</summary>
public class ReferralReceivedTests(CarePlansServiceFactory factory) : IClassFixture<CarePlansServiceFactory>, IAsyncLifetime
{
    private readonly HttpClient _client = factory.CreateClientAs(CareMeshRoles.CareCoordinator);

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_received_referral_makes_the_patient_known_to_care_planning()
    {
        var referral = Referral("9434765919");
        await Publish(referral, Guid.NewGuid());

        var care = (await Eventually.Until(() => GetCare("9434765919"), c => c is not null, what: "the patient to appear"))!.Value;

        Assert.Equal("Lovelace", care.GetProperty("familyName").GetString());
        var listed = Assert.Single(care.GetProperty("referrals").EnumerateArray());
        Assert.Equal(referral.ReferralId, listed.GetProperty("referralId").GetGuid());
    }

    [Fact]
    public async Task The_same_message_delivered_twice_has_one_effect()
    {
        var referral = Referral("9434765919");
        var messageId = Guid.NewGuid();
        await Publish(referral, messageId);
        await Publish(referral, messageId);
        // A later, distinct referral proves both copies of the first have been handled.
        var later = Referral("9434765919");
        await Publish(later, Guid.NewGuid());

        var care = (await Eventually.Until(() => GetCare("9434765919"),
            c => c?.GetProperty("referrals").GetArrayLength() >= 2, what: "both referrals"))!.Value;
        await Eventually.TrueAsync(async () => await factory.Broker.CountMessagesAsync("referral-received") == 0);

        Assert.Equal(2, care.GetProperty("referrals").GetArrayLength());
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CarePlansDbContext>();
        Assert.Equal(1, await db.Set<CareMesh.Messaging.Inbox.InboxMessage>().CountAsync(m => m.MessageId == messageId));
    }

    [Fact]
    public async Task A_message_that_cannot_be_applied_ends_in_the_error_queue_and_others_still_flow()
    {
        // An NHS number longer than the column: the database refuses it on every retry.
        await Publish(Referral("94347659190000"), Guid.NewGuid());
        await Publish(Referral("9434765919"), Guid.NewGuid());

        await Eventually.Until(() => GetCare("9434765919"), c => c is not null, what: "the good message to be applied");
        await Eventually.TrueAsync(async () => await factory.Broker.CountMessagesAsync("referral-received_error") == 1,
            TimeSpan.FromSeconds(60), "the poison message in the error queue");
    }

    [Fact]
    public async Task An_invalid_nhs_number_look_up_is_a_400_problem_naming_the_field()
    {
        var response = await _client.PostAsJsonAsync("/api/care-plans/lookup", new { nhsNumber = "1234567890" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("nhsNumber", out _));
    }

    [Fact]
    public async Task An_unknown_patient_is_a_404_problem()
    {
        var response = await _client.PostAsJsonAsync("/api/care-plans/lookup", new { nhsNumber = "9434765919" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static ReferralReceived Referral(string nhsNumber) => new(
        Guid.NewGuid(),
        new ReferredPatient(nhsNumber, "Ada", "Lovelace", new DateOnly(1950, 12, 10), "Y00001"),
        "Lives alone", "routine", "gp", DateTimeOffset.UtcNow);

    private Task Publish(ReferralReceived referral, Guid messageId) =>
        factory.Services.GetRequiredService<IBus>().Publish(referral, context => context.MessageId = messageId);

    private async Task<JsonElement?> GetCare(string nhsNumber)
    {
        var response = await _client.PostAsJsonAsync("/api/care-plans/lookup", new { nhsNumber });
        return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonElement>() : null;
    }
}
