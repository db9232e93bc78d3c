using System.Text;
using CreatorStream.Host.Web;
using CreatorStream.Host.Web.Tokens;

namespace CreatorStream.Host.Tests.Web.Tokens;

public sealed class HubTokensTests
{
    private const string Key = "the-key-of-anna-0123456789";
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);
    private static readonly ApiKeyRing Keys = new(
    [
        new ApiKeyEntry(ApiKeyRing.Hash("someone-else-0123456789"), Campaigns: new HashSet<string> { "autumn" }, Brands: null),
        new ApiKeyEntry(ApiKeyRing.Hash(Key), Campaigns: null, Brands: null),
    ]);

    [Fact]
    public void Validate_ATokenJustIssued_StandsForItsKey()
    {
        var clock = new SettableClock(Start);
        var tokens = new HubTokens(HubTokenSecret.Random(), Keys, clock);

        var (token, expiresAt) = tokens.Issue(Keys.Find(Key)!);

        Assert.Same(Keys.Entries[1], tokens.Validate(token));
        Assert.Equal(Start.AddMinutes(5).ToUnixTimeMilliseconds(), expiresAt); // the lifetime, by hand
    }

    [Fact]
    public void Validate_FiveMinutesLater_IsRefusedUnlessTheConnectionOpenedBefore()
    {
        var clock = new SettableClock(Start);
        var tokens = new HubTokens(HubTokenSecret.Random(), Keys, clock);
        var (token, _) = tokens.Issue(Keys.Entries[1]);

        clock.Now = Start.AddMinutes(5).AddMilliseconds(-1);
        Assert.NotNull(tokens.Validate(token));
        clock.Now = Start.AddMinutes(5);
        Assert.Null(tokens.Validate(token));
        Assert.Same(Keys.Entries[1], tokens.Validate(token, ignoreExpiry: true));
    }

    [Fact]
    public void Validate_AnotherProcesssToken_IsRefusedUnlessTheyShareTheSecret()
    {
        var clock = new SettableClock(Start);
        var shared = new string('s', 40);
        var token = new HubTokens(HubTokenSecret.FromText(shared), Keys, clock).Issue(Keys.Entries[1]).Token;

        Assert.Null(new HubTokens(HubTokenSecret.Random(), Keys, clock).Validate(token));
        Assert.Same(Keys.Entries[1], new HubTokens(HubTokenSecret.FromText(shared), Keys, clock).Validate(token));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(20)]
    [InlineData(40)]
    public void Validate_AnyCharacterChanged_IsRefused(int at)
    {
        var tokens = new HubTokens(HubTokenSecret.Random(), Keys, new SettableClock(Start));
        var token = tokens.Issue(Keys.Entries[1]).Token;

        var changed = new StringBuilder(token) { [at] = token[at] == 'A' ? 'B' : 'A' }.ToString();

        Assert.Null(tokens.Validate(changed));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(Key)]
    [InlineData("v1..")]
    [InlineData("v1.AAAA.AAAA")]
    public void Validate_NotAToken_IsRefused(string? token)
    {
        Assert.Null(new HubTokens(HubTokenSecret.Random(), Keys, new SettableClock(Start)).Validate(token));
    }

    [Fact]
    public void Issue_TheToken_CarriesNeitherTheKeyNorItsHash()
    {
        var token = new HubTokens(HubTokenSecret.Random(), Keys, new SettableClock(Start)).Issue(Keys.Entries[1]).Token;

        var encoded = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
        var payload = Convert.FromBase64String(encoded + new string('=', (4 - (encoded.Length % 4)) % 4));
        Assert.DoesNotContain(Key, token, StringComparison.Ordinal);
        Assert.False(payload.AsSpan().IndexOf(ApiKeyRing.Hash(Key).AsSpan(0, 8)) >= 0);
    }

    [Fact]
    public void FromText_ShortSecret_IsRefusedNamingTheRule()
    {
        var error = Assert.Throws<Core.Configuration.ConfigurationException>(() => HubTokenSecret.FromText("short"));

        Assert.Contains("at least 32 characters", error.Message, StringComparison.Ordinal);
    }

    private sealed class SettableClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
