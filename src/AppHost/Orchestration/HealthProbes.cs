using System.Net.Sockets;

namespace CareMesh.AppHost.Orchestration;

/// <summary>One look at whether a resource can serve. Never throws for an unhealthy resource.</summary>
public interface IHealthProbe
{
    Task<bool> IsHealthyAsync(CancellationToken cancellationToken);
}

/// <summary>A service is healthy when its <c>/health</c> endpoint (database, broker) answers 2xx.</summary>
internal sealed class HttpHealthProbe(HttpClient http, Uri healthUri) : IHealthProbe
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            using var response = await http.GetAsync(healthUri, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }
}

/// <summary>
/// A server is healthy when it accepts a TCP connection. Nothing is sent, so PostgreSQL and RabbitMQ
/// do not log a failed handshake every few seconds.
/// </summary>
internal sealed class TcpHealthProbe(string host, int port) : IHealthProbe
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(host, port, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }
}
