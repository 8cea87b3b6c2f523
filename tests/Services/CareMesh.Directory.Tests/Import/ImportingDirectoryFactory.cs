using CareMesh.Testing;
using Microsoft.AspNetCore.Hosting;

namespace CareMesh.Directory.Tests.Import;

/// <summary>A directory that may import from loopback addresses, where the tests serve the feeds it imports.</summary>
public sealed class ImportingDirectoryFactory() : ServiceFactory<Program>("directorydb")
{
    /// <summary>Small pages, so that a feed of a few services spans several.</summary>
    public const int PageSize = 2;

    /// <summary>Room for the tests' feeds, small enough to exceed cheaply.</summary>
    public const int MaxDocumentBytes = 256 * 1024;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Directory:Import:AllowPrivateAddresses", "true");
        builder.UseSetting("Directory:Import:PageSize", PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Directory:Import:MaxDocumentBytes", MaxDocumentBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
