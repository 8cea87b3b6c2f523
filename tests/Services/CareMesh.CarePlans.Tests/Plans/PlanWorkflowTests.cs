using CareMesh.CarePlans.Plans;

namespace CareMesh.CarePlans.Tests.Plans;

/// <summary>The plan's lifecycle as a table: every status against every step.</summary>
public class PlanWorkflowTests
{
    public static TheoryData<PlanStatus, PlanStep, PlanStatus?> Table()
    {
        var expected = new Dictionary<(PlanStatus, PlanStep), PlanStatus>
        {
            [(PlanStatus.Draft, PlanStep.Agree)] = PlanStatus.Agreed,
            [(PlanStatus.Draft, PlanStep.Close)] = PlanStatus.Closed,
            [(PlanStatus.Agreed, PlanStep.Revise)] = PlanStatus.Draft,
            [(PlanStatus.Agreed, PlanStep.Review)] = PlanStatus.Agreed,
            [(PlanStatus.Agreed, PlanStep.Close)] = PlanStatus.Closed,
        };
        var data = new TheoryData<PlanStatus, PlanStep, PlanStatus?>();
        foreach (var status in Enum.GetValues<PlanStatus>())
        {
            foreach (var step in Enum.GetValues<PlanStep>())
            {
                data.Add(status, step, expected.TryGetValue((status, step), out var to) ? to : null);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void Each_status_allows_only_its_steps(PlanStatus from, PlanStep step, PlanStatus? to) =>
        Assert.Equal(to, PlanWorkflow.Machine.Next(from, step));

    [Fact]
    public void Closed_is_final() => Assert.Equal([PlanStatus.Closed], PlanWorkflow.Machine.FinalStates);
}
