using CreatorStream.Core.Events;

namespace CreatorStream.Core.Content;

/// <summary>One post: a content id as one creator published it on one platform for one campaign.</summary>
public readonly record struct PostRef(string CampaignId, string CreatorId, Platform Platform, string ContentId)
{
    /// <summary>The post's field in its campaign's content records: creator, platform and content, '|' and '%' escaped.</summary>
    public string Field => $"{ContentIds.Escape(CreatorId)}|{WireNames.Of(Platform)}|{ContentIds.Escape(ContentId)}";
}
