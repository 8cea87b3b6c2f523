using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CareMesh.ServiceDefaults.Tests.Validation;

/// <summary>The text policy for query strings: what JSON never carries reaches no endpoint either.</summary>
public class QueryTextPolicyTests
{
    [Theory]
    [InlineData("?search=%00", "search")]
    [InlineData("?page=1&search=a%00b", "search")]
    [InlineData("?q=%1B%5B31m", "q")]
    [InlineData("?name=%E2%80%AEevil", "name")]
    [InlineData("?%00=1", "query")]
    public async Task A_refused_value_is_a_400_problem_naming_the_parameter_and_goes_no_further(string query, string parameter)
    {
        var (context, reached) = await RunAsync(query);

        Assert.False(reached);
        Assert.Equal(StatusCodes.Status400BadRequest, context.Response.StatusCode);
        context.Response.Body.Position = 0;
        var problem = await JsonDocument.ParseAsync(context.Response.Body);
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(parameter, out _), problem.RootElement.ToString());
    }

    [Fact]
    public async Task Accepted_values_arrive_normalised_and_names_stay_case_insensitive()
    {
        IQueryCollection? seen = null;
        var (_, reached) = await RunAsync("?Search=%E2%80%8BAme%CC%81lie%20&page=2", next => seen = next.Request.Query);

        Assert.True(reached);
        Assert.Equal("Am\u00e9lie", seen!["search"]);
        Assert.Equal("2", seen["PAGE"]);
    }

    private static async Task<(HttpContext Context, bool Reached)> RunAsync(string query, Action<HttpContext>? onNext = null)
    {
        var context = new DefaultHttpContext
        {
            RequestServices = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider(),
        };
        context.Request.QueryString = new QueryString(query);
        context.Response.Body = new MemoryStream();
        var reached = false;
        await QueryTextPolicy.ApplyAsync(context, next =>
        {
            reached = true;
            onNext?.Invoke(next);
            return Task.CompletedTask;
        });
        return (context, reached);
    }
}
