using CareMesh.Web.Live;

namespace CareMesh.Web.Tests.Live;

public class LiveHubTests
{
    [Fact]
    public void A_page_hears_a_change_to_any_of_its_topics_once_and_nothing_of_other_topics()
    {
        var hub = new LiveHub();
        using var referralPage = hub.Listen(["referral:a"]);
        using var caseload = hub.Listen(["caseload:casey", "referral:a"]);
        using var elsewhere = hub.Listen(["referral:b"]);

        hub.Tell(["referral:a", "caseload:casey"], "The referral was allocated.");

        Assert.True(referralPage.Changes.Reader.TryRead(out var heard));
        Assert.Equal(new LiveChange("referral:a", "The referral was allocated."), heard);
        Assert.True(caseload.Changes.Reader.TryRead(out _));
        Assert.False(caseload.Changes.Reader.TryRead(out _));
        Assert.False(elsewhere.Changes.Reader.TryRead(out _));
    }

    [Fact]
    public void A_closed_page_is_forgotten()
    {
        var hub = new LiveHub();
        var page = hub.Listen(["referral:a", "caseload:casey"]);
        Assert.Equal(1, hub.Listening);

        page.Dispose();
        hub.Tell(["referral:a"], "The referral was accepted.");

        Assert.Equal(0, hub.Listening);
        Assert.False(page.Changes.Reader.TryRead(out _));
    }

    [Fact]
    public void A_page_that_stops_reading_keeps_only_its_latest_changes()
    {
        var hub = new LiveHub();
        using var page = hub.Listen(["referral:a"]);

        for (var i = 0; i < 20; i++)
        {
            hub.Tell(["referral:a"], $"Change {i}.");
        }

        var kept = new List<string>();
        while (page.Changes.Reader.TryRead(out var change))
        {
            kept.Add(change.What);
        }

        Assert.Equal(Enumerable.Range(12, 8).Select(i => $"Change {i}."), kept);
    }
}
