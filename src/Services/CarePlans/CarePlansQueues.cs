namespace CareMesh.CarePlans;

/// <summary>
/// Queue names of CarePlans' own. The shared kebab-case formatter names a queue after its consumer
/// class alone, so two services' consumers of the same name (Meetings also has a
/// ReferralAcceptedConsumer) would share one queue and each receive only some of the events.
/// </summary>
public static class CarePlansQueues
{
    public static string Named(string consumer) => $"care-plans-{consumer}";
}
