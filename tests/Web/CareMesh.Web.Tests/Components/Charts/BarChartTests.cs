using System.Globalization;
using CareMesh.Web.Components.Charts;

namespace CareMesh.Web.Tests.Components.Charts;

/// <summary>The server-drawn bar chart: bars to scale, a marker where the reference value is, past it shown in red.</summary>
public class BarChartTests : BunitContext
{
    private IRenderedComponent<BarChart> Chart(params BarChart.Bar[] bars) => Render<BarChart>(p => p
        .Add(c => c.Id, "balance").Add(c => c.Title, "Caseloads").Add(c => c.Max, 40).Add(c => c.Bars, bars).Add(c => c.MarkerMeaning, "capacity"));

    private static double Attribute(AngleSharp.Dom.IElement element, string name) => double.Parse(element.GetAttribute(name)!, CultureInfo.InvariantCulture);

    [Fact]
    public void Bars_are_drawn_to_scale_and_the_marker_sits_at_the_reference_value()
    {
        var chart = Chart(new("Alex", 10, "10 of 20", 20), new("Bea", 30, "30 of 20", 20));

        var bars = chart.FindAll("rect");
        Assert.Equal(Attribute(bars[0], "width") * 3, Attribute(bars[1], "width"), 1);
        // Full length (Max 40) is 360 units after the 200 of labels: capacity 20 is at 200 + 180.
        Assert.All(chart.FindAll("line"), line => Assert.Equal(380, Attribute(line, "x1")));
        Assert.DoesNotContain("--over", bars[0].ClassName);
        Assert.Contains("caremesh-chart__bar--over", bars[1].ClassName);
        Assert.Equal(["Alex", "10 of 20", "Bea", "30 of 20"], chart.FindAll("text").Select(t => t.TextContent));
    }

    [Fact]
    public void A_value_past_the_maximum_is_drawn_full_length_and_the_chart_is_named_for_screen_readers()
    {
        var chart = Chart(new BarChart.Bar("Cal", 55, "55 of 30", 30));

        Assert.Equal(360, Attribute(chart.Find("rect"), "width"));
        var svg = chart.Find("svg");
        Assert.Equal("img", svg.GetAttribute("role"));
        Assert.StartsWith("Caseloads", chart.Find($"#{svg.GetAttribute("aria-labelledby")}").TextContent);
    }
}
