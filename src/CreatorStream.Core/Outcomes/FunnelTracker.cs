using CreatorStream.Core.Configuration;
using CreatorStream.Core.Metrics;
using CreatorStream.Core.Sketches;
using CreatorStream.Core.State;

namespace CreatorStream.Core.Outcomes;

/// <summary>
/// Which funnel stages each user has passed with each creator of a brand's campaigns (docs/design.md, "Outcomes"), and
/// the changes to the campaign's and the creators' funnel counts as users pass them. A user counts at a stage when they
/// have passed it and every stage before it; for the campaign, a stage passed with any of its creators counts. Stages
/// are only ever passed, never taken back, so the counts depend on which events came, not on their order: replay, any
/// number of workers and any batch split give the same funnel. Users are held by a 64-bit hash of their id (a
/// collision among a million users has odds of about 3 in 100 million). Mutable; not thread-safe.
/// </summary>
public sealed class FunnelTracker
{
    private readonly Dictionary<(string Campaign, string Creator), ushort> _pairs = [];
    private readonly List<(string Campaign, string Creator)> _pairList = [];
    private readonly Dictionary<ulong, uint[]> _users = [];

    public FunnelTracker(CampaignCatalog brandCatalog)
    {
        foreach (var campaign in brandCatalog.Campaigns)
        {
            foreach (var creator in campaign.Creators)
            {
                if (_pairList.Count < ushort.MaxValue && _pairs.TryAdd((campaign.CampaignId, creator.CreatorId), (ushort)_pairList.Count))
                {
                    _pairList.Add((campaign.CampaignId, creator.CreatorId));
                }
            }
        }
    }

    /// <summary>Users held.</summary>
    public int Users => _users.Count;

    /// <summary>
    /// The user passes <paramref name="stage"/> with a campaign's creator; the creator's and the campaign's funnel counts
    /// that change go into <paramref name="delta"/>'s to-date aggregates.
    /// </summary>
    public void Pass(string campaignId, string creatorId, string userId, FunnelStage stage, StateDelta delta)
    {
        if (!_pairs.TryGetValue((campaignId, creatorId), out var pair))
        {
            return; // not a configured creator: the decoder dead-letters those before they get here
        }

        var user = UserHash.Of(userId);
        var entries = _users.GetValueOrDefault(user) ?? [];
        var bit = (byte)(1 << (int)stage);
        var index = IndexOf(entries, pair);
        var before = index < 0 ? (byte)0 : (byte)entries[index];
        if ((before & bit) != 0)
        {
            return;
        }

        var campaignBefore = CampaignMask(entries, campaignId);
        var after = (byte)(before | bit);
        if (index < 0)
        {
            Array.Resize(ref entries, entries.Length + 1);
            index = entries.Length - 1;
        }

        entries[index] = ((uint)pair << 8) | after;
        _users[user] = entries;
        Count(ref delta.For(AggregateKey.Creator(campaignId, creatorId)).Counters, before, after);
        Count(ref delta.For(AggregateKey.Campaign(campaignId)).Counters, campaignBefore, CampaignMask(entries, campaignId));
    }

    private static int IndexOf(uint[] entries, ushort pair)
    {
        for (var i = 0; i < entries.Length; i++)
        {
            if ((ushort)(entries[i] >> 8) == pair)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The stages a user has passed with any creator of the campaign.</summary>
    private byte CampaignMask(uint[] entries, string campaignId)
    {
        byte mask = 0;
        foreach (var entry in entries)
        {
            if (string.Equals(_pairList[(ushort)(entry >> 8)].Campaign, campaignId, StringComparison.Ordinal))
            {
                mask |= (byte)entry;
            }
        }

        return mask;
    }

    /// <summary>How many stages from the first a mask has passed without a gap.</summary>
    public static int Depth(byte mask)
    {
        var depth = 0;
        while (depth < 4 && (mask & (1 << depth)) != 0)
        {
            depth++;
        }

        return depth;
    }

    // Reached, engaged, clicked and landed: the stages a user passes to count as landed.
    private const byte LandedChain = (1 << (int)FunnelStage.Reached) | (1 << (int)FunnelStage.Engaged) | (1 << (int)FunnelStage.Clicked) | (1 << (int)FunnelStage.Landed);

    private static void Count(ref Counters counters, byte before, byte after)
    {
        if ((before & LandedChain) != LandedChain && (after & LandedChain) == LandedChain)
        {
            counters.FunnelLanded++;
        }

        for (var stage = Depth(before); stage < Depth(after); stage++)
        {
            switch ((FunnelStage)stage)
            {
                case FunnelStage.Reached: counters.FunnelReached++; break;
                case FunnelStage.Engaged: counters.FunnelEngaged++; break;
                case FunnelStage.Clicked: counters.FunnelClicked++; break;
                default: counters.FunnelConverted++; break;
            }
        }
    }

    public void Save(Snapshots.SnapshotWriter writer)
    {
        writer.Write(_users.Count);
        foreach (var (user, entries) in _users)
        {
            writer.Write(user);
            writer.Write(entries.Length);
            foreach (var entry in entries)
            {
                var (campaign, creator) = _pairList[(ushort)(entry >> 8)];
                writer.WritePair(campaign, creator);
                writer.Write((byte)entry);
            }
        }
    }

    /// <summary>Reads what <see cref="Save"/> wrote into this fresh tracker (same catalog); pairs no longer configured are dropped.</summary>
    public void Load(Snapshots.SnapshotReader reader)
    {
        var users = reader.Int();
        for (var i = 0; i < users; i++)
        {
            var user = reader.ULong();
            var count = reader.Int();
            var entries = new List<uint>(count);
            for (var j = 0; j < count; j++)
            {
                var key = (reader.String(), reader.String());
                var mask = reader.Byte();
                if (_pairs.TryGetValue(key, out var pair))
                {
                    entries.Add(((uint)pair << 8) | mask);
                }
            }

            _users[user] = [.. entries];
        }
    }
}
