using CareMesh.Web.Forms;

namespace CareMesh.Web.Components.CarePlans;

/// <summary>A page that changes one care plan, one form posted with the plan's revision seen (<see cref="RecordForm{TRecord}"/>).</summary>
public abstract class CarePlanForm : RecordForm<CarePlanView>
{
    protected CarePlanView? Plan => Record;

    protected override string RecordPath => $"/api/care-plans/{Id}";

    protected override string PagePath => $"/care-plans/{Id}";

    /// <summary>The plan's ETag is its revision (every change moves it on), not its agreed version's number.</summary>
    protected override int VersionOf(CarePlanView record) => record.Revision;

    protected string PersonName => Plan is { } plan ? $"{plan.Person.GivenName} {plan.Person.FamilyName}" : "";
}
