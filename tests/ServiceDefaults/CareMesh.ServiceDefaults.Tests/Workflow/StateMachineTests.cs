using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;

namespace CareMesh.ServiceDefaults.Tests.Workflow;

public class StateMachineTests
{
    private enum Light { Red, RedAmber, Green, Amber, Off }

    private enum Change { Prepare, Go, Slow, Stop, SwitchOff }

    private static readonly StateMachine<Light, Change> Lights = new(
    [
        (Light.Red, Change.Prepare, Light.RedAmber),
        (Light.RedAmber, Change.Go, Light.Green),
        (Light.Green, Change.Slow, Light.Amber),
        (Light.Amber, Change.Stop, Light.Red),
        (Light.Red, Change.SwitchOff, Light.Off),
    ]);

    [Fact]
    public void Every_pair_is_allowed_exactly_when_the_table_lists_it()
    {
        foreach (var from in Enum.GetValues<Light>())
        {
            foreach (var change in Enum.GetValues<Change>())
            {
                var listed = Lights.Transitions.Where(t => t.From == from && t.Action == change).Select(t => (Light?)t.To).SingleOrDefault();
                Assert.Equal(listed, Lights.Next(from, change));
                Assert.Equal(listed is not null, Lights.Allows(from, change));
            }
        }
    }

    [Fact]
    public void A_state_knows_its_actions_and_final_states_are_those_left_by_none()
    {
        Assert.Equal([Change.Prepare, Change.SwitchOff], Lights.ActionsFrom(Light.Red));
        Assert.Equal([Light.Off], Lights.FinalStates);
    }

    [Fact]
    public void A_table_naming_one_move_twice_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new StateMachine<Light, Change>([(Light.Red, Change.Go, Light.Green), (Light.Red, Change.Go, Light.Amber)]));
    }

    [Fact]
    public void A_refusal_is_a_409_naming_the_current_state_and_what_it_allows()
    {
        var refusal = Lights.Refusal("light", Light.Red, Change.Go);

        Assert.Equal(StatusCodes.Status409Conflict, refusal.StatusCode);
        Assert.Equal("red", refusal.ProblemDetails.Extensions["currentStatus"]);
        Assert.Equal(new[] { "prepare", "switch-off" }, refusal.ProblemDetails.Extensions["allowedActions"]);
        Assert.Equal(new[] { "red-amber", "off" }, refusal.ProblemDetails.Extensions["allowedNextStatuses"]);
        Assert.Contains("'go'", refusal.ProblemDetails.Title);
    }
}
