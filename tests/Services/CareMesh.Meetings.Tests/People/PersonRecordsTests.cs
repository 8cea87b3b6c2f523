using CareMesh.Meetings.Data;
using CareMesh.Meetings.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CareMesh.Meetings.Tests.People;

/// <summary>Two consumers writing one person at once (a referral accepted and its draft plan arrive together): both land, neither fails.</summary>
public class PersonRecordsTests(MeetingsServiceFactory factory) : IClassFixture<MeetingsServiceFactory>, IAsyncLifetime
{
    private const string NhsNumber = "9434765919";

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_later_writer_waits_for_the_earlier_and_keeps_its_change(bool alreadyKnown)
    {
        if (alreadyKnown)
        {
            await WriteAsync(person => person.GivenName = "Ada");
        }

        // The first writer holds the person's row, uncommitted, while the second asks for it.
        await using var first = factory.Services.CreateAsyncScope();
        var firstDb = first.ServiceProvider.GetRequiredService<MeetingsDbContext>();
        await using var firstTransaction = await firstDb.Database.BeginTransactionAsync();
        var held = await first.ServiceProvider.GetRequiredService<PersonRecords>().FindOrAddAsync(NhsNumber, CancellationToken.None);
        held.Urgency = "urgent";

        var second = WriteAsync(person => person.PlanStatus = "draft");
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        Assert.False(second.IsCompleted, "the second writer should wait for the first one's transaction");

        await firstDb.SaveChangesAsync();
        await firstTransaction.CommitAsync();
        await second;

        await using var check = factory.Services.CreateAsyncScope();
        var saved = await check.ServiceProvider.GetRequiredService<MeetingsDbContext>().People.AsNoTracking().SingleAsync(p => p.NhsNumber == NhsNumber);
        Assert.Equal(("urgent", "draft"), (saved.Urgency, saved.PlanStatus));
        Assert.Equal(alreadyKnown ? "Ada" : null, saved.GivenName);
    }

    /// <summary>One consumer's transaction, as the inbox runs it.</summary>
    private async Task WriteAsync(Action<Person> change)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MeetingsDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        change(await scope.ServiceProvider.GetRequiredService<PersonRecords>().FindOrAddAsync(NhsNumber, CancellationToken.None));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }
}
