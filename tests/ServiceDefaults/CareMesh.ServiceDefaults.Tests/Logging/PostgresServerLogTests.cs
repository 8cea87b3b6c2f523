using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using NpgsqlTypes;

namespace CareMesh.ServiceDefaults.Tests.Logging;

/// <summary>
/// The PostgreSQL server's own log holds none of a failing statement's values once it runs with
/// infra/postgresql-logging.conf (what ./caremesh applies): proved on a private server started for the
/// test, against the same server without the settings, which does log them.
/// </summary>
public class PostgresServerLogTests
{
    private const string Patient = "Ada Lovelace 9434765919";

    [Fact]
    public async Task A_server_with_the_projects_settings_logs_no_value_of_a_failing_statement()
    {
        var settings = Path.Combine(RepositoryRoot(), "infra", "postgresql-logging.conf");

        var unconfigured = await ProvokeAndReadLogAsync(includeSettings: null);
        var configured = await ProvokeAndReadLogAsync(settings);

        // Without the settings the log quotes the patient (so this test can fail); with them, never.
        Assert.Contains(Patient, unconfigured);
        Assert.DoesNotContain("9434765919", configured);
        Assert.DoesNotContain("Lovelace", configured);
        Assert.Contains("database system is ready", configured);
    }

    /// <summary>Statements that fail in each way that can quote a value: a key's DETAIL, a statement's literal, a parameter's text, a failing row.</summary>
    private static async Task ProvokeAsync(NpgsqlConnection connection)
    {
        await Execute(connection, "CREATE TABLE patients (nhs_number text PRIMARY KEY, name text NOT NULL, born int CHECK (born > 1900))");
        await Execute(connection, "INSERT INTO patients VALUES ($1, $2, 1950)", "9434765919", Patient);
        var failing = new Func<Task>[]
        {
            // Duplicate key, as parameters: DETAIL "Key (nhs_number)=(...) already exists", and the parameters on error.
            () => Execute(connection, "INSERT INTO patients VALUES ($1, $2, 1950)", "9434765919", Patient),
            // The same as a literal: the statement's text.
            () => Execute(connection, $"INSERT INTO patients VALUES ('9434765919', '{Patient}', 1950)"),
            // A value that does not convert, sent as text: quoted in the error's own message.
            () => ExecuteUntyped(connection, "SELECT $1::int", Patient),
            // A failing check: DETAIL "Failing row contains (...)".
            () => Execute(connection, "INSERT INTO patients VALUES ($1, $2, 1800)", "9990000018", Patient),
        };
        foreach (var statement in failing)
        {
            await Assert.ThrowsAsync<PostgresException>(statement);
        }
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, params string[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value, NpgsqlDbType = NpgsqlDbType.Text });
        }

        await command.ExecuteNonQueryAsync();
    }

    private static async Task ExecuteUntyped(NpgsqlConnection connection, string sql, string value)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = value, NpgsqlDbType = NpgsqlDbType.Unknown });
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string> ProvokeAndReadLogAsync(string? includeSettings)
    {
        var directory = Directory.CreateTempSubdirectory("caremesh-pg-").FullName;
        var data = Path.Combine(directory, "data");
        var log = Path.Combine(directory, "server.log");
        var port = FreePort();
        try
        {
            Run("chmod", "777", directory);
            Run("chown", "-R", "postgres", directory);
            AsPostgres("initdb", "-D", data, "-A", "trust", "-U", "postgres", "--no-sync");
            var conf = $"port = {port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '{directory}'\nlogging_collector = off\nfsync = off\n";
            if (includeSettings is not null)
            {
                conf += $"include '{includeSettings}'\n";
            }

            await File.AppendAllTextAsync(Path.Combine(data, "postgresql.conf"), conf);
            AsPostgres("pg_ctl", "-D", data, "-l", log, "-w", "-t", "60", "start");
            try
            {
                await using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={port};Username=postgres;Pooling=false");
                await connection.OpenAsync();
                await ProvokeAsync(connection);
            }
            finally
            {
                AsPostgres("pg_ctl", "-D", data, "-w", "-m", "fast", "stop");
            }

            return await File.ReadAllTextAsync(log);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>initdb and the server refuse to run as root: as root (CI), they run as the postgres user.</summary>
    private static void AsPostgres(string program, params string[] arguments)
    {
        var path = Path.Combine(PostgresBin(), program);
        if (Environment.UserName == "root")
        {
            Run("runuser", ["-u", "postgres", "--", path, .. arguments]);
        }
        else
        {
            Run(path, arguments);
        }
    }

    private static void Run(string program, params string[] arguments)
    {
        if (Environment.UserName != "root" && program is "chown" or "chmod")
        {
            return;
        }

        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)}: {error}{output.Result}");
    }

    private static string PostgresBin() =>
        Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0).First() + "/bin";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CareMesh.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("CareMesh.sln not found above the test's output.");
    }
}
