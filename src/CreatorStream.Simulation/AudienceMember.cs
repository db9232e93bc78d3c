namespace CreatorStream.Simulation;

/// <summary>Who did something, as an event shows them: the pseudonymous id and what the platform reports about the session.</summary>
internal readonly record struct AudienceMember(string UserId, string? IpHash, string? DeviceId, string? UserAgentHash, string? Country, int AccountAgeDays);
