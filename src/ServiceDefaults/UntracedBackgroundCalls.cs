using System.Diagnostics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Leaves out traces of background polling: an outgoing call made outside any request or message
/// (the outbox's polling query, a health probe) and the gateway's rounds of probing its destinations.
/// A database or HTTP call made while handling a request or a message is part of that trace and
/// kept (the parent decides), so real flows are not lost among thousands of one-span traces.
/// </summary>
public sealed class UntracedBackgroundCalls : Sampler
{
    /// <summary>YARP's activity for one round of active health checks.</summary>
    public const string GatewayHealthProbes = "proxy.cluster_health_checks";

    public static Sampler Sampler { get; } = new ParentBasedSampler(new UntracedBackgroundCalls());

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) =>
        new(samplingParameters.Kind == ActivityKind.Client || samplingParameters.Name == GatewayHealthProbes
            ? SamplingDecision.Drop
            : SamplingDecision.RecordAndSample);
}
