namespace CareMesh.Directory.Tests.OpenReferral;

/// <summary>The schema check itself: it must catch what the standard forbids, or the feed tests prove nothing.</summary>
public class OrukSchemasTests
{
    [Theory]
    [InlineData("""{"id":"ac148810-d857-441c-9679-408f346de14b","status":"active"}""")]
    [InlineData("""{"id":"ac148810-d857-441c-9679-408f346de14b","name":"Counselling","status":"open"}""")]
    [InlineData("""{"id":"not-a-uuid","name":"Counselling","status":"active"}""")]
    [InlineData("""{"id":"ac148810-d857-441c-9679-408f346de14b","name":"Counselling","status":"active","email":"not an email"}""")]
    [InlineData("""{"id":"ac148810-d857-441c-9679-408f346de14b","name":"Counselling","status":"active","schedules":[{"freq":"DAILY"}]}""")]
    public async Task A_service_the_standard_forbids_is_refused(string json)
    {
        var errors = (await OrukSchemas.LoadAsync("service.json")).Validate(json);

        Assert.NotEmpty(errors);
    }

    [Fact]
    public async Task The_standards_own_full_service_example_passes()
    {
        const string json = """{"id":"ac148810-d857-441c-9679-408f346de14b","name":"Counselling","status":"active","schedules":[{"id":"48102e86-bb50-41c4-8f1e-e269368c41d1","freq":"WEEKLY","byday":"TH,FR"}]}""";

        await OrukSchemas.AssertValidAsync("service.json", json);
    }
}
