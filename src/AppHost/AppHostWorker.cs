using System.Runtime.InteropServices;
using CareMesh.AppHost.Console;
using Microsoft.Extensions.Hosting;

namespace CareMesh.AppHost;

/// <summary>
/// Runs CareMesh for as long as the host runs: Ctrl-C, SIGTERM or a closed terminal stops it in order.
/// The resources stop in <see cref="StoppingAsync"/>, before the host stops its web server, so the
/// services' last telemetry still reaches the dashboard's receiver as they shut down.
/// </summary>
internal sealed class AppHostWorker(CareMeshApp app, ConsoleReporter reporter, IHostApplicationLifetime lifetime) : IHostedLifecycleService, IDisposable
{
    private PosixSignalRegistration? hangUp;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // The services run in sessions of their own, so a closing terminal no longer ends them: the app host must.
        hangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
        {
            context.Cancel = true;
            lifetime.StopApplication();
        });
        reporter.Starting();
        return app.StartAsync(cancellationToken);
    }

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        reporter.Stopping();
        await app.StopAsync(cancellationToken);
        reporter.Stopped();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => hangUp?.Dispose();
}
