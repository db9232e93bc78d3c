namespace CreatorStream.Testing.Hub;

/// <summary>One invocation the hub sent a <see cref="TestHubClient"/>: its target and its first argument as JSON text.</summary>
public sealed record HubMessage(string Target, string Argument)
{
    public override string ToString() => $"{Target} {Argument}";
}
