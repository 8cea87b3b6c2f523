using CareMesh.Web.Components.Directory;
using CareMesh.Web.Forms;

namespace CareMesh.Web.Components.Partner;

/// <summary>
/// A partner's page that changes one of their listings (<see cref="RecordForm{TRecord}"/>): the listing's version goes as
/// If-Match, and a saved change goes back to their services, which say what was done to which one.
/// </summary>
public abstract class ServiceForm : RecordForm<ServiceListingView>
{
    protected ServiceListingView? Service => Record;

    protected override string RecordPath => $"/api/directory/services/{Id}";

    protected override string PagePath => $"/partner/services?done={Done}&service={Id}";

    /// <summary>What the services page tells the partner it did: <c>saved</c>, <c>withdrawn</c>.</summary>
    protected abstract string Done { get; }

    protected override int VersionOf(ServiceListingView record) => record.Version;
}
