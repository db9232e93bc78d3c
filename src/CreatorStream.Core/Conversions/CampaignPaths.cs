using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace CreatorStream.Core.Conversions;

/// <summary>
/// A user's open Markov paths (<see cref="OpenPath"/>), one per campaign the user touched, held in the user's journey
/// record (<see cref="UserTouches"/>) so that a chained touch finds its path with the lookup that finds the journey
/// (docs/design.md, "Per-event cost"; decision 0028, step 1). Most users touch one campaign: its path sits inline, and
/// an array sized exactly to the rest comes with a second (rare, so it is sized for memory, not for adds). Paths keep
/// the order they were opened in, but the first's slot is refilled from the rest when its path goes. Use it through
/// the field (a copy's changes are lost), and change a path through the reference <see cref="GetOrAdd"/> gives. Mutable;
/// not thread-safe.
/// </summary>
internal struct CampaignPaths
{
    private string? _firstCampaign;
    private OpenPath _first;
    private (string Campaign, OpenPath Path)[]? _rest;

    /// <summary>Campaigns with a path.</summary>
    public readonly int Count => (_firstCampaign is null ? 0 : 1) + (_rest?.Length ?? 0);

    /// <summary>The path in <paramref name="campaignId"/>, or a null reference without one (test with <see cref="Unsafe.IsNullRef{T}(ref readonly T)"/>).</summary>
    [UnscopedRef]
    public ref OpenPath Find(string campaignId)
    {
        if (_firstCampaign is not null && string.Equals(_firstCampaign, campaignId, StringComparison.Ordinal))
        {
            return ref _first;
        }

        var rest = _rest;
        for (var i = 0; rest is not null && i < rest.Length; i++)
        {
            if (string.Equals(rest[i].Campaign, campaignId, StringComparison.Ordinal))
            {
                return ref rest[i].Path;
            }
        }

        return ref Unsafe.NullRef<OpenPath>();
    }

    /// <summary>The path in <paramref name="campaignId"/>, an empty one (<c>new OpenPath()</c>) added when there was none.</summary>
    [UnscopedRef]
    public ref OpenPath GetOrAdd(string campaignId)
    {
        ref var found = ref Find(campaignId);
        if (!Unsafe.IsNullRef(ref found))
        {
            return ref found;
        }

        if (_firstCampaign is null)
        {
            (_firstCampaign, _first) = (campaignId, new OpenPath());
            return ref _first;
        }

        var length = _rest?.Length ?? 0;
        Array.Resize(ref _rest, length + 1);
        _rest[length] = (campaignId, new OpenPath());
        return ref _rest[length].Path;
    }

    /// <summary>Takes the path in <paramref name="campaignId"/> away; false without one.</summary>
    public bool Remove(string campaignId, out OpenPath path)
    {
        if (_firstCampaign is not null && string.Equals(_firstCampaign, campaignId, StringComparison.Ordinal))
        {
            path = _first;
            (_firstCampaign, _first) = _rest is { Length: > 0 } rest ? rest[0] : (null, default);
            RemoveRest(0);
            return true;
        }

        for (var i = 0; _rest is not null && i < _rest.Length; i++)
        {
            if (string.Equals(_rest[i].Campaign, campaignId, StringComparison.Ordinal))
            {
                path = _rest[i].Path;
                RemoveRest(i);
                return true;
            }
        }

        path = default;
        return false;
    }

    /// <summary>The campaign and path at <paramref name="index"/> (0 to <see cref="Count"/> - 1), in order.</summary>
    public readonly (string Campaign, OpenPath Path) At(int index) =>
        index == 0 && _firstCampaign is not null ? (_firstCampaign, _first) : _rest![index - (_firstCampaign is null ? 0 : 1)];

    /// <summary>Removes every path, giving their creators' arrays back to <paramref name="arrays"/> (the user is forgotten).</summary>
    public void Release(Windows.ArrayShelf<string> arrays)
    {
        _first.Release(arrays);
        for (var i = 0; _rest is not null && i < _rest.Length; i++)
        {
            _rest[i].Path.Release(arrays);
        }

        (_firstCampaign, _first, _rest) = (null, default, null);
    }

    private void RemoveRest(int index)
    {
        if (_rest is not { } rest || index >= rest.Length)
        {
            return;
        }

        if (rest.Length == 1)
        {
            _rest = null;
            return;
        }

        var kept = new (string, OpenPath)[rest.Length - 1];
        Array.Copy(rest, 0, kept, 0, index);
        Array.Copy(rest, index + 1, kept, index, rest.Length - index - 1);
        _rest = kept;
    }
}
