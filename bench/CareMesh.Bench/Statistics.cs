namespace CareMesh.Bench;

public static class Statistics
{
    /// <summary>Nearest-rank percentile of <paramref name="sorted"/> (ascending).</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double percentile) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];

    public static string Describe(IEnumerable<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToList();
        return $"p50 {Percentile(sorted, 50):F1} ms, p95 {Percentile(sorted, 95):F1} ms, p99 {Percentile(sorted, 99):F1} ms, max {sorted.LastOrDefault():F1} ms (n={sorted.Count})";
    }
}
