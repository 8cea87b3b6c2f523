using System.Globalization;

namespace CareMesh.AppHost.Telemetry;

/// <summary>One line of a chart: points as [Unix milliseconds, value].</summary>
public sealed record ChartLine(string Name, IReadOnlyList<double[]> Points);

public sealed record Chart(string Title, string Unit, IReadOnlyList<ChartLine> Lines);

/// <summary>
/// What an instrument's points mean over time: values for gauges, rates for counters, request and
/// error rates and latency percentiles for histograms. Cumulative points become differences between
/// exports; a running total that falls (the process restarted) starts afresh.
/// </summary>
public static class MetricCharts
{
    private const int MaxLines = 8;

    public static IReadOnlyList<Chart> For(InstrumentData instrument)
    {
        var info = instrument.Info;
        return info.Type switch
        {
            InstrumentType.Counter => [new Chart($"{info.Name} rate", $"{info.Unit}/s", Lines(instrument.Series, series => Rates(series, instrument.Cumulative)))],
            InstrumentType.Histogram => Histogram(instrument),
            _ => [new Chart(info.Name, info.Unit, Lines(instrument.Series, series => series.Points.Select(p => Point(p.TimeUnixNano, p.Value))))],
        };
    }

    private static List<ChartLine> Lines(IReadOnlyList<SeriesData> series, Func<SeriesData, IEnumerable<double[]>> points) =>
    [
        .. series
            .Select(s => new ChartLine(s.Key.Length == 0 ? "value" : s.Key, [.. points(s)]))
            .Where(line => line.Points.Count > 0)
            .OrderByDescending(line => Math.Abs(line.Points[^1][1]))
            .Take(MaxLines),
    ];

    private static IEnumerable<double[]> Rates(SeriesData series, bool cumulative) =>
        Steps(series, cumulative).Select(step => Point(step.Time, step.Value / step.Seconds));

    private static IReadOnlyList<Chart> Histogram(InstrumentData instrument)
    {
        var steps = instrument.Series
            .SelectMany(series => Steps(series, instrument.Cumulative).Select(step => (Series: series, Step: step)))
            // Every series of one export carries the same time; rounding absorbs exporters that differ by microseconds.
            .GroupBy(item => item.Step.Time / 100_000_000)
            .OrderBy(group => group.Key)
            .ToList();

        var (unit, scale) = instrument.Info.Unit == "s" ? ("ms", 1000.0) : (instrument.Info.Unit, 1.0);
        var bounds = instrument.Series.Select(series => series.Bounds).FirstOrDefault(b => b is { Length: > 0 });
        var all = new List<double[]>();
        var errors = new List<double[]>();
        var p50 = new List<double[]>();
        var p95 = new List<double[]>();
        var mean = new List<double[]>();
        foreach (var group in steps)
        {
            var time = group.First().Step.Time;
            all.Add(Point(time, group.Sum(item => item.Step.Count / item.Step.Seconds)));
            errors.Add(Point(time, group.Where(item => IsError(item.Series)).Sum(item => item.Step.Count / item.Step.Seconds)));
            var count = group.Sum(item => item.Step.Count);
            if (count == 0)
            {
                continue;
            }

            mean.Add(Point(time, group.Sum(item => item.Step.Value) / count * scale));
            if (bounds is not null)
            {
                var merged = new long[bounds.Length + 1];
                foreach (var (_, step) in group.Where(item => item.Series.Bounds?.Length == bounds.Length && item.Step.Buckets?.Length == merged.Length))
                {
                    for (var i = 0; i < merged.Length; i++)
                    {
                        merged[i] += step.Buckets![i];
                    }
                }

                p50.Add(Point(time, Percentile(bounds, merged, 0.50) * scale));
                p95.Add(Point(time, Percentile(bounds, merged, 0.95) * scale));
            }
        }

        var latency = bounds is null
            ? new List<ChartLine> { new("mean", mean) }
            : [new("p50", p50), new("p95", p95), new("mean", mean)];
        return
        [
            new Chart($"{instrument.Info.Name} rate", "/s", [new("all", all), new("errors", errors)]),
            new Chart($"{instrument.Info.Name} latency", unit, latency),
        ];
    }

    /// <summary>A point's own measurement between this export and the one before it.</summary>
    private readonly record struct Step(long Time, double Seconds, double Value, long Count, long[]? Buckets);

    private static IEnumerable<Step> Steps(SeriesData series, bool cumulative)
    {
        var points = series.Points;
        for (var i = 0; i < points.Count; i++)
        {
            var point = points[i];
            if (!cumulative)
            {
                var seconds = (point.TimeUnixNano - point.StartUnixNano) / 1e9;
                if (seconds > 0)
                {
                    yield return new Step(point.TimeUnixNano, seconds, point.Value, point.Count, point.Buckets);
                }

                continue;
            }

            if (i == 0)
            {
                continue;
            }

            var previous = points[i - 1];
            var elapsed = (point.TimeUnixNano - previous.TimeUnixNano) / 1e9;
            var restarted = point.StartUnixNano != previous.StartUnixNano || point.Value < previous.Value || point.Count < previous.Count;
            if (elapsed > 0 && !restarted)
            {
                yield return new Step(point.TimeUnixNano, elapsed, point.Value - previous.Value, point.Count - previous.Count,
                    Difference(point.Buckets, previous.Buckets));
            }
        }
    }

    private static long[]? Difference(long[]? current, long[]? previous) =>
        current is null || previous is null || current.Length != previous.Length
            ? null
            : [.. current.Select((count, i) => count - previous[i])];

    /// <summary>A server error or a failed request, by the semantic conventions' attributes.</summary>
    private static bool IsError(SeriesData series) => series.Attributes.Any(attribute =>
        attribute.Key == "error.type"
        || (attribute.Key == "http.response.status_code" && int.TryParse(attribute.Value, CultureInfo.InvariantCulture, out var status) && status >= 500));

    /// <summary>Linear interpolation inside the bucket where the quantile falls; the last bucket is capped at the last bound.</summary>
    internal static double Percentile(double[] bounds, long[] buckets, double quantile)
    {
        var total = buckets.Sum();
        if (total == 0)
        {
            return 0;
        }

        var rank = quantile * total;
        long seen = 0;
        for (var i = 0; i < buckets.Length; i++)
        {
            if (buckets[i] > 0 && seen + buckets[i] >= rank)
            {
                var lower = i == 0 ? 0 : bounds[i - 1];
                var upper = i < bounds.Length ? bounds[i] : bounds[^1];
                return lower + ((upper - lower) * (rank - seen) / buckets[i]);
            }

            seen += buckets[i];
        }

        return bounds[^1];
    }

    private static double[] Point(long timeUnixNano, double value) => [timeUnixNano / 1e6, Math.Round(value, 6)];
}
