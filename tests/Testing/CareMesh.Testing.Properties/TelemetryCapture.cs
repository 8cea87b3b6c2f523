using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace CareMesh.Testing.Properties;

/// <summary>Every log line (message, exception, structured values) and trace attribute the service writes while the run lasts.</summary>
public sealed class TelemetryCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _seen = new();
    private readonly ActivityListener _listener;

    public TelemetryCapture()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                foreach (var (key, value) in activity.TagObjects)
                {
                    _seen.Enqueue($"trace {activity.OperationName} {key}={value}");
                }

                foreach (var e in activity.Events)
                {
                    _seen.Enqueue($"trace event {e.Name} {string.Join(",", e.Tags.Select(t => $"{t.Key}={t.Value}"))}");
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public IEnumerable<string> Leaks(params string[] secrets) =>
        _seen.Where(line => secrets.Any(s => line.Contains(s, StringComparison.Ordinal))).Distinct().Take(10);

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _seen);

    public void Dispose() => _listener.Dispose();

    private sealed class Logger(string category, ConcurrentQueue<string> seen) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            seen.Enqueue($"log scope {category}: {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(",", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            seen.Enqueue($"log {logLevel} {category}: {formatter(state, exception)} {values} {exception}");
        }
    }
}
