using CreatorStream.Core.Events;

namespace CreatorStream.Simulation;

/// <summary>
/// Something due at a point of event time: an event (possibly the next of a stream of them, <see cref="Source"/>)
/// or an action (a post going up, a surge stepping, an incident starting).
/// </summary>
internal readonly record struct PendingItem(StreamEvent? Event, string? FakeLabel, IEnumerator<StreamEvent>? Source, Action? Action);
