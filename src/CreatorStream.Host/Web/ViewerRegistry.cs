using CreatorStream.Core.State;

namespace CreatorStream.Host.Web;

/// <summary>
/// Which connections watch which (campaign, window, model), so updates are built only for views someone watches and a
/// connection leaves a campaign's alert group only when it watches none of its views. The model is the attribution
/// model the page credits under ("" for the campaign's reporting model). Thread-safe.
/// </summary>
public sealed class ViewerRegistry
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, HashSet<(string Campaign, string Window, string Model)>> _byConnection = new(StringComparer.Ordinal);

    /// <summary>Records a join; returns whether the connection newly watches the campaign (join its alert group).</summary>
    public bool Join(string connectionId, string campaignId, StateWindow window, string model = "")
    {
        lock (_gate)
        {
            if (!_byConnection.TryGetValue(connectionId, out var views))
            {
                _byConnection[connectionId] = views = [];
            }

            var first = !views.Any(v => v.Campaign == campaignId);
            views.Add((campaignId, window.Name, model));
            return first;
        }
    }

    /// <summary>
    /// Records a leave of one window (under any model), or with no window of every view of the campaign; returns
    /// whether the connection no longer watches the campaign at all (leave its alert group).
    /// </summary>
    public bool Leave(string connectionId, string campaignId, StateWindow? window, string? model = null)
    {
        lock (_gate)
        {
            if (!_byConnection.TryGetValue(connectionId, out var views))
            {
                return true;
            }

            views.RemoveWhere(v => v.Campaign == campaignId && (window is null || v.Window == window.Value.Name) && (model is null || v.Model == model));
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

    /// <summary>The campaigns at least one connection watches.</summary>
    public IReadOnlyList<string> WatchedCampaigns()
    {
        lock (_gate)
        {
            return [.. _byConnection.Values.SelectMany(v => v).Select(v => v.Campaign).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        }
    }

    /// <summary>The windows of a campaign that at least one connection watches (under any model).</summary>
    public IReadOnlyList<StateWindow> WatchedWindows(string campaignId)
    {
        var names = WatchedViews(campaignId).Select(v => v.Window.Name).ToHashSet(StringComparer.Ordinal);
        return [.. StateWindow.All.Where(w => names.Contains(w.Name))];
    }

    /// <summary>The (window, model) views of a campaign that at least one connection watches, in a stable order.</summary>
    public IReadOnlyList<(StateWindow Window, string Model)> WatchedViews(string campaignId)
    {
        lock (_gate)
        {
            var views = _byConnection.Values.SelectMany(v => v).Where(v => v.Campaign == campaignId).Select(v => (v.Window, v.Model)).ToHashSet();
            return [.. StateWindow.All.SelectMany(w => views.Where(v => v.Window == w.Name).Select(v => v.Model).Order(StringComparer.Ordinal).Select(m => (w, m)))];
        }
    }
}
