using CareMesh.Contracts.CarePlans;
using CareMesh.Contracts.Referrals;
using MassTransit;

namespace CareMesh.Web.Live;

/// <summary>
/// The events that change what an open page shows, passed to the pages listening (<see cref="LiveTopics.ForEvent"/>).
/// Its queue is this replica's own and lives as long as the process: a missed event only means a page shows the
/// change when it is next opened.
/// </summary>
public sealed class LiveUpdatesConsumer(LiveHub hub) :
    IConsumer<ReferralAllocated>, IConsumer<ReferralAccepted>, IConsumer<ReferralDeclined>, IConsumer<ReferralClosed>,
    IConsumer<OnwardReferralSent>, IConsumer<OnwardReferralAccepted>, IConsumer<OnwardReferralDeclined>, IConsumer<OnwardReferralCompleted>,
    IConsumer<EscalationRaised>, IConsumer<EscalationAcknowledged>, IConsumer<EscalationOverdue>,
    IConsumer<CarePlanDrafted>, IConsumer<CarePlanAgreed>, IConsumer<CarePlanClosed>
{
    public Task Consume(ConsumeContext<ReferralAllocated> context) => Tell(context.Message);

    public Task Consume(ConsumeContext<ReferralAccepted> context) => Tell(context.Message);

    public Task Consume(ConsumeContext<ReferralDeclined> context) => Tell(context.Message);

    public Task Consume(ConsumeContext<ReferralClosed> context) => Tell(context.Message);

    public Task Consume(ConsumeContext<OnwardReferralSent> context) => Tell(context.Message);

    public Task Consume(ConsumeContext<OnwardReferralAccepted> context) => Tell(context.Message);

    public Task Consume(ConsumeContext<OnwardReferralDeclined> context) => Tell(context.Message);

    public Task Consume(ConsumeContext<OnwardReferralCompleted> context) => Tell(context.Message);

    public Task Consume(ConsumeContext<EscalationRaised> context) => Tell(context.Message);

    public Task Consume(ConsumeContext<EscalationAcknowledged> context) => Tell(context.Message);

    public Task Consume(ConsumeContext<EscalationOverdue> context) => Tell(context.Message);

    public Task Consume(ConsumeContext<CarePlanDrafted> context) => Tell(context.Message);

    public Task Consume(ConsumeContext<CarePlanAgreed> context) => Tell(context.Message);

    public Task Consume(ConsumeContext<CarePlanClosed> context) => Tell(context.Message);

    private Task Tell(object message)
    {
        var (topics, what) = LiveTopics.ForEvent(message);
        hub.Tell(topics, what);
        return Task.CompletedTask;
    }
}
