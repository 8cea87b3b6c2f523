using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CareMesh.Referrals.Data;
using CareMesh.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CareMesh.Referrals.Tests.Requests;

/// <summary>
/// The rules every CareMesh service applies to what it is sent, seen through the referral intake:
/// fields named by their JSON paths, one text policy, no doubled keys, retries by Idempotency-Key.
/// </summary>
public class RequestRulesTests(ReferralsServiceFactory factory) : IClassFixture<ReferralsServiceFactory>, IAsyncLifetime
{
    private const string ValidReferral = """
        {"patient": {"nhsNumber": "9434765919", "givenName": "Ada", "familyName": "Lovelace",
                     "dateOfBirth": "1950-12-10", "practiceOds": "Y00001"},
         "reason": "Lives alone, struggling after discharge", "urgency": "routine", "source": "gp"}
        """;

    private readonly HttpClient _client = factory.CreateClientAs(CareMeshRoles.CareCoordinator);

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Faults_are_named_by_their_json_paths_in_the_fields_own_words()
    {
        var response = await Post(ValidReferral.Replace("9434765919", "9434765918").Replace("\"urgency\": \"routine\", ", ""));

        var errors = await ErrorsOf(response);
        Assert.Equal(["patient.nhsNumber", "urgency"], errors.Keys.Order());
        Assert.Equal("The NHS number must be 10 digits with a valid modulus-11 check digit.", errors["patient.nhsNumber"].Single());
        Assert.Equal("The urgency field is required.", errors["urgency"].Single());
    }

    public static TheoryData<string, string> RefusedText => new()
    {
        { "Ada\\u0000", "a NUL character" },
        { "\\u001b[31mAda", "a terminal escape" },
        { "Ada\\u0007", "a bell" },
        { "\\u202eadA", "a right-to-left override" },
        { "Ada\\u2066", "a bidi isolate" },
        { "Ada\\ud800", "a broken surrogate" },
    };

    [Theory]
    [MemberData(nameof(RefusedText))]
    public async Task Text_holding_control_or_bidi_characters_is_refused_against_its_field(string givenName, string _)
    {
        var response = await Post(ValidReferral.Replace("\"Ada\"", $"\"{givenName}\""));

        var errors = await ErrorsOf(response);
        Assert.Equal(["patient.givenName"], errors.Keys);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task A_name_made_only_of_invisible_characters_is_missing()
    {
        var response = await Post(ValidReferral.Replace("\"Ada\"", "\"\\u200b\\u200b \\ufeff\""));

        Assert.Equal(["patient.givenName"], (await ErrorsOf(response)).Keys);
    }

    [Fact]
    public async Task Text_is_stored_trimmed_and_in_nfc()
    {
        // "é" written as e + combining acute; stored as the single composed character.
        var response = await Post(ValidReferral.Replace("\"Ada\"", "\"  Ame\\u0301lie\\u200b \""));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Am\u00e9lie", body.GetProperty("patient").GetProperty("givenName").GetString());
    }

    [Fact]
    public async Task A_field_given_twice_is_refused()
    {
        var response = await Post(ValidReferral.Replace("\"urgency\": \"routine\"", "\"urgency\": \"bogus\", \"urgency\": \"routine\""));

        var errors = await ErrorsOf(response);
        Assert.Equal(["urgency"], errors.Keys);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task A_retried_write_gets_the_first_answer_and_creates_nothing()
    {
        var first = await Post(ValidReferral, idempotencyKey: "intake-1");
        var retry = await Post(ValidReferral, idempotencyKey: "intake-1");

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReferralsDbContext>();
        Assert.Equal(1, await db.Referrals.CountAsync());
        Assert.Equal(1, await db.Set<CareMesh.Messaging.Outbox.OutboxMessage>().CountAsync());
    }

    [Fact]
    public async Task The_same_key_with_another_request_is_refused()
    {
        await Post(ValidReferral, idempotencyKey: "intake-2");
        var other = await Post(ValidReferral.Replace("Lives alone", "Recently bereaved"), idempotencyKey: "intake-2");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Equal("application/problem+json", other.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_refused_write_keeps_no_answer_so_its_corrected_retry_runs()
    {
        var refused = await Post(ValidReferral.Replace("routine", "whenever"), idempotencyKey: "intake-3");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        var corrected = await Post(ValidReferral, idempotencyKey: "intake-3");

        Assert.Equal(HttpStatusCode.Created, corrected.StatusCode);
    }

    [Fact]
    public async Task Kept_answers_are_let_go_after_a_day_and_the_key_can_then_be_used_again()
    {
        await Post(ValidReferral, idempotencyKey: "intake-4");
        factory.Clock.Advance(Idempotency.KeptFor + TimeSpan.FromMinutes(1));
        await factory.Services.RunScheduledCheckAsync<KeptAnswersCleanup>();

        var again = await Post(ValidReferral, idempotencyKey: "intake-4");

        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.False(again.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task Keys_belong_to_the_user_who_sent_them()
    {
        await Post(ValidReferral, idempotencyKey: "shared-key");
        var someoneElse = factory.CreateClientAs(CareMeshRoles.LinkWorker);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/referrals") { Content = new StringContent(ValidReferral, Encoding.UTF8, "application/json") };
        request.Headers.Add(Idempotency.HeaderName, "shared-key");

        var theirs = await someoneElse.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, theirs.StatusCode);
        Assert.False(theirs.Headers.Contains("Idempotent-Replayed"));
    }

    private async Task<HttpResponseMessage> Post(string json, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/referrals") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (idempotencyKey is not null)
        {
            request.Headers.Add(Idempotency.HeaderName, idempotencyKey);
        }

        return await _client.SendAsync(request);
    }

    private static async Task<Dictionary<string, string[]>> ErrorsOf(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return problem.GetProperty("errors").EnumerateObject().ToDictionary(e => e.Name, e => e.Value.EnumerateArray().Select(m => m.GetString()!).ToArray());
    }

    private async Task AssertNothingStoredAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReferralsDbContext>();
        Assert.Equal(0, await db.Referrals.CountAsync());
    }
}
