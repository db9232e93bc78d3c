namespace CreatorStream.Core.Events;

/// <summary>A pool of decoded audience events of one type (<see cref="AudienceEventPool{T}"/>), as an event's tag names it.</summary>
internal interface IAudienceEventPool
{
    /// <summary>Gives back an event of this pool that nothing reads any more.</summary>
    void Return(AudienceEvent e);
}
