namespace CareMesh.AppHost.Model;

/// <summary>Where a captured line came from.</summary>
public enum LogStream
{
    StandardOutput,
    StandardError,

    /// <summary>Written by the app host itself about the resource (restarts, failures).</summary>
    AppHost,
}

/// <summary>One line of a resource's log. Sequence numbers grow by one per line, across the whole run.</summary>
public sealed record LogLine(long Sequence, DateTimeOffset Timestamp, LogStream Stream, string Text);
