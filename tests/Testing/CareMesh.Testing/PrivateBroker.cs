using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CareMesh.Testing;

/// <summary>
/// A RabbitMQ node of a test's own (its own node name, ports and data directory), started from the
/// installed server, so a fault test can stop and start the broker without disturbing any other test
/// or a developer's running platform. Its data survives a stop, as a real broker's does.
/// </summary>
public sealed class PrivateBroker : IAsyncDisposable
{
    private const string ServerScript = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "caremesh-broker-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly int _amqpPort = TestServers.FreeLoopbackPort();
    private readonly int _distributionPort = TestServers.FreeLoopbackPort();
    private Process? _server;

    public PrivateBroker()
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllText(Path.Combine(_directory, "rabbitmq.conf"), $"""
            listeners.tcp.default = 127.0.0.1:{_amqpPort}
            loopback_users = none
            """);
        File.WriteAllText(Path.Combine(_directory, "enabled_plugins"), "[].");
    }

    public string ConnectionString => $"amqp://guest:guest@127.0.0.1:{_amqpPort}";

    public async Task StartAsync()
    {
        if (!File.Exists(ServerScript))
        {
            throw new InvalidOperationException($"{ServerScript} is missing: run ./caremesh infra start, which installs RabbitMQ.");
        }

        var node = "caremesh-test-" + Path.GetFileName(_directory)[^8..];
        _server = TestProcess.Start(ServerScript, [], new Dictionary<string, string>
        {
            ["RABBITMQ_NODENAME"] = $"{node}@localhost",
            ["RABBITMQ_NODE_PORT"] = _amqpPort.ToString(),
            ["RABBITMQ_DIST_PORT"] = _distributionPort.ToString(),
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(_directory, "data"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(_directory, "log"),
            ["RABBITMQ_CONFIG_FILE"] = Path.Combine(_directory, "rabbitmq"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(_directory, "enabled_plugins"),
            ["RABBITMQ_PID_FILE"] = Path.Combine(_directory, "pid"),
            ["HOME"] = _directory,
        });

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await AcceptsConnectionsAsync())
        {
            if (_server.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"The private broker did not start; see {_directory}/log.");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Stops the node as an operator would (SIGTERM), waiting until it has gone.</summary>
    public async Task StopAsync()
    {
        if (_server is null)
        {
            return;
        }

        using (var term = Process.Start("kill", ["-TERM", _server.Id.ToString()]))
        {
            await term.WaitForExitAsync();
        }

        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _server.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            _server.Kill(entireProcessTree: true);
            await _server.WaitForExitAsync();
        }

        _server.Dispose();
        _server = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A straggling Erlang helper may still hold a file; the temp directory is cleaned by the OS.
        }
    }

    private async Task<bool> AcceptsConnectionsAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, _amqpPort);
            // The listener opens late in boot, once the node can serve connections.
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
