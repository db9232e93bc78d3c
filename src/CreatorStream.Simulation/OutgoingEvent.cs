using CreatorStream.Core.Events;

namespace CreatorStream.Simulation;

/// <summary>An event on its way to the output, with its ground truth.</summary>
internal readonly record struct OutgoingEvent(StreamEvent Event, string? FakeLabel, bool Late);
