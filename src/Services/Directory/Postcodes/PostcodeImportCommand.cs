using System.Diagnostics;
using Npgsql;

namespace CareMesh.Directory.Postcodes;

/// <summary>
/// <c>CareMesh.Directory import-postcodes &lt;onspd.csv&gt;</c> (<c>./caremesh postcodes &lt;file&gt;</c>):
/// an administrator's command, run beside the service with its connection string, not an endpoint.
/// </summary>
public static class PostcodeImportCommand
{
    public const string Name = "import-postcodes";

    public static async Task<int> RunAsync(string[] args, IConfiguration configuration, TextWriter output)
    {
        if (args is not [Name, var path])
        {
            await output.WriteLineAsync($"usage: {Name} <ONS Postcode Directory CSV>");
            return 2;
        }

        var connectionString = configuration.GetConnectionString("directorydb")
                               ?? throw new InvalidOperationException("ConnectionStrings:directorydb is not set.");
        try
        {
            var stopwatch = Stopwatch.StartNew();
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            using var csv = new StreamReader(path);
            var report = await PostcodeImport.ImportAsync(connection, csv, CancellationToken.None);
            await output.WriteLineAsync($"{report.Imported:N0} live postcodes loaded in {stopwatch.Elapsed.TotalSeconds:F1} s; " +
                                        $"{report.Terminated:N0} terminated ones removed; {report.WithoutLocation:N0} without a location and {report.Malformed:N0} unreadable lines skipped.");
            return 0;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            await output.WriteLineAsync("error: the directory database has no postcode table yet; start CareMesh once (./caremesh up) to create it.");
            return 1;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            // A person typed this: say what is wrong, not where in the code.
            await output.WriteLineAsync($"error: {e.Message}");
            return 1;
        }
    }
}
