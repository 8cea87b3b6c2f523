using System.Diagnostics;
using System.Globalization;
using Aspire.Hosting.ApplicationModel;

namespace CareMesh.AppHost.Infrastructure;

/// <summary>A server the app host runs itself from the machine's own binaries: an executable that is also a connection string.</summary>
public sealed class LocalServerResource(string name, string command, string workingDirectory, ReferenceExpression connectionString)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public ReferenceExpression ConnectionStringExpression { get; } = connectionString;
}

/// <summary>
/// The development default: PostgreSQL and RabbitMQ from the machine's Debian packages, run by the app host
/// as executable resources, each with its data under <c>.caremesh/</c> and ports of its own (beside the
/// machine's shared servers). Both refuse to run as root, so as root they run as their packages' users.
/// </summary>
public static class LocalServers
{
    /// <summary>
    /// PostgreSQL: the cluster is created on first start (superuser <c>caremesh</c>), the server runs in the
    /// foreground so the dashboard has its log, and a stop is a fast shutdown (<c>pg_ctl -m fast</c>): SIGTERM
    /// alone would be a smart shutdown, waiting for every client to leave.
    /// </summary>
    public static IResourceBuilder<LocalServerResource> AddLocalPostgres(this IDistributedApplicationBuilder builder, string name, CareMeshSettings settings)
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderBy(dir => int.TryParse(Path.GetFileName(dir), out var v) ? v : 0).Select(dir => Path.Combine(dir, "bin")).LastOrDefault()
            : null;
        if (bin is null || !File.Exists(Path.Combine(bin, "postgres")))
        {
            throw new DistributedApplicationException(
                "PostgreSQL's server is not installed (/usr/lib/postgresql/<version>/bin/postgres): run ./caremesh up, which installs it, or give ConnectionStrings__postgres.");
        }

