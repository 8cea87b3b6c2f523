using Microsoft.EntityFrameworkCore;

namespace CareMesh.Identity.Tests.Connect;

public sealed class RefreshTokenTests(IdentityFactory factory) : IClassFixture<IdentityFactory>, IAsyncLifetime
{
    private const string Partner = "dev-vcs-partner";

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Each_refresh_gives_a_new_refresh_token_and_a_fresh_access_token_for_the_account()
    {
        var backChannel = factory.CreateBackChannel();
        var signedIn = await OAuth.SignInAndRedeemAsync(factory, Partner);
        factory.Clock.Advance(TimeSpan.FromMinutes(4));

        var first = (await OAuth.RefreshAsync(backChannel, signedIn.RefreshToken)).Succeeded();
        var second = (await OAuth.RefreshAsync(backChannel, first.RefreshToken)).Succeeded();

        Assert.Equal(3, new[] { signedIn.RefreshToken, first.RefreshToken, second.RefreshToken }.Distinct().Count());
        Assert.Equal(Partner, second.Access.Subject);
        Assert.Equal(Identity.Accounts.DevelopmentAccounts.PartnerOrganisation, second.Access.GetClaim("org").Value);
        Assert.Equal(CareMeshRoles.VcsPartner, second.Access.GetClaim("selected_roleid").Value);
        Assert.True(second.Access.IssuedAt > signedIn.Access.IssuedAt);
    }

    [Fact]
    public async Task A_used_refresh_token_presented_again_within_the_leeway_still_works_for_a_client_that_lost_the_answer()
    {
        var backChannel = factory.CreateBackChannel();
        var signedIn = await OAuth.SignInAndRedeemAsync(factory, Partner);
        var rotated = (await OAuth.RefreshAsync(backChannel, signedIn.RefreshToken)).Succeeded();

        // Well inside the 30 s leeway, however slowly the machine runs the steps.
        factory.Clock.Advance(TimeSpan.FromSeconds(5));
        var retried = (await OAuth.RefreshAsync(backChannel, signedIn.RefreshToken)).Succeeded();

        Assert.Equal(Partner, retried.Access.Subject);
        (await OAuth.RefreshAsync(backChannel, rotated.RefreshToken)).Succeeded();
    }

    [Fact]
    public async Task A_used_refresh_token_presented_after_the_leeway_revokes_every_token_of_that_sign_in()
    {
        var backChannel = factory.CreateBackChannel();
        var signedIn = await OAuth.SignInAndRedeemAsync(factory, Partner);
        var rotated = (await OAuth.RefreshAsync(backChannel, signedIn.RefreshToken)).Succeeded();
        var other = await OAuth.SignInAndRedeemAsync(factory, Partner);

        factory.Clock.Advance(TimeSpan.FromSeconds(31));
        var reuse = await OAuth.RefreshAsync(backChannel, signedIn.RefreshToken);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, reuse.Status);
        Assert.Equal("invalid_grant", reuse.Error);
        // The thief and the client hold the same chain: neither gets another token from it.
        Assert.Equal("invalid_grant", (await OAuth.RefreshAsync(backChannel, rotated.RefreshToken)).Error);
        using var userInfo = new HttpRequestMessage(HttpMethod.Get, "/connect/userinfo") { Headers = { Authorization = new("Bearer", rotated.AccessToken) } };
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await backChannel.SendAsync(userInfo)).StatusCode);
        // Another sign-in of the same account is its own chain and untouched.
        (await OAuth.RefreshAsync(backChannel, other.RefreshToken)).Succeeded();
    }

    [Fact]
    public async Task A_refresh_token_expires_after_its_lifetime()
    {
        var signedIn = await OAuth.SignInAndRedeemAsync(factory, Partner);

        factory.Clock.Advance(TimeSpan.FromHours(8) + TimeSpan.FromMinutes(1));

        Assert.Equal("invalid_grant", (await OAuth.RefreshAsync(factory.CreateBackChannel(), signedIn.RefreshToken)).Error);
    }

    [Fact]
    public async Task A_disabled_account_refreshes_no_more_and_the_token_carries_what_the_account_is_now()
    {
        var backChannel = factory.CreateBackChannel();
        var signedIn = await OAuth.SignInAndRedeemAsync(factory, Partner);
        await factory.InDatabaseAsync(db => db.Users.Where(a => a.Id == Partner).ExecuteUpdateAsync(a => a.SetProperty(x => x.DisplayName, "Val Renamed")));

        var renamed = (await OAuth.RefreshAsync(backChannel, signedIn.RefreshToken)).Succeeded();
        Assert.Equal("Val Renamed", renamed.Access.GetClaim("name").Value);

        await factory.InDatabaseAsync(db => db.Users.Where(a => a.Id == Partner).ExecuteUpdateAsync(a => a.SetProperty(x => x.DisabledAt, DateTimeOffset.UtcNow)));
        var refused = await OAuth.RefreshAsync(backChannel, renamed.RefreshToken);

        Assert.Equal("invalid_grant", refused.Error);
    }

    [Fact]
    public async Task A_refresh_token_is_the_client_s_own()
    {
        var signedIn = await OAuth.SignInAndRedeemAsync(factory, Partner);

        var answer = await OAuth.TokenAsync(factory.CreateBackChannel(),
            new() { ["grant_type"] = "refresh_token", ["refresh_token"] = signedIn.RefreshToken }, IdentityFactory.ImporterId, IdentityFactory.ImporterSecret);

        Assert.NotNull(answer.Error);
        Assert.False(answer.Body.TryGetProperty("access_token", out _));
    }
}
