using CareMesh.Web.Components.Charts;
using CareMesh.Web.Components.Directory;

namespace CareMesh.Web.Tests.Directory;

/// <summary>What a listing's wire words mean on the directory pages, and the demand chart drawn without script.</summary>
public class ListingTests : BunitContext
{
    [Theory]
    [InlineData("direct-referral", "accepting-referrals", true)]
    [InlineData("direct-referral", "waiting-list", true)]
    [InlineData("direct-referral", "closed-to-referrals", false)]
    [InlineData("signposting-only", "accepting-referrals", false)]
    public void Only_a_direct_referral_service_open_to_referrals_is_offered_one(string route, string capacity, bool offered) =>
        Assert.Equal(offered, Listing.TakesReferrals(route, capacity));

    [Theory]
    [InlineData("MO,TU", "Monday, Tuesday")]
    [InlineData("1SA", "first Saturday")]
    [InlineData("-1FR", "last Friday")]
    [InlineData(null, "")]
    public void Opening_days_read_as_words(string? byDay, string words) => Assert.Equal(words, Listing.Days(byDay));

    [Fact]
    public void A_waiting_list_says_how_long()
    {
        Assert.Equal("Waiting list, about 3 weeks", Listing.CapacityText("waiting-list", 3));
        Assert.Equal("Waiting list, about 1 week", Listing.CapacityText("waiting-list", 1));
        Assert.Equal("Accepting referrals", Listing.CapacityText("accepting-referrals", null));
    }

}
