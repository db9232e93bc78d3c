using Microsoft.AspNetCore.SignalR;

namespace CreatorStream.Benchmarks;

/// <summary>Hub clients that receive nothing: the read side's work is measured without any connection's.</summary>
public sealed class NoClients : IHubClients, IClientProxy
{
    public static NoClients Instance { get; } = new();

    public IClientProxy All => this;

    public IClientProxy AllExcept(IReadOnlyList<string> excludedConnectionIds) => this;

    public IClientProxy Client(string connectionId) => this;

    public IClientProxy Clients(IReadOnlyList<string> connectionIds) => this;

    public IClientProxy Group(string groupName) => this;

    public IClientProxy GroupExcept(string groupName, IReadOnlyList<string> excludedConnectionIds) => this;

    public IClientProxy Groups(IReadOnlyList<string> groupNames) => this;

    public IClientProxy User(string userId) => this;

    public IClientProxy Users(IReadOnlyList<string> userIds) => this;

    public Task SendCoreAsync(string method, object?[] args, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
