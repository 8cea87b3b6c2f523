using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using CareMesh.AppHost.Model;
using CareMesh.AppHost.Orchestration;

namespace CareMesh.AppHost.Tests;

// The stand-in script is a Unix shell script.
[UnsupportedOSPlatform("windows")]
public class InfrastructureSupervisorTests
{
    private static Resource Server(string name) =>
        new(new ResourceDefinition(name, ResourceKind.PostgreSQL), ["tcp://127.0.0.1"], new Dictionary<string, string>());

    [Fact]
    public async Task A_server_that_accepts_connections_is_running_and_healthy()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var resource = Server("postgres");
        var supervisor = new InfrastructureSupervisor(resource, new TcpHealthProbe("127.0.0.1", ((IPEndPoint)listener.LocalEndpoint).Port), script: null);

        supervisor.Start();
        var running = await resource.WaitUntil(snapshot => snapshot.State == ResourceState.Running);
        await supervisor.StopAsync();

        Assert.Equal(ResourceHealth.Healthy, running.Health);
    }

    [Fact]
    public async Task A_failing_infrastructure_script_fails_the_servers_and_its_output_is_in_each_log()
    {
        var script = Path.Combine(Path.GetTempPath(), $"caremesh-{Guid.NewGuid():N}.sh");
        await File.WriteAllTextAsync(script, "#!/bin/sh\necho \"asked to $1 $2\"\necho 'cannot install' >&2\nexit 4\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        try
        {
            var postgres = Server("postgres");
            var rabbitmq = Server("rabbitmq");
            var shared = new InfrastructureScript(script, [postgres, rabbitmq], TimeSpan.FromSeconds(5));
            IResourceSupervisor[] supervisors =
            [
                new InfrastructureSupervisor(postgres, new TcpHealthProbe("127.0.0.1", 1), shared),
                new InfrastructureSupervisor(rabbitmq, new TcpHealthProbe("127.0.0.1", 1), shared),
            ];

            foreach (var supervisor in supervisors)
            {
                supervisor.Start();
            }

            foreach (var resource in new[] { postgres, rabbitmq })
            {
                await resource.WaitUntil(snapshot => snapshot.State == ResourceState.FailedToStart);
                var lines = resource.Logs.Snapshot();
                Assert.Single(lines, line => line.Text == "asked to infra start");
                Assert.Contains(lines, line => line is { Stream: LogStream.StandardError, Text: "cannot install" });
            }

            await Task.WhenAll(supervisors.Select(supervisor => supervisor.StopAsync()));
        }
        finally
        {
            File.Delete(script);
        }
    }
}
