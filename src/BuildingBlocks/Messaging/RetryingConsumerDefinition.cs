using MassTransit;

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
        endpointConfigurator.UseMessageRetry(retry => retry.Exponential(
            retryLimit: 5,
            minInterval: TimeSpan.FromMilliseconds(200),
            maxInterval: TimeSpan.FromSeconds(10),
            intervalDelta: TimeSpan.FromMilliseconds(500)));
    }
}
