using Npgsql;

namespace CareMesh.Testing.Properties;

/// <summary>One hash of everything a service's database holds, to prove a refused write changed nothing.</summary>
public sealed class DatabaseFingerprint
{
    private readonly string _connectionString;
    private readonly string _sql;

    private DatabaseFingerprint(string connectionString, string sql) => (_connectionString, _sql) = (connectionString, sql);

    public static async Task<DatabaseFingerprint> CreateAsync(string connectionString, IReadOnlyList<string> byIdOnly, IReadOnlyList<string> ignored)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name", connection);
        var tables = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var parts = tables.Where(t => !ignored.Contains(t)).Select(table =>
        {
            var quoted = "\"" + table.Replace("\"", "\"\"") + "\"";
            var row = byIdOnly.Contains(table) ? "t.id::text" : "t::text";
            return $"SELECT '{table}:' || coalesce(md5(string_agg({row}, ',' ORDER BY {row})), '') FROM {quoted} t";
        });
        return new DatabaseFingerprint(connectionString, $"SELECT md5(string_agg(x, '|')) FROM ({string.Join(" UNION ALL ", parts)}) s(x)");
    }

    public async Task<string> TakeAsync()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(_sql, connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
