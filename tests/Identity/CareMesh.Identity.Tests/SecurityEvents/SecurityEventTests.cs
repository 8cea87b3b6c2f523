using System.Net;
using CareMesh.Identity.SecurityEvents;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CareMesh.Identity.Tests.SecurityEvents;

public sealed class SecurityEventTests(IdentityFactory factory) : IClassFixture<IdentityFactory>, IAsyncLifetime
{
    private const string Clinician = "dev-clinician";
    private long _before;

    public async Task InitializeAsync()
    {
        await factory.ResetAsync();
        _before = await factory.LastSecurityEventIdAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_sign_in_and_the_code_redeemed_are_recorded_with_the_account_the_client_and_the_trace()
    {
        await OAuth.SignInAndRedeemAsync(factory, Clinician);

        var events = await factory.SecurityEventsAfterAsync(_before);
        var signedIn = Assert.Single(events, e => e.Kind == SecurityEventKinds.SignedIn);
        Assert.Equal(Clinician, signedIn.AccountId);
        Assert.NotNull(signedIn.TraceId);
        var issued = Assert.Single(events, e => e.Kind == SecurityEventKinds.TokenIssued);
        Assert.Equal(Clinician, issued.AccountId);
        Assert.Equal(WebClientOptions.ClientId, issued.ClientId);
        Assert.Equal("authorization_code", issued.Detail);
        Assert.All(events, e => Assert.InRange(e.OccurredAt, factory.Clock.GetUtcNow().AddMinutes(-1), factory.Clock.GetUtcNow()));
    }

    [Fact]
    public async Task A_sign_in_as_no_such_account_is_recorded_as_a_failure()
    {
        using var browser = factory.CreateBrowser();
        var page = await BrowserSession.PageAsync(await browser.FollowAsync(await browser.GetAsync(OAuth.AuthorizeUrl(OAuth.Pkce.Create(), "s", "n"))));

        var response = await browser.SubmitAsync(page.Forms[0], new Dictionary<string, string> { ["account"] = "dev-nobody" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var failed = Assert.Single(await factory.SecurityEventsAfterAsync(_before));
        Assert.Equal(SecurityEventKinds.SignInFailed, failed.Kind);
        Assert.Null(failed.AccountId);
    }

    [Fact]
    public async Task A_refresh_token_reused_after_the_leeway_is_recorded_as_a_refresh_refusal()
    {
        var backChannel = factory.CreateBackChannel();
        var signedIn = await OAuth.SignInAndRedeemAsync(factory, Clinician);
        (await OAuth.RefreshAsync(backChannel, signedIn.RefreshToken)).Succeeded();
        factory.Clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal("invalid_grant", (await OAuth.RefreshAsync(backChannel, signedIn.RefreshToken)).Error);

        var events = await factory.SecurityEventsAfterAsync(_before);
        Assert.Equal(["sign-in", "token-issued", "token-issued", "refresh-refused"], events.Select(e => e.Kind));
        Assert.Equal(WebClientOptions.ClientId, events[^1].ClientId);
        Assert.Equal("invalid_grant (refresh_token)", events[^1].Detail);
    }

    [Fact]
    public async Task A_refresh_refused_for_a_disabled_account_is_recorded_once_with_the_account()
    {
        var signedIn = await OAuth.SignInAndRedeemAsync(factory, Clinician);
        await factory.InDatabaseAsync(db => db.Users.Where(a => a.Id == Clinician).ExecuteUpdateAsync(a => a.SetProperty(x => x.DisabledAt, DateTimeOffset.UtcNow)));

        Assert.Equal("invalid_grant", (await OAuth.RefreshAsync(factory.CreateBackChannel(), signedIn.RefreshToken)).Error);

        var refused = Assert.Single(await factory.SecurityEventsAfterAsync(_before), e => e.Kind is SecurityEventKinds.RefreshRefused or SecurityEventKinds.TokenRefused);
        Assert.Equal(Clinician, refused.AccountId);
        Assert.Equal("account disabled", refused.Detail);
    }

    [Fact]
    public async Task Client_credentials_issued_and_refused_are_recorded_with_the_client()
    {
        var backChannel = factory.CreateBackChannel();
        (await OAuth.ClientCredentialsAsync(backChannel, IdentityFactory.ImporterId, IdentityFactory.ImporterSecret, IdentityFactory.ImportScope)).Succeeded();
        await OAuth.ClientCredentialsAsync(backChannel, IdentityFactory.ImporterId, "not-the-secret", IdentityFactory.ImportScope);
        await OAuth.ClientCredentialsAsync(backChannel, IdentityFactory.ImporterId, IdentityFactory.ImporterSecret, IdentityFactory.OutcomesScope);

        var events = await factory.SecurityEventsAfterAsync(_before);
        Assert.Equal(
            [
                (SecurityEventKinds.ClientCredentialsIssued, IdentityFactory.ImporterId, IdentityFactory.ImportScope),
                (SecurityEventKinds.TokenRefused, IdentityFactory.ImporterId, "invalid_client (client_credentials)"),
                (SecurityEventKinds.TokenRefused, IdentityFactory.ImporterId, "invalid_scope (client_credentials)"),
            ],
            events.Select(e => (e.Kind, e.ClientId!, e.Detail!)));
    }

    [Fact]
    public async Task A_refused_request_with_an_overlong_client_id_is_refused_and_recorded_not_a_server_error()
    {
        var answer = await OAuth.ClientCredentialsAsync(factory.CreateBackChannel(), new string('x', 500), "whatever", "caremesh");

        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.Equal("invalid_client", answer.Error);
        var refused = Assert.Single(await factory.SecurityEventsAfterAsync(_before));
        Assert.Equal(new string('x', 200), refused.ClientId);
    }

    [Fact]
    public async Task No_event_carries_a_secret_code_verifier_or_token_used_in_the_requests_it_records()
    {
        var backChannel = factory.CreateBackChannel();
        using var browser = factory.CreateBrowser();
        var pkce = OAuth.Pkce.Create();
        var returned = await OAuth.SignInAsync(browser, OAuth.AuthorizeUrl(pkce, "s", "n"), Clinician);
        var signedIn = (await OAuth.RedeemCodeAsync(backChannel, returned["code"], pkce.Verifier)).Succeeded();
        var rotated = (await OAuth.RefreshAsync(backChannel, signedIn.RefreshToken)).Succeeded();
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        await OAuth.RefreshAsync(backChannel, signedIn.RefreshToken);
        var replayed = await OAuth.RedeemCodeAsync(backChannel, returned["code"], pkce.Verifier);
        var system = (await OAuth.ClientCredentialsAsync(backChannel, IdentityFactory.ImporterId, IdentityFactory.ImporterSecret, null)).Succeeded();
        const string guessed = "guessed-secret-5d1e";
        await OAuth.ClientCredentialsAsync(backChannel, IdentityFactory.ConnectorId, guessed, null);
        await OAuth.TokenAsync(backChannel, new() { ["grant_type"] = "client_credentials", ["client_id"] = IdentityFactory.ImporterId, ["client_secret"] = guessed });
        var development = await OAuth.TokenAsync(backChannel, new()
        {
            ["grant_type"] = DevelopmentGrant.GrantType, ["client_id"] = DevelopmentGrant.ClientId, ["role"] = CareMeshRoles.Ops, ["org"] = "Y00001",
        });
        Assert.Equal("invalid_grant", replayed.Error);

        string[] secrets =
        [
            IdentityFactory.ImporterSecret, IdentityFactory.ConnectorSecret, IdentityFactory.WebSecret, guessed,
            returned["code"], pkce.Verifier, pkce.Challenge,
            signedIn.AccessToken, signedIn.RefreshToken, signedIn.IdentityToken, rotated.AccessToken, rotated.RefreshToken,
            system.AccessToken, development.Succeeded().AccessToken,
        ];
        var rows = await RowsAfterAsync(_before);
        Assert.True(rows.Count >= 8, $"only {rows.Count} events were recorded");
        foreach (var secret in secrets)
        {
            // Also no piece of a token long enough to be one of its parts (header, payload, signature).
            var pieces = secret.Split('.').Where(p => p.Length >= 16).Append(secret);
            Assert.DoesNotContain(rows, row => pieces.Any(piece => row.Contains(piece, StringComparison.Ordinal)));
        }
    }

    /// <summary>Each event as the database holds it, every column.</summary>
    private async Task<List<string>> RowsAfterAsync(long id)
    {
        await using var connection = new NpgsqlConnection(factory.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT row_to_json(e)::text FROM security_events e WHERE id > @id", connection);
        command.Parameters.AddWithValue("id", id);
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
