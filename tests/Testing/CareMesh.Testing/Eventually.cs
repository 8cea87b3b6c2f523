namespace CareMesh.Testing;

/// <summary>Waits for something that happens asynchronously (a message consumed), failing after a generous limit.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultLimit = TimeSpan.FromSeconds(30);

    /// <summary>Probes until <paramref name="satisfied"/> holds for the result, and returns that result.</summary>
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> satisfied, TimeSpan? within = null, string? what = null)
    {
        var limit = within ?? DefaultLimit;
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var result = await probe();
            if (satisfied(result))
            {
                return result;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Gave up waiting for {what ?? "the expected state"} after {limit}; last saw: {result}.");
            }

            await Task.Delay(100);
        }
    }

    public static Task TrueAsync(Func<Task<bool>> probe, TimeSpan? within = null, string? what = null) =>
        Until(probe, result => result, within, what);
}
