using Npgsql;

namespace CareMesh.Testing;

/// <summary>A PostgreSQL database of its own for one test class, dropped afterwards.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(string name)
    {
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(TestServers.Postgres) { Database = name, Pooling = true }.ConnectionString;
    }

    public string Name { get; }
    public string ConnectionString { get; }

    /// <summary>Names a fresh database; the service's migrations create it on start.</summary>
    public static TestDatabase Named(string prefix) => new(TestServers.UniqueName(prefix));

    public ValueTask DisposeAsync() => DropAsync(Name);

    /// <summary>
    /// Drops <paramref name="name"/> even while something is still connected to it. FORCE waits only five seconds
    /// for the sessions it ends to exit, which a loaded machine can overrun (55006, in use): then it tries again.
    /// </summary>
    public static async ValueTask DropAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(TestServers.Postgres) { Database = "postgres" }.ConnectionString);
                await admin.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
                await drop.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException e) when (attempt < 5)
            {
                Console.Error.WriteLine($"Dropping test database {name} failed ({e.SqlState}: {e.MessageText}); trying again.");
                await Task.Delay(TimeSpan.FromSeconds(attempt));
            }
        }
    }
}
