using CareMesh.Directory.Listings;
using CareMesh.Directory.OpenReferral;
using CareMesh.Directory.Postcodes;
using CareMesh.Directory.Search;

namespace CareMesh.Directory.Tests.Listings;

public class GeoAndFeedMappingTests
{
    [Fact]
    public void The_box_around_a_point_holds_the_whole_circle_and_not_much_more()
    {
        var leeds = new GeoPoint(53.8, -1.55);

        var box = leeds.BoxAround(5000);

        // 5 km is about 0.045° of latitude everywhere and about 0.076° of longitude at Leeds.
        Assert.InRange(box.North - leeds.Latitude, 0.0449, 0.0450);
        Assert.InRange(leeds.Longitude - box.West, 0.0758, 0.0770);
        Assert.Equal(leeds.Latitude - box.South, box.North - leeds.Latitude, 10);
    }

    [Theory]
    [InlineData("ls2 9jt", "LS29JT", true)]
    [InlineData("SW1A 1AA", "SW1A1AA", true)]
    [InlineData("M1 1AE", "M11AE", true)]
    [InlineData("LS2", "LS2", false)]
    [InlineData("12345", "12345", false)]
    public void Postcodes_are_matched_without_spaces_or_case(string postcode, string key, bool looksRight)
    {
        Assert.Equal(key, PostcodeLookup.Normalise(postcode));
        Assert.Equal(looksRight, PostcodeLookup.LooksLikePostcode(postcode));
    }

    [Theory]
    [InlineData(ServiceStatus.Active, "active")]
    [InlineData(ServiceStatus.TemporarilyClosed, "temporarily closed")]
    [InlineData(ServiceStatus.Defunct, "defunct")]
    public void Statuses_are_spelled_as_the_standard_spells_them(ServiceStatus status, string name)
    {
        Assert.Equal(name, OrukMapper.StatusName(status));
        Assert.True(OrukMapper.TryParseStatus(name.ToUpperInvariant(), out var parsed));
        Assert.Equal(status, parsed);
    }

    [Fact]
    public void A_service_and_term_link_keeps_one_id_and_different_links_differ()
    {
        var service = Guid.NewGuid();
        var term = Guid.NewGuid();

        var id = OrukMapper.AttributeId(service, term);

        Assert.Equal(id, OrukMapper.AttributeId(service, term));
        Assert.NotEqual(id, OrukMapper.AttributeId(term, service));
        Assert.NotEqual(id, OrukMapper.AttributeId(service, Guid.NewGuid()));
        Assert.Equal(8, id.Version);
    }
}
