using System.Net.Http.Json;
using CareMesh.CarePlans.Data;
using CareMesh.Contracts.Referrals;
using CareMesh.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CareMesh.CarePlans.Tests.Patients;

public class PatientAuditTests(CarePlansServiceFactory factory) : IClassFixture<CarePlansServiceFactory>, IAsyncLifetime
{
    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Recording_a_referred_patient_and_reading_their_care_are_audited()
    {
        const string nhsNumber = "4010232110";
        await factory.Services.GetRequiredService<IBus>().Publish(new ReferralReceived(Guid.NewGuid(),
            new ReferredPatient(nhsNumber, "Mary", "Seacole", new DateOnly(1940, 1, 1), "Y00009"), "Falls", "urgent", "hospital", DateTimeOffset.UtcNow));
        var client = factory.CreateClientAs(CareMeshRoles.Clinician, "Y00009");
        await Eventually.TrueAsync(async () => (await client.PostAsJsonAsync("/api/care-plans/lookup", new { nhsNumber })).IsSuccessStatusCode);

        await using var scope = factory.Services.CreateAsyncScope();
        var trail = await scope.ServiceProvider.GetRequiredService<CarePlansDbContext>().Set<AuditEvent>()
            .Where(a => a.NhsNumber == nhsNumber).OrderBy(a => a.Id).ToListAsync();

        var recorded = Assert.Single(trail, a => a.Action == "patient.record-referral");
        Assert.Equal("system:careplans:referral-received", recorded.UserId);
        var read = trail.Last();
        Assert.Equal(("patient.read", AuditOutcomes.Succeeded, "user-clinician", "Y00009"), (read.Action, read.Outcome, read.UserId, read.Organisation));
    }
}
