using CareMesh.Testing;

namespace CareMesh.Directory.Tests;

/// <summary>The service's published contract: its OpenAPI document says what every endpoint accepts and answers.</summary>
public class ContractTests(DirectoryServiceFactory factory) : IClassFixture<DirectoryServiceFactory>
{
    [Fact]
    public async Task The_document_says_what_every_operation_needs_and_answers()
    {
        await OpenApiContract.AssertCompleteAsync(factory.CreateClient());
    }

    [Fact]
    public async Task The_feeds_own_document_says_what_each_operation_answers_and_lists_have_their_page_schema()
    {
        var document = await OpenApiContract.AssertCompleteAsync(factory.CreateClient(), "/oruk/openapi/oruk.json");

        var list = document.GetProperty("paths").GetProperty("/oruk/services").GetProperty("get");
        Assert.True(list.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").TryGetProperty("schema", out _));
        var names = list.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Contains("per_page", names);
        Assert.Contains("page", names);
        Assert.False(list.TryGetProperty("security", out var security) && security.GetArrayLength() > 0, "the feed needs no token");
    }
}
