namespace CareMesh.AppHost.Telemetry;

/// <summary>How an instrument's points read: a value now (gauge, up-down counter), a running total (counter), or a distribution.</summary>
public enum InstrumentType
{
    Gauge,
    Counter,
    UpDownCounter,

    /// <summary>Count, sum and, for explicit-bucket histograms, bucket counts.</summary>
    Histogram,
}

/// <summary>One point. For a histogram <see cref="Value"/> is the sum and <see cref="Buckets"/> the bucket counts.</summary>
public readonly record struct MetricPoint(long StartUnixNano, long TimeUnixNano, double Value, long Count = 0, long[]? Buckets = null);

/// <summary>One point as parsed, with everything needed to file it.</summary>
public sealed record MetricSample(
    string Resource,
    string Name,
    string Unit,
    string Description,
    InstrumentType Type,
    bool Cumulative,
    IReadOnlyList<KeyValuePair<string, string>> Attributes,
    double[]? Bounds,
    MetricPoint Point)
{
    public string SeriesKey => Attributes.Count == 0 ? "" : string.Join(", ", Attributes.Select(a => $"{a.Key}={a.Value}"));
}

public sealed record InstrumentInfo(string Name, string Unit, string Description, InstrumentType Type, int SeriesCount);

public sealed record SeriesData(IReadOnlyList<KeyValuePair<string, string>> Attributes, string Key, double[]? Bounds, IReadOnlyList<MetricPoint> Points);

public sealed record InstrumentData(InstrumentInfo Info, bool Cumulative, IReadOnlyList<SeriesData> Series);

/// <summary>
/// Each resource's instruments and their series, each series keeping its latest
/// <see cref="TelemetryLimits.MaxPointsPerSeries"/> points; at most <see cref="TelemetryLimits.MaxSeries"/> series in all.
/// </summary>
public sealed class MetricStore(TelemetryLimits limits)
{
    private readonly Lock gate = new();
    private readonly Dictionary<(string Resource, string Name), Instrument> instruments = [];
    private int seriesCount;
    private long version;

    public long Version => Interlocked.Read(ref version);

    public void Add(IReadOnlyList<MetricSample> samples)
    {
        if (samples.Count == 0)
        {
            return;
        }

        lock (gate)
        {
            foreach (var sample in samples)
            {
                var key = (sample.Resource, sample.Name);
                var instrument = instruments.GetValueOrDefault(key);
                var seriesKey = sample.SeriesKey;
                var series = instrument?.Series.GetValueOrDefault(seriesKey);
                if (series is null)
                {
                    // A full store takes no new series, so a flood of attribute values cannot grow it.
                    if (seriesCount >= limits.MaxSeries)
                    {
                        continue;
                    }

                    if (instrument is null)
                    {
                        instrument = new Instrument(sample.Name, sample.Unit, sample.Description, sample.Type, sample.Cumulative);
                        instruments.Add(key, instrument);
                    }

                    series = new Series(sample.Attributes, seriesKey, limits.MaxPointsPerSeries);
                    instrument.Series.Add(seriesKey, series);
                    seriesCount++;
                }

                series.Bounds = sample.Bounds ?? series.Bounds;
                series.Points.Add(sample.Point);
            }

            Interlocked.Increment(ref version);
        }
    }

    public IReadOnlyList<string> Resources()
    {
        lock (gate)
        {
            return [.. instruments.Keys.Select(key => key.Resource).Distinct().Order(StringComparer.Ordinal)];
        }
    }

    public IReadOnlyList<InstrumentInfo> InstrumentsOf(string resource)
    {
        lock (gate)
        {
            return
            [
                .. instruments.Where(pair => pair.Key.Resource == resource)
                    .Select(pair => pair.Value.Info)
                    .OrderBy(info => info.Name, StringComparer.Ordinal),
            ];
        }
    }

    public InstrumentData? Get(string resource, string name)
    {
        lock (gate)
        {
            return instruments.TryGetValue((resource, name), out var instrument)
                ? new InstrumentData(
                    instrument.Info,
                    instrument.Cumulative,
                    [.. instrument.Series.Values.Select(series => new SeriesData(series.Attributes, series.Key, series.Bounds, series.Points.ToArray()))])
                : null;
        }
    }

    /// <summary>The latest value of a gauge-like instrument, summed over its series; null when never reported.</summary>
    public double? Latest(string resource, string name)
    {
        lock (gate)
        {
            return instruments.TryGetValue((resource, name), out var instrument) && instrument.Series.Count > 0
                ? instrument.Series.Values.Where(series => series.Points.Count > 0).Sum(series => series.Points[series.Points.Count - 1].Value)
                : null;
        }
    }

    private sealed class Instrument(string name, string unit, string description, InstrumentType type, bool cumulative)
    {
        public Dictionary<string, Series> Series { get; } = new(StringComparer.Ordinal);

        public bool Cumulative { get; } = cumulative;

        public InstrumentInfo Info => new(name, unit, description, type, Series.Count);
    }

    private sealed class Series(IReadOnlyList<KeyValuePair<string, string>> attributes, string key, int capacity)
    {
        public IReadOnlyList<KeyValuePair<string, string>> Attributes { get; } = attributes;

        public string Key { get; } = key;

        public double[]? Bounds { get; set; }

        public Ring<MetricPoint> Points { get; } = new(capacity);
    }
}
