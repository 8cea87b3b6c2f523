using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using CareMesh.AppHost.Model;

namespace CareMesh.AppHost.Orchestration;

/// <summary>
/// A process the app host started, its output captured line by line. Every live one is killed with
/// its children if the app host itself ends without stopping them (ProcessExit, unhandled exception).
/// </summary>
internal sealed class ChildProcess
{
    /// <summary>
    /// How long to keep reading output after the process has ended: a grandchild that inherited the
    /// pipe could otherwise hold supervision up for as long as it lives.
    /// </summary>
    private static readonly TimeSpan OutputDrainTimeout = TimeSpan.FromSeconds(2);

    /// <summary>util-linux setsid: execs the command in place, so it keeps the PID the app host watches.</summary>
    private const string Setsid = "/usr/bin/setsid";

    private static readonly ConcurrentDictionary<int, ChildProcess> Live = new();

    private readonly Process process;
    private readonly TaskCompletionSource processEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    static ChildProcess()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
        AppDomain.CurrentDomain.UnhandledException += (_, _) => KillAll();
    }

    private ChildProcess(Process process)
    {
        this.process = process;
        Id = process.Id;
        Exited = WatchAsync();
    }

    public int Id { get; }

    /// <summary>Completes with the exit code once the process has ended and its output has been read.</summary>
    public Task<int> Exited { get; }

    /// <exception cref="Win32Exception">The file could not be run.</exception>
    public static ChildProcess Start(LaunchSpec spec, Action<LogStream, string> onLine)
    {
        var (fileName, arguments) = spec.OwnSession && File.Exists(Setsid)
            ? (Setsid, [spec.FileName, .. spec.Arguments])
            : (spec.FileName, spec.Arguments);
        var startInfo = new ProcessStartInfo(fileName, arguments)
        {
            WorkingDirectory = spec.WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var environment = spec.EffectiveEnvironment(startInfo.Environment);
        startInfo.Environment.Clear();
        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Forward(LogStream.StandardOutput, e.Data);
        process.ErrorDataReceived += (_, e) => Forward(LogStream.StandardError, e.Data);

        try
        {
            process.Start();
        }
        catch
        {
            process.Dispose();
            throw;
        }

        // Reading starts before anything watches for the exit, so a process that ends at once is still read whole.
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var child = new ChildProcess(process);
        Live[child.Id] = child;
        return child;

        // Null marks the end of the stream.
        void Forward(LogStream stream, string? line)
        {
            if (line is not null)
            {
                onLine(stream, line);
            }
        }
    }

    /// <summary>SIGTERM, then, if the process has not ended within <paramref name="grace"/>, kills it and its children.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (!processEnded.Task.IsCompleted && ProcessSignals.TryTerminate(Id))
        {
            await Task.WhenAny(processEnded.Task, Task.Delay(grace));
        }

        if (!processEnded.Task.IsCompleted)
        {
            Kill();
        }

        await Exited;
    }

    /// <summary>Kills the process and every process it started, at once.</summary>
    public void Kill()
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception)
        {
            // Already ended, or gone while its children were being listed.
        }
    }

    private async Task<int> WatchAsync()
    {
        process.Exited += (_, _) => processEnded.TrySetResult();
        if (process.HasExited)
        {
            processEnded.TrySetResult();
        }

        await processEnded.Task;
        await Task.WhenAny(process.WaitForExitAsync(), Task.Delay(OutputDrainTimeout));
        Live.TryRemove(Id, out _);
        var exitCode = process.ExitCode;
        process.Dispose();
        return exitCode;
    }

    private static void KillAll()
    {
        foreach (var child in Live.Values)
        {
            child.Kill();
        }
    }
}
