using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CareMesh.Messaging;

/// <summary>
/// The retry policy every CareMesh consumer starts from: a few quick retries with back-off for
/// passing faults (a deadlock, a restarting database), then the message moves to
/// <c>&lt;queue&gt;_error</c> with its exception, from where operations can move it back.
/// </summary>
public abstract class RetryingConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        var retry = context.GetRequiredService<IOptions<ConsumerRetryOptions>>().Value;
        endpointConfigurator.UseMessageRetry(policy => policy.Exponential(
            retry.Limit, retry.MinInterval, retry.MaxInterval, retry.IntervalDelta));
    }
}

/// <summary><c>Messaging:Retry</c>: how a failing consumer is retried before its message goes to the error queue.</summary>
public sealed class ConsumerRetryOptions
{
    public int Limit { get; set; } = 5;
    public TimeSpan MinInterval { get; set; } = TimeSpan.FromMilliseconds(200);
    public TimeSpan MaxInterval { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan IntervalDelta { get; set; } = TimeSpan.FromMilliseconds(500);
}
