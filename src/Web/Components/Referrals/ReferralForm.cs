using CareMesh.Web.Forms;

namespace CareMesh.Web.Components.Referrals;

/// <summary>A page that changes one referral, one form posted with the version seen (<see cref="RecordForm{TRecord}"/>).</summary>
public abstract class ReferralForm : RecordForm<ReferralView>
{
    protected ReferralView? Referral => Record;

    protected override string RecordPath => $"/api/referrals/{Id}";

    protected override string PagePath => $"/referrals/{Id}";

    protected override int VersionOf(ReferralView record) => record.Version;
}
