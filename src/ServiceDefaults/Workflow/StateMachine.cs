using Microsoft.AspNetCore.Http.HttpResults;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// A workflow's states and the actions that move between them, written once as a table of
/// (from, action, to) rows. Anything not in the table is refused, and the refusal says what the
/// record's state allows.
/// </summary>
public sealed class StateMachine<TState, TAction>
    where TState : struct, Enum
    where TAction : struct, Enum
{
    private readonly Dictionary<(TState From, TAction Action), TState> _transitions;

    public StateMachine(IEnumerable<(TState From, TAction Action, TState To)> transitions)
    {
        Transitions = [.. transitions];
        _transitions = [];
        foreach (var (from, action, to) in Transitions)
        {
            if (!_transitions.TryAdd((from, action), to))
            {
                throw new ArgumentException($"The table names {action} from {from} twice.", nameof(transitions));
            }
        }
    }

    public IReadOnlyList<(TState From, TAction Action, TState To)> Transitions { get; }

    /// <summary>The state <paramref name="action"/> leads to from <paramref name="from"/>, or null when the table does not allow it.</summary>
    public TState? Next(TState from, TAction action) => _transitions.TryGetValue((from, action), out var to) ? to : null;

    public bool Allows(TState from, TAction action) => _transitions.ContainsKey((from, action));

    /// <summary>What can be done from <paramref name="from"/>, in the table's order.</summary>
    public IReadOnlyList<TAction> ActionsFrom(TState from) => [.. Transitions.Where(t => t.From.Equals(from)).Select(t => t.Action).Distinct()];

    /// <summary>States nothing leads out of.</summary>
    public IReadOnlyList<TState> FinalStates => [.. Enum.GetValues<TState>().Where(state => !Transitions.Any(t => t.From.Equals(state)))];

    /// <summary>
    /// 409 for an action the current state does not allow, naming the current state, the action and
    /// what is allowed now (as wire names, with the states each leads to).
    /// </summary>
    public ProblemHttpResult Refusal(string what, TState current, TAction action) =>
        ServiceProblems.Conflict(
            $"The {what} is {WireEnum.Name(current)}: '{WireEnum.Name(action)}' is not allowed from there.",
            ActionsFrom(current) is { Count: > 0 } allowed
                ? $"From {WireEnum.Name(current)} it can be: {string.Join(", ", allowed.Select(a => WireEnum.Name(a)))}."
                : $"{WireEnum.Name(current)} is final: nothing more can be done to it.",
            new Dictionary<string, object?>
            {
                ["currentStatus"] = WireEnum.Name(current),
                ["action"] = WireEnum.Name(action),
                ["allowedActions"] = ActionsFrom(current).Select(a => WireEnum.Name(a)).ToArray(),
                ["allowedNextStatuses"] = Transitions.Where(t => t.From.Equals(current)).Select(t => WireEnum.Name(t.To)).Distinct().ToArray(),
            });
}
