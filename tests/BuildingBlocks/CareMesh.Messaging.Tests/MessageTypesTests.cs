using CareMesh.Contracts.Referrals;

namespace CareMesh.Messaging.Tests;

public class MessageTypesTests
{
    [Fact]
    public void An_integration_event_round_trips_through_its_stored_name()
    {
        var name = MessageTypes.NameOf(typeof(ReferralReceived));

        Assert.Equal("CareMesh.Contracts.Referrals.ReferralReceived", name);
        Assert.Equal(typeof(ReferralReceived), MessageTypes.Resolve(name));
    }

    [Fact]
    public void A_type_outside_the_contracts_is_refused() =>
        Assert.Throws<ArgumentException>(() => MessageTypes.NameOf(typeof(string)));

    [Fact]
    public void An_unknown_stored_name_is_refused_rather_than_guessed() =>
        Assert.Throws<InvalidOperationException>(() => MessageTypes.Resolve("CareMesh.Contracts.Referrals.NoSuchEvent"));
}
