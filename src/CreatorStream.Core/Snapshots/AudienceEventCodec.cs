using CreatorStream.Core.Decoding;
using CreatorStream.Core.Events;

namespace CreatorStream.Core.Snapshots;

/// <summary>
/// An impression, engagement or click in a snapshot as its fields, one after another (snapshot format
/// <see cref="Dataflow.BrandTask.BinaryWaitingFormat"/>; docs/design.md, "Recovery"). These are the events a brand task
/// holds for the watermark or for their judgement, often hundreds of thousands at once. Before that format each was
/// written as the schema's JSON, made again from the event: most of a busy brand's snapshot, and most of its time
/// (docs/benchmarks.md, session 42).
/// </summary>
/// <remarks>
/// An audience event lets its record's bytes go when it arrives, because it can no longer become a dead letter
/// (decision 0016). So its snapshot form never was the record as written, and need not be JSON. A conversion or lead
/// update waits with its record whole and is still written as those bytes. Reading gives back an event equal to the
/// one written (record equality), with the ids the decoder shares taken from its pool, as decoding would. Its ip_hash,
/// device_id and user_agent_hash are written as their keys (from <see cref="Dataflow.BrandTask.IdentifierKeysFormat"/>;
/// the text before it), as a decoded event holds them: an event made in code with their text reads back without it.
/// </remarks>
internal static class AudienceEventCodec
{
    public static void Write(SnapshotWriter writer, AudienceEvent e)
    {
        writer.Write((byte)e.Type);
        writer.Write(e.IdKey); // the bytes of the id's string, without making it
        writer.Write(e.Ts);
        writer.Write(e.UserIdKey); // as the event id: the bytes of the string
        writer.Write(e.CampaignId);
        writer.Write(e.CreatorId);
        writer.Write(e.ContentId);
        writer.Write((byte)e.Platform);
        writer.Write(e.IpKey);
        writer.Write(e.DeviceKey);
        writer.Write(e.UserAgentKey);
        writer.Write(e.Country);
        switch (e)
        {
            case Impression impression:
                writer.Write((byte)impression.ContentFormat);
                break;
            case Engagement engagement:
                writer.Write((byte)engagement.Kind);
                writer.Write(engagement.CommentText);
                writer.Write((long?)engagement.AccountAgeDays);
                break;
            case Click click:
                writer.Write(click.LinkId);
                writer.Write(click.UtmSource);
                writer.Write(click.UtmMedium);
                writer.Write(click.UtmCampaign);
                writer.Write(click.UtmContent);
                writer.Write(click.AffiliateId);
                writer.Write(click.DwellMs);
                writer.Write((long?)click.Pages);
                break;
            default:
                throw new ArgumentException($"no snapshot form for an audience event of type {e.GetType().Name}", nameof(e));
        }
    }

    /// <summary>Reads what <see cref="Write"/> wrote; <paramref name="ids"/> shares the ids that decoding shares.</summary>
    public static AudienceEvent Read(SnapshotReader reader, IdPool ids)
    {
        var type = (EventType)reader.Byte();
        if (type is not (EventType.Impression or EventType.Engagement or EventType.Click))
        {
            throw new InvalidDataException($"a snapshot's audience event has type {(int)type}, which is not an audience event's");
        }

        var (eventId, ts, userId) = (reader.String(), reader.Long(), reader.String());
        var (campaignId, creatorId, contentId) = (Shared(reader, ids), Shared(reader, ids), Shared(reader, ids));
        var platform = (Platform)reader.Byte();
        var (ipKey, deviceKey, userAgentKey) = reader.Format >= Dataflow.BrandTask.IdentifierKeysFormat
            ? (reader.ULong(), reader.ULong(), reader.ULong())
            : (IdentifierKey.Of(reader.NullableString()), IdentifierKey.Of(reader.NullableString()), IdentifierKey.Of(reader.NullableString()));
        var country = reader.NullableString(ids);
        return type switch
        {
            EventType.Impression => new Impression
            {
                EventId = eventId,
                Ts = ts,
                UserId = userId,
                CampaignId = campaignId,
                CreatorId = creatorId,
                Platform = platform,
                ContentId = contentId,
                IpKey = ipKey,
                DeviceKey = deviceKey,
                UserAgentKey = userAgentKey,
                Country = country,
                ContentFormat = (ContentFormat)reader.Byte(),
            },
            EventType.Engagement => new Engagement
            {
                EventId = eventId,
                Ts = ts,
                UserId = userId,
                CampaignId = campaignId,
                CreatorId = creatorId,
                Platform = platform,
                ContentId = contentId,
                IpKey = ipKey,
                DeviceKey = deviceKey,
                UserAgentKey = userAgentKey,
                Country = country,
                Kind = (EngagementKind)reader.Byte(),
                CommentText = reader.NullableString(),
                AccountAgeDays = (int?)reader.NullableLong(),
            },
            EventType.Click => new Click
            {
                EventId = eventId,
                Ts = ts,
                UserId = userId,
                CampaignId = campaignId,
                CreatorId = creatorId,
                Platform = platform,
                ContentId = contentId,
                IpKey = ipKey,
                DeviceKey = deviceKey,
                UserAgentKey = userAgentKey,
                Country = country,
                LinkId = Shared(reader, ids),
                UtmSource = reader.NullableString(ids),
                UtmMedium = reader.NullableString(ids),
                UtmCampaign = reader.NullableString(ids),
                UtmContent = reader.NullableString(ids),
                AffiliateId = reader.NullableString(ids),
                DwellMs = reader.NullableLong(),
                Pages = (int?)reader.NullableLong(),
            },
            _ => throw new System.Diagnostics.UnreachableException(),
        };
    }

    private static string Shared(SnapshotReader reader, IdPool ids) =>
        reader.NullableString(ids) ?? throw new InvalidDataException("a snapshot string is null where a value is required");
}
