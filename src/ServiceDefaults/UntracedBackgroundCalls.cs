using System.Diagnostics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Leaves out traces that would be nothing but one outgoing call: the outbox's polling query, a
/// health probe. A database or HTTP call made while handling a request or a message is part of that
/// trace and kept (the parent decides); only calls with no parent are dropped, so real flows are not
/// lost among thousands of one-span traces.
/// </summary>
public sealed class UntracedBackgroundCalls : Sampler
{
    public static Sampler Sampler { get; } = new ParentBasedSampler(new UntracedBackgroundCalls());

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) =>
        new(samplingParameters.Kind == ActivityKind.Client ? SamplingDecision.Drop : SamplingDecision.RecordAndSample);
}
