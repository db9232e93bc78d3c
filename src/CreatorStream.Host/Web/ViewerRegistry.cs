using CreatorStream.Core.State;

namespace CreatorStream.Host.Web;

/// <summary>
/// Which connections watch which (campaign, window), so updates are built only for windows someone watches and a
/// connection leaves a campaign's alert group only when it watches none of its windows. Thread-safe.
/// </summary>
public sealed class ViewerRegistry
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, HashSet<(string Campaign, string Window)>> _byConnection = new(StringComparer.Ordinal);

    /// <summary>Records a join; returns whether the connection newly watches the campaign (join its alert group).</summary>
    public bool Join(string connectionId, string campaignId, StateWindow window)
    {
        lock (_gate)
        {
            if (!_byConnection.TryGetValue(connectionId, out var views))
            {
                _byConnection[connectionId] = views = [];
            }

            var first = !views.Any(v => v.Campaign == campaignId);
            views.Add((campaignId, window.Name));
            return first;
        }
    }

    /// <summary>Records a leave; returns whether the connection no longer watches the campaign at all (leave its alert group).</summary>
    public bool Leave(string connectionId, string campaignId, StateWindow? window)
    {
        lock (_gate)
        {
            if (!_byConnection.TryGetValue(connectionId, out var views))
            {
                return true;
            }

            views.RemoveWhere(v => v.Campaign == campaignId && (window is null || v.Window == window.Value.Name));
            return !views.Any(v => v.Campaign == campaignId);
        }
    }

    public void Disconnected(string connectionId)
    {
        lock (_gate)
        {
            _byConnection.Remove(connectionId);
        }
    }

    /// <summary>The windows of a campaign that at least one connection watches.</summary>
    public IReadOnlyList<StateWindow> WatchedWindows(string campaignId)
    {
        lock (_gate)
        {
            var names = _byConnection.Values.SelectMany(v => v).Where(v => v.Campaign == campaignId).Select(v => v.Window).ToHashSet(StringComparer.Ordinal);
            return [.. StateWindow.All.Where(w => names.Contains(w.Name))];
        }
    }
}
