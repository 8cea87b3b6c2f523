using CareMesh.Messaging.Inbox;
using CareMesh.Messaging.Outbox;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace CareMesh.Messaging;

public static class MessagingExtensions
{
    public const string ConnectionName = "messaging";

    /// <summary>
    /// MassTransit over RabbitMQ (connection string "messaging"), with <typeparamref name="TContext"/>'s
    /// outbox dispatcher and every consumer behind the inbox. Consumers (with their definitions) are
    /// registered by <paramref name="configureConsumers"/>.
    /// </summary>
    public static IHostApplicationBuilder AddMessaging<TContext>(
        this IHostApplicationBuilder builder,
        Action<IBusRegistrationConfigurator>? configureConsumers = null)
        where TContext : DbContext
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"Connection string '{ConnectionName}' is missing: set ConnectionStrings__{ConnectionName} (amqp://user:password@host:port/vhost).");
        }

        var services = builder.Services;
        services.AddOptions<OutboxOptions>().BindConfiguration("Messaging:Outbox");
        services.AddOptions<ConsumerRetryOptions>().BindConfiguration("Messaging:Retry");
        // WaitUntilStarted stays off outside tests: a service must start, and take writes into its
        // outbox, while the broker is away.
        services.AddOptions<MassTransitHostOptions>().BindConfiguration("Messaging:Host");
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<OutboxMetrics>();
        services.AddSingleton<IInterceptor, OutboxCommitInterceptor>();
        services.AddHostedService<OutboxDispatcher<TContext>>();
        services.AddScoped(provider => new MessagingDbContext(provider.GetRequiredService<TContext>()));
        services.TryAddSingleton(TimeProvider.System);

        var queues = builder.Configuration.GetSection("Messaging:Queues").Get<QueueOptions>() ?? new QueueOptions();
        services.AddMassTransit(bus =>
        {
            bus.SetKebabCaseEndpointNameFormatter();
            bus.AddConfigureEndpointsCallback((_, queueName, endpoint) =>
            {
                if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
                {
                    queues.Apply(queueName, rabbit);
                }
            });
            configureConsumers?.Invoke(bus);
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(new Uri(connectionString));
                rabbit.UseConsumeFilter(typeof(InboxFilter<>), context);
                rabbit.ConfigureEndpoints(context);
            });
        });

        return builder;
    }
}
