namespace CareMesh.AppHost.Telemetry;

/// <summary>A fixed-size buffer that overwrites its oldest item when full. Not thread-safe: its owner locks.</summary>
internal sealed class Ring<T>(int capacity)
{
    private readonly T[] items = new T[capacity];
    private int start;

    public int Count { get; private set; }

    public void Add(T item)
    {
        if (Count < items.Length)
        {
            items[(start + Count++) % items.Length] = item;
        }
        else
        {
            items[start] = item;
            start = (start + 1) % items.Length;
        }
    }

    /// <summary>The item <paramref name="index"/> places from the oldest.</summary>
    public T this[int index] => items[(start + index) % items.Length];

    public T[] ToArray()
    {
        var copy = new T[Count];
        for (var i = 0; i < Count; i++)
        {
            copy[i] = this[i];
        }

        return copy;
    }
}
