using CareMesh.CarePlans.Actions;
using CareMesh.CarePlans.Goals;

namespace CareMesh.CarePlans.Tests.Goals;

/// <summary>The goal, action and onward-referral lifecycles as tables: every status against every step.</summary>
public class WorkflowTableTests
{
    private static TheoryData<TState, TStep, TState?> Everything<TState, TStep>(Dictionary<(TState, TStep), TState> expected)
        where TState : struct, Enum where TStep : struct, Enum
    {
        var data = new TheoryData<TState, TStep, TState?>();
        foreach (var status in Enum.GetValues<TState>())
        {
            foreach (var step in Enum.GetValues<TStep>())
            {
                data.Add(status, step, expected.TryGetValue((status, step), out var to) ? to : null);
            }
        }

        return data;
    }

    public static TheoryData<GoalStatus, GoalStep, GoalStatus?> Goals() => Everything(new Dictionary<(GoalStatus, GoalStep), GoalStatus>
    {
        [(GoalStatus.Proposed, GoalStep.Start)] = GoalStatus.Active,
        [(GoalStatus.Proposed, GoalStep.Cancel)] = GoalStatus.Cancelled,
        [(GoalStatus.Active, GoalStep.Hold)] = GoalStatus.OnHold,
        [(GoalStatus.Active, GoalStep.Achieve)] = GoalStatus.Achieved,
        [(GoalStatus.Active, GoalStep.PartlyAchieve)] = GoalStatus.PartlyAchieved,
        [(GoalStatus.Active, GoalStep.NotAchieve)] = GoalStatus.NotAchieved,
        [(GoalStatus.Active, GoalStep.Cancel)] = GoalStatus.Cancelled,
        [(GoalStatus.OnHold, GoalStep.Resume)] = GoalStatus.Active,
        [(GoalStatus.OnHold, GoalStep.NotAchieve)] = GoalStatus.NotAchieved,
        [(GoalStatus.OnHold, GoalStep.Cancel)] = GoalStatus.Cancelled,
    });

    public static TheoryData<ActionStatus, ActionStep, ActionStatus?> Actions() => Everything(new Dictionary<(ActionStatus, ActionStep), ActionStatus>
    {
        [(ActionStatus.Open, ActionStep.Start)] = ActionStatus.InProgress,
        [(ActionStatus.Open, ActionStep.Complete)] = ActionStatus.Done,
        [(ActionStatus.Open, ActionStep.Cancel)] = ActionStatus.Cancelled,
        [(ActionStatus.InProgress, ActionStep.Complete)] = ActionStatus.Done,
        [(ActionStatus.InProgress, ActionStep.Cancel)] = ActionStatus.Cancelled,
        [(ActionStatus.InProgress, ActionStep.Pause)] = ActionStatus.Open,
    });

    public static TheoryData<OnwardReferralStatus, OnwardReferralNews, OnwardReferralStatus?> OnwardReferrals() =>
        Everything(new Dictionary<(OnwardReferralStatus, OnwardReferralNews), OnwardReferralStatus>
        {
            [(OnwardReferralStatus.Requested, OnwardReferralNews.Accept)] = OnwardReferralStatus.Accepted,
            [(OnwardReferralStatus.Requested, OnwardReferralNews.Decline)] = OnwardReferralStatus.Declined,
            [(OnwardReferralStatus.Requested, OnwardReferralNews.Complete)] = OnwardReferralStatus.Completed,
            [(OnwardReferralStatus.Accepted, OnwardReferralNews.Decline)] = OnwardReferralStatus.Declined,
            [(OnwardReferralStatus.Accepted, OnwardReferralNews.Complete)] = OnwardReferralStatus.Completed,
        });

    [Theory]
    [MemberData(nameof(Goals))]
    public void Each_goal_status_allows_only_its_steps(GoalStatus from, GoalStep step, GoalStatus? to) => Assert.Equal(to, GoalWorkflow.Machine.Next(from, step));

    [Theory]
    [MemberData(nameof(Actions))]
    public void Each_action_status_allows_only_its_steps(ActionStatus from, ActionStep step, ActionStatus? to) => Assert.Equal(to, ActionWorkflow.Machine.Next(from, step));

    [Theory]
    [MemberData(nameof(OnwardReferrals))]
    public void Each_onward_referral_status_takes_only_the_news_that_moves_it_on(OnwardReferralStatus from, OnwardReferralNews news, OnwardReferralStatus? to) =>
        Assert.Equal(to, OnwardReferralWorkflow.Machine.Next(from, news));

    [Fact]
    public void The_outcomes_and_cancelled_end_a_goal() =>
        Assert.Equal([GoalStatus.Achieved, GoalStatus.PartlyAchieved, GoalStatus.NotAchieved, GoalStatus.Cancelled], GoalWorkflow.Machine.FinalStates);
}
