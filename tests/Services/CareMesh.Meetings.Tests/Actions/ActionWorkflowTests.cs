using CareMesh.Meetings.Actions;

namespace CareMesh.Meetings.Tests.Actions;

/// <summary>The action workflow as a table: every status against every step.</summary>
public class ActionWorkflowTests
{
    public static TheoryData<ActionStatus, ActionStep, ActionStatus?> Table()
    {
        var expected = new Dictionary<(ActionStatus, ActionStep), ActionStatus>
        {
            [(ActionStatus.Open, ActionStep.Start)] = ActionStatus.InProgress,
            [(ActionStatus.Open, ActionStep.Complete)] = ActionStatus.Done,
            [(ActionStatus.Open, ActionStep.Cancel)] = ActionStatus.Cancelled,
            [(ActionStatus.InProgress, ActionStep.Complete)] = ActionStatus.Done,
            [(ActionStatus.InProgress, ActionStep.Cancel)] = ActionStatus.Cancelled,
            [(ActionStatus.InProgress, ActionStep.Pause)] = ActionStatus.Open,
        };
        var data = new TheoryData<ActionStatus, ActionStep, ActionStatus?>();
        foreach (var status in Enum.GetValues<ActionStatus>())
        {
            foreach (var step in Enum.GetValues<ActionStep>())
            {
                data.Add(status, step, expected.TryGetValue((status, step), out var to) ? to : null);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void Each_status_allows_only_its_steps(ActionStatus from, ActionStep step, ActionStatus? to) =>
        Assert.Equal(to, ActionWorkflow.Machine.Next(from, step));

    [Fact]
    public void Done_and_cancelled_are_final() =>
        Assert.Equal([ActionStatus.Done, ActionStatus.Cancelled], ActionWorkflow.Machine.FinalStates);
}
