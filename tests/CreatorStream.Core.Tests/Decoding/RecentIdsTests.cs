using System.Text;
using CreatorStream.Core.Decoding;
using CreatorStream.Core.Sketches;

namespace CreatorStream.Core.Tests.Decoding;

/// <summary>
/// The decoder's recent user ids (<see cref="RecentIds"/>): a repeat is the same instance while its slot holds it, and an
/// answer always spells what was asked, whichever id held the slot before and whichever thread wrote it.
/// </summary>
public sealed class RecentIdsTests
{
    [Fact]
    public void Get_ARepeat_IsTheSameInstance_AndSpellsTheId()
    {
        var ids = new RecentIds();

        var first = ids.Get("u-c06ea1e92a");
        var again = ids.Get("u-c06ea1e92a".AsSpan());

        Assert.Equal("u-c06ea1e92a", first);
        Assert.Same(first, again);
    }

    [Fact]
    public void Get_TwoIdsOfOneSlot_EachGetsItsOwnText_AndTheNewerHoldsTheSlot()
    {
        // Two ids whose hashes fall in the same slot, found by brute force: the table is direct-mapped.
        var bySlot = new Dictionary<long, string>();
        string a = "", b = "";
        for (var i = 0; b.Length == 0; i++)
        {
            var id = $"u-{i}";
            var slot = (long)(UserHash.Of(id) & (RecentIds.Slots - 1));
            if (!bySlot.TryAdd(slot, id))
            {
                (a, b) = (bySlot[slot], id);
            }
        }

        var ids = new RecentIds();
        var heldA = ids.Get(a);
        var gotB = ids.Get(b);
        var againA = ids.Get(a);

        Assert.Equal((a, b, a), (heldA, gotB, againA));
        Assert.NotSame(heldA, againA); // b took the slot, so a was made again
        Assert.Same(againA, ids.Get(a));
    }

    [Fact]
    public void Get_FromSeveralThreadsOverCollidingIds_AlwaysSpellsTheIdAsked()
    {
        var ids = new RecentIds();
        var asked = Enumerable.Range(0, 4 * RecentIds.Slots).Select(i => $"user-{i % 200_000}").ToArray(); // more ids than slots
        var wrong = 0;

        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, t =>
        {
            for (var i = t; i < asked.Length; i += 2)
            {
                if (!string.Equals(ids.Get(asked[i]), asked[i], StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref wrong);
                }
            }
        });

        Assert.Equal(0, wrong);
    }

    [Fact]
    public void Decode_TheSameUserTwice_GivesOneInstance_EscapedOrNot()
    {
        var decoder = new EventDecoder();
        static byte[] Record(string user, string id) => Encoding.UTF8.GetBytes($$"""{"type":"impression","event_id":"{{id}}","ts":1767225600000,"user_id":"{{user}}","campaign_id":"c","creator_id":"a","platform":"x","content_id":"p","content_format":"post"}""");

        var first = decoder.Decode(Record("u-é1", "e1")).Event!;
        var escaped = decoder.Decode(Record("u-\\u00e91", "e2")).Event!;
        var other = decoder.Decode(Record("u-2", "e3")).Event!;

        Assert.Equal(("u-é1", "u-é1", "u-2"), (first.UserId, escaped.UserId, other.UserId));
        Assert.Same(first.UserId, escaped.UserId);
        Assert.Equal(UserHash.Of("u-é1"), escaped.UserKey);
    }

    [Fact]
    public void Decode_AUserIdThatIsNotAString_IsASchemaViolation()
    {
        var record = Encoding.UTF8.GetBytes("""{"type":"impression","event_id":"e1","ts":1767225600000,"user_id":42,"campaign_id":"c","creator_id":"a","platform":"x","content_id":"p","content_format":"post"}""");

        var result = new EventDecoder().Decode(record);

        Assert.Equal((DeadLetterReason.SchemaViolation, "user_id must be a string"), (result.Reason, result.Message));
    }
}
