using System.Runtime.InteropServices;

namespace CareMesh.AppHost.Orchestration;

/// <summary>SIGTERM, which .NET can receive but not send: the graceful stop a service gets on Ctrl-C.</summary>
internal static partial class ProcessSignals
{
    private const int SigTerm = 15;

    /// <summary>Asks the process to stop; false where there is no such signal (Windows) or it could not be sent.</summary>
    public static bool TryTerminate(int processId) => !OperatingSystem.IsWindows() && Kill(processId, SigTerm) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int processId, int signal);
}
