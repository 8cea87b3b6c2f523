using CareMesh.Web.Forms;
using CareMesh.Web.Gateway;

namespace CareMesh.Web.Tests.Forms;

/// <summary>A service's problem details laid onto a form's fields, as the NHS.UK error summary lists them.</summary>
public class FormErrorsTests
{
    private static readonly string[] Fields = ["patient.nhsNumber", "patient.givenName", "patient.dateOfBirth", "reason", "needs"];

    private static Problem Validation(params (string Key, string Message)[] errors) =>
        new(400, "One or more validation errors occurred.", null, errors.ToDictionary(e => e.Key, e => new[] { e.Message }));

    [Fact]
    public void Each_error_links_to_its_field_in_the_order_the_fields_appear()
    {
        var errors = FormErrors.From(Validation(("reason", "The reason for referral field is required."), ("patient.nhsNumber", "The NHS number is not valid.")), Fields);

        Assert.Equal(
            [new ErrorItem("The NHS number is not valid.", "patient-nhsNumber"), new ErrorItem("The reason for referral field is required.", "reason")],
            errors.Summary);
        Assert.Equal("The NHS number is not valid.", errors.For("patient.nhsNumber"));
        Assert.Null(errors.For("patient.givenName"));
    }

    [Fact]
    public void An_item_of_a_list_lands_on_the_list_and_an_object_on_its_first_field()
    {
        var errors = FormErrors.From(Validation(("needs[1]", "The need must be one of: housing."), ("patient", "The patient field is required.")), Fields);

        Assert.Equal("patient-nhsNumber", errors.Summary[0].FieldId);
        Assert.Equal("needs", errors.Summary[1].FieldId);
        Assert.Equal("The need must be one of: housing.", errors.For("needs"));
    }

    [Fact]
    public void A_fault_no_field_shows_is_listed_without_a_link_after_the_fields()
    {
        var errors = FormErrors.From(Validation(("consent.recordedOn", "Not in the future."), ("reason", "Required.")), Fields);

        Assert.Equal([new ErrorItem("Required.", "reason"), new ErrorItem("Not in the future.", null)], errors.Summary);
    }

    [Fact]
    public void A_refusal_without_field_errors_is_one_line_of_its_title_and_detail()
    {
        var problem = new Problem(409, "The referral is received.", "Accepting needs an allocation.", new Dictionary<string, string[]>());

        var errors = FormErrors.From(problem, Fields);

        Assert.Equal([new ErrorItem("The referral is received. Accepting needs an allocation.", null)], errors.Summary);
    }

    [Fact]
    public void A_lists_faults_land_on_the_rows_typed_when_blank_rows_were_not_sent()
    {
        // Rows 0 and 2 of the form were sent, as items 0 and 1: the second item's fault is the third row's.
        string[] fields = ["decisions[0].kind", "decisions[0].text", "decisions[1].kind", "decisions[1].text", "decisions[2].kind", "decisions[2].text", "outcome"];
        var problem = Validation(("decisions[1].text", "The decision field is required."), ("outcome", "The outcome field is required."), ("decisionsNote", "Other."))
            .Reindexed("decisions", [0, 2]);

        var errors = FormErrors.From(problem, fields);

        Assert.Equal("The decision field is required.", errors.For("decisions[2].text"));
        Assert.Null(errors.For("decisions[1].text"));
        Assert.Equal("The outcome field is required.", errors.For("outcome"));
        Assert.Contains("decisionsNote", problem.Errors.Keys);
    }

    [Theory]
    [InlineData("patient.nhsNumber", "patient-nhsNumber")]
    [InlineData("needs[1]", "needs-1")]
    [InlineData("reason", "reason")]
    public void Ids_are_the_path_with_separators_as_hyphens(string path, string id) => Assert.Equal(id, FormErrors.IdOf(path));
}
