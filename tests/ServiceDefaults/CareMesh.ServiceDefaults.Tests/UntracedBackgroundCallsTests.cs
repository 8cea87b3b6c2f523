using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace CareMesh.ServiceDefaults.Tests;

public sealed class UntracedBackgroundCallsTests : IDisposable
{
    private readonly ActivitySource _source = new($"test-{Guid.NewGuid():N}");
    private readonly TracerProvider _tracing;

    public UntracedBackgroundCallsTests() =>
        _tracing = Sdk.CreateTracerProviderBuilder().SetSampler(UntracedBackgroundCalls.Sampler).AddSource(_source.Name).Build()!;

    [Fact]
    public void A_call_made_outside_any_request_or_message_is_not_traced()
    {
        using var poll = _source.StartActivity("SELECT due outbox messages", ActivityKind.Client);

        // The SDK may still hand out an activity to carry context, but nothing is recorded or exported.
        Assert.False(poll?.Recorded ?? false);
    }

    [Fact]
    public void The_gateways_rounds_of_health_probes_are_not_traced()
    {
        using var probes = _source.StartActivity(UntracedBackgroundCalls.GatewayHealthProbes, ActivityKind.Internal);

        Assert.False(probes?.Recorded ?? false);
    }

    [Fact]
    public void A_call_made_while_handling_a_request_is_part_of_its_trace()
    {
        using var request = _source.StartActivity("POST /api/referrals", ActivityKind.Server);
        using var query = _source.StartActivity("INSERT referral", ActivityKind.Client);

        Assert.NotNull(request);
        Assert.NotNull(query);
        Assert.Equal(request.TraceId, query.TraceId);
        Assert.True(query.Recorded);
    }

    [Theory]
    [InlineData(ActivityKind.Server)]
    [InlineData(ActivityKind.Consumer)]
    [InlineData(ActivityKind.Internal)]
    public void Requests_messages_and_work_of_its_own_start_traces(ActivityKind kind)
    {
        using var root = _source.StartActivity("work", kind);

        Assert.NotNull(root);
        Assert.True(root.Recorded);
    }

    public void Dispose()
    {
        _tracing.Dispose();
        _source.Dispose();
    }
}
