using CareMesh.Web.Forms;

namespace CareMesh.Web.Tests.Forms;

public class FormValuesTests
{
    private static FormValues Date(string day, string month, string year)
    {
        var values = new FormValues();
        values["dob.day"] = day;
        values["dob.month"] = month;
        values["dob.year"] = year;
        return values;
    }

    [Fact]
    public void A_real_date_is_read_from_its_three_parts() =>
        Assert.Equal((new DateOnly(1950, 12, 10), (string?)null), Date("10", "12", "1950").Date("dob", "date of birth"));

    [Fact]
    public void Three_blank_parts_are_no_date() => Assert.Equal((null, null), Date("", " ", "").Date("dob", "date of birth"));

    [Theory]
    [InlineData("31", "2", "2020")]
    [InlineData("10", "13", "1950")]
    [InlineData("10", "12", "50")]
    [InlineData("x", "12", "1950")]
    public void A_date_that_is_not_real_is_a_message_naming_it(string day, string month, string year)
    {
        var (date, error) = Date(day, month, year).Date("dob", "date of birth");

        Assert.Null(date);
        Assert.Equal("Date of birth must be a real date, for example 27 3 1950.", error);
    }

    [Fact]
    public void A_search_sent_by_GET_is_read_from_its_query_string_with_every_box_ticked()
    {
        var values = FormValues.From(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery("?q=carers&only=free&only=accepting&postcode="));

        Assert.Equal("carers", values["q"]);
        Assert.True(values.Checked("only", "free"));
        Assert.True(values.Checked("only", "accepting"));
        Assert.Null(values.Text("postcode"));
    }
}
