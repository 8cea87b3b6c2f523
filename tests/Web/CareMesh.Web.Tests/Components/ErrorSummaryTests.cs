using CareMesh.Web.Components.Nhs;
using CareMesh.Web.Forms;
using CareMesh.Web.Gateway;

namespace CareMesh.Web.Tests.Components;

/// <summary>The NHS.UK error summary and fields, rendered without a browser.</summary>
public class ErrorSummaryTests : BunitContext
{
    private static readonly string[] Fields = ["patient.nhsNumber", "reason"];

    private static FormErrors Errors() => FormErrors.From(
        new Problem(400, "Validation", null, new Dictionary<string, string[]> { ["reason"] = ["Enter the reason."], ["patient.nhsNumber"] = ["Enter a valid NHS number."] }),
        Fields);

    [Fact]
    public void Nothing_is_rendered_without_errors()
    {
        var summary = Render<ErrorSummary>(p => p.Add(s => s.Errors, FormErrors.None));

        Assert.Empty(summary.Markup.Trim());
    }

    [Fact]
    public void Each_error_is_a_link_to_its_field_under_an_alert()
    {
        var summary = Render<ErrorSummary>(p => p.Add(s => s.Errors, Errors()));

        Assert.Equal("There is a problem", summary.Find("[role=alert] .nhsuk-error-summary__heading").TextContent.Trim());
        var links = summary.FindAll(".nhsuk-error-summary__list a");
        Assert.Equal(["#patient-nhsNumber", "#reason"], links.Select(a => a.GetAttribute("href")));
        Assert.Equal("Enter a valid NHS number.", links[0].TextContent.Trim());
    }

    [Fact]
    public void A_field_at_fault_shows_its_message_keeps_what_was_typed_and_is_described_by_it()
    {
        var values = new FormValues { ["patient.nhsNumber"] = "943 476 5918" };

        var field = Render<TextField>(p => p
            .Add(f => f.Path, "patient.nhsNumber").Add(f => f.Label, "NHS number").Add(f => f.Hint, "10 digits")
            .Add(f => f.Values, values).Add(f => f.Errors, Errors()));

        var input = field.Find("input#patient-nhsNumber");
        Assert.Equal("943 476 5918", input.GetAttribute("value"));
        Assert.Equal("patient.nhsNumber", input.GetAttribute("name"));
        Assert.Contains("nhsuk-input--error", input.ClassList);
        Assert.Equal("patient-nhsNumber-hint patient-nhsNumber-error", input.GetAttribute("aria-describedby"));
        Assert.Contains("Enter a valid NHS number.", field.Find("#patient-nhsNumber-error").TextContent);
        Assert.NotNull(field.Find(".nhsuk-form-group--error"));
    }

    [Fact]
    public void A_field_without_fault_has_no_error_markup()
    {
        var field = Render<TextField>(p => p
            .Add(f => f.Path, "patient.givenName").Add(f => f.Label, "Given name")
            .Add(f => f.Values, new FormValues()).Add(f => f.Errors, Errors()));

        Assert.Empty(field.FindAll(".nhsuk-error-message"));
        Assert.Null(field.Find("input").GetAttribute("aria-describedby"));
    }

    [Fact]
    public void Checkboxes_keep_every_box_that_was_ticked()
    {
        var values = new FormValues();
        values.Set("needs", ["housing", "employment"]);

        var group = Render<ChoiceGroup>(p => p
            .Add(f => f.Path, "needs").Add(f => f.Label, "Needs").Add(f => f.Multiple, true)
            .Add(f => f.Choices, Choice.Of(["housing", "finance-and-benefits", "employment"]))
            .Add(f => f.Values, values).Add(f => f.Errors, FormErrors.None));

        var boxes = group.FindAll("input[type=checkbox]");
        Assert.Equal([true, false, true], boxes.Select(b => b.HasAttribute("checked")));
        Assert.Equal("needs", boxes[0].Id);
        Assert.Equal("Finance and benefits", group.FindAll("label")[1].TextContent.Trim());
    }
}
