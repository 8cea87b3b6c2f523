namespace CareMesh.AppHost.Model;

/// <summary>What a resource is, which decides how the app host starts it and checks its health.</summary>
public enum ResourceKind
{
    PostgreSQL,
    RabbitMQ,

    /// <summary>A .NET project of this repository, run as its own process.</summary>
    Project,
}
