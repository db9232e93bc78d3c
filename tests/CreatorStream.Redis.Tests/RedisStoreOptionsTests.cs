namespace CreatorStream.Redis.Tests;

public sealed class RedisStoreOptionsTests
{
    [Fact]
    public void ToString_WithAPassword_SaysOneIsSetButNeverShowsIt()
    {
        var text = new RedisStoreOptions { Endpoint = "10.0.0.5:6380", Password = "hunter2-redis", UseTls = true, KeyPrefix = "prod" }.ToString();

        Assert.Equal("10.0.0.5:6380 (prefix prod, tls on, password set)", text);
    }
}
