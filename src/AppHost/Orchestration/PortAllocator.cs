using System.Net;
using System.Net.Sockets;

namespace CareMesh.AppHost.Orchestration;

/// <summary>Free loopback ports, chosen by the OS.</summary>
public static class PortAllocator
{
    /// <summary>
    /// Distinct free ports: every listener stays open until all are chosen, so the OS cannot hand out
    /// the same port twice.
    /// </summary>
    public static IReadOnlyList<int> FreeLoopbackPorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(listener => listener.Start());
            return [.. listeners.Select(listener => ((IPEndPoint)listener.LocalEndpoint).Port)];
        }
        finally
        {
            listeners.ForEach(listener => listener.Stop());
        }
    }
}
