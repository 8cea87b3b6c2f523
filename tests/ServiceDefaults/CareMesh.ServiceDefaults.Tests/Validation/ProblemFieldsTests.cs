using Microsoft.Extensions.Hosting;

namespace CareMesh.ServiceDefaults.Tests.Validation;

public class ProblemFieldsTests
{
    [Fact]
    public void Member_paths_become_json_paths_and_messages_follow()
    {
        var renamed = ProblemFields.ToJsonNames(new Dictionary<string, string[]>
        {
            ["Patient.GivenName"] = ["The GivenName field is required."],
            ["Goals[2].TargetDate"] = ["The TargetDate field is required."],
            ["Reason"] = ["The Reason field is required."],
        });

        Assert.Equal(["goals[2].targetDate", "patient.givenName", "reason"], renamed.Keys.Order());
        Assert.Equal("The givenName field is required.", renamed["patient.givenName"].Single());
    }

    [Fact]
    public void Json_paths_already_in_json_case_are_left_alone()
    {
        var errors = new Dictionary<string, string[]> { ["patient.nhsNumber"] = ["x"], ["body"] = ["y"] };

        Assert.Same(errors, ProblemFields.ToJsonNames(errors));
    }

    [Theory]
    [InlineData("$.patient.givenName", "patient.givenName")]
    [InlineData("$.items[0].name", "items[0].name")]
    [InlineData("$", "body")]
    [InlineData(null, "body")]
    public void A_readers_path_names_its_field(string? path, string field)
    {
        Assert.Equal(field, ProblemFields.FromJsonPath(path));
    }
}