        var home = Path.Combine(settings.StateDirectory, "postgres");
        OwnedBy("postgres", home);
        const string script = """
            set -eu
            if [ ! -s "$PGDATA/PG_VERSION" ]; then
              echo "Creating the development cluster in $PGDATA"
              pw=$(mktemp)
              printf '%s\n' "$CAREMESH_PASSWORD" > "$pw"
              "$PGBIN/initdb" -D "$PGDATA" -U "$CAREMESH_USER" --pwfile="$pw" --auth-host=scram-sha-256 --auth-local=trust -E UTF8 --no-locale --no-instructions
              rm -f "$pw"
            fi
            set +e
            "$PGBIN/postgres" -D "$PGDATA" -c listen_addresses=127.0.0.1 -c port="$PGPORT" -c unix_socket_directories="$PGDATA" -c max_connections=300 $PG_LOGGING &
            pid=$!
            trap '"$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null; wait "$pid"; exit $?' TERM INT
            wait "$pid"
            """;
        var connectionString = $"Host=127.0.0.1;Port={settings.PostgresPort.ToString(CultureInfo.InvariantCulture)};Username={CareMeshSettings.LocalUser};Password={CareMeshSettings.LocalPassword}";
        var (command, args) = RunAs("postgres", "/bin/sh", ["-c", script]);
        return builder.AddResource(new LocalServerResource(name, command, home, ReferenceExpression.Create($"{connectionString}")))
            .WithArgs(args)
            .WithEnvironment("PGBIN", bin)
            .WithEnvironment("PGDATA", Path.Combine(home, "data"))
            .WithEnvironment("PGPORT", settings.PostgresPort.ToString(CultureInfo.InvariantCulture))
            .WithEnvironment("PG_LOGGING", LoggingArguments())
            .WithEnvironment("CAREMESH_USER", CareMeshSettings.LocalUser)
            .WithEnvironment("CAREMESH_PASSWORD", CareMeshSettings.LocalPassword)
            .WithIconName("Database")
            .WithServerHealthCheck(builder, ServerHealthChecks.Postgres(connectionString));
    }

    /// <summary>
    /// The settings that keep statements' values (patient data) out of PostgreSQL's own log, from
    /// <c>infra/postgresql-logging.conf</c>, the file <c>./caremesh</c> applies to the machine's cluster,
    /// as <c>-c name=value</c> arguments (none of the values holds a space).
    /// </summary>
    private static string LoggingArguments() =>
        string.Join(' ', File.ReadLines(Path.Combine(CareMeshSettings.RepositoryRoot, "infra", "postgresql-logging.conf"))
            .Select(line => line.Split('#')[0].Split('=', 2))
            .Where(parts => parts.Length == 2)
            .Select(parts => $"-c {parts[0].Trim()}={parts[1].Trim()}"));

    /// <summary>RabbitMQ with its management plugin, a node of its own (<c>caremesh@localhost</c>) configured by files under <c>.caremesh/rabbitmq</c>.</summary>
    public static IResourceBuilder<LocalServerResource> AddLocalRabbitMq(this IDistributedApplicationBuilder builder, string name, CareMeshSettings settings)
    {
        const string server = "/usr/lib/rabbitmq/bin/rabbitmq-server";
        if (!File.Exists(server))
        {
            throw new DistributedApplicationException(
                $"RabbitMQ is not installed ({server}): run ./caremesh up, which installs it, or give ConnectionStrings__messaging.");
        }

        var home = Path.Combine(settings.StateDirectory, "rabbitmq");
        Directory.CreateDirectory(home);
        File.WriteAllText(Path.Combine(home, "rabbitmq.conf"), $"""
            # Written by the CareMesh app host on every start: loopback only, development credentials.
            listeners.tcp.default = 127.0.0.1:{settings.RabbitMqPort}
            management.tcp.ip = 127.0.0.1
            management.tcp.port = {settings.RabbitMqManagementPort}
            default_user = {CareMeshSettings.LocalUser}
            default_pass = {CareMeshSettings.LocalPassword}
            default_user_tags.administrator = true
            log.console = true
            log.file = false

            """);
        File.WriteAllText(Path.Combine(home, "enabled_plugins"), "[rabbitmq_management].\n");
        // Read instead of /etc/rabbitmq/rabbitmq-env.conf, whose node name is the shared broker's.
        File.WriteAllText(Path.Combine(home, "rabbitmq-env.conf"), "# The CareMesh app host sets everything through the environment.\n");
        OwnedBy("rabbitmq", home);

        var (command, args) = RunAs("rabbitmq", server, []);
        return builder.AddResource(new LocalServerResource(name, command, home, ReferenceExpression.Create($"{settings.Messaging.ToString().TrimEnd('/')}")))
            .WithArgs(args)
            .WithEnvironment("HOME", home)
            .WithEnvironment("RABBITMQ_NODENAME", "caremesh@localhost")
            .WithEnvironment("RABBITMQ_CONF_ENV_FILE", Path.Combine(home, "rabbitmq-env.conf"))
            .WithEnvironment("RABBITMQ_CONFIG_FILE", Path.Combine(home, "rabbitmq.conf"))
            .WithEnvironment("RABBITMQ_ENABLED_PLUGINS_FILE", Path.Combine(home, "enabled_plugins"))
            .WithEnvironment("RABBITMQ_MNESIA_BASE", Path.Combine(home, "mnesia"))
            .WithEnvironment("RABBITMQ_LOG_BASE", Path.Combine(home, "log"))
            .WithEnvironment("RABBITMQ_PID_FILE", Path.Combine(home, "rabbitmq.pid"))
            .WithEnvironment("RABBITMQ_DIST_PORT", (settings.RabbitMqPort + 20000).ToString(CultureInfo.InvariantCulture))
            .WithEnvironment("ERL_EPMD_ADDRESS", "127.0.0.1")
            .WithEnvironment("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", "-kernel inet_dist_use_interface {127,0,0,1}")
            .WithUrl(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{settings.RabbitMqManagementPort}"), "Management")
            .WithIconName("Mailbox")
            .WithServerHealthCheck(builder, ServerHealthChecks.RabbitMq(settings.Messaging));
    }

    /// <summary>As root, the command runs as the server's own user (setpriv execs it: no process in between to pass signals on).</summary>
    private static (string Command, string[] Args) RunAs(string user, string command, string[] args) =>
        Environment.IsPrivilegedProcess
            ? ("/usr/bin/setpriv", [$"--reuid={user}", $"--regid={user}", "--init-groups", command, .. args])
            : (command, args);

    private static void OwnedBy(string user, string directory)
    {
        Directory.CreateDirectory(directory);
        if (!Environment.IsPrivilegedProcess)
        {
            return;
        }

        using var chown = Process.Start("chown", ["-R", $"{user}:{user}", directory]);
        chown.WaitForExit();
        if (chown.ExitCode != 0)
        {
            throw new DistributedApplicationException($"Could not give {directory} to the {user} user (chown exit code {chown.ExitCode}).");
        }
    }
}
