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

    [Fact]
    public void The_chart_is_an_image_named_by_its_title_and_summary_with_a_bar_for_each_figure()
    {
        var chart = Render<BarChart>(p => p
            .Add(c => c.Id, "demand")
            .Add(c => c.Title, "Referrals sent")
            .Add(c => c.Bars, [("Oct 26", 0), ("Nov 26", 2), ("Dec 26", 4)]));

        var svg = chart.Find("svg");
        Assert.Equal("img", svg.GetAttribute("role"));
        Assert.Equal("demand-title demand-desc", svg.GetAttribute("aria-labelledby"));
        Assert.Equal("Referrals sent", chart.Find("#demand-title").TextContent);
        Assert.Equal("6 in all, from Oct 26 to Dec 26; most in Dec 26 (4).", chart.Find("#demand-desc").TextContent);
        var heights = chart.FindAll("rect").Select(r => int.Parse(r.GetAttribute("height")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(3, heights.Count);
        Assert.Equal(0, heights[0]);
        Assert.Equal(heights[2], heights[1] * 2);
        Assert.Empty(chart.FindAll("script"));
    }
}
