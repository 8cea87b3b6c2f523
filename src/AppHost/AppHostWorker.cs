using System.Runtime.InteropServices;
using CareMesh.AppHost.Console;
using Microsoft.Extensions.Hosting;

namespace CareMesh.AppHost;

/// <summary>Runs CareMesh for as long as the host runs: Ctrl-C, SIGTERM or a closed terminal stops it in order.</summary>
internal sealed class AppHostWorker(CareMeshApp app, ConsoleReporter reporter, IHostApplicationLifetime lifetime) : IHostedService, IDisposable
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

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        reporter.Stopping();
        await app.StopAsync(cancellationToken);
        reporter.Stopped();
    }

    public void Dispose() => hangUp?.Dispose();
}
