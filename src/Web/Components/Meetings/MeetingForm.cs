using CareMesh.Web.Forms;

namespace CareMesh.Web.Components.Meetings;

/// <summary>A page that changes one meeting, one form posted with the meeting's version seen (<see cref="RecordForm{TRecord}"/>).</summary>
public abstract class MeetingForm : RecordForm<MeetingView>
{
    protected MeetingView? Meeting => Record;

    protected override string RecordPath => $"/api/meetings/{Id}";

    protected override string PagePath => $"/meetings/{Id}";

    protected override int VersionOf(MeetingView record) => record.Version;
}
