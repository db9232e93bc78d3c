using CreatorStream.Core.Authenticity;
using CreatorStream.Core.Snapshots;

namespace CreatorStream.Core.Tests.Authenticity;

/// <summary>
/// <see cref="DistinctUsers"/> (one user inline, more in an array) against a plain list that follows the rule as written:
/// users in the order they came, those unseen for the window dropped, at capacity the least recently seen (first of equals)
/// dropped, the count of users within the window returned.
/// </summary>
public sealed class DistinctUsersTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 3)]
    [InlineData(64, 4)]
    [InlineData(5, 5)]
    public void Touch_RandomVisits_AgreesWithAListAndSurvivesASnapshotAnywhere(int capacity, int seed)
    {
        var random = new Random(seed);
        var users = DistinctUsers.None;
        var oracle = new ListModel();
        var ts = 1_000_000L;
        for (var i = 0; i < 4_000; i++)
        {
            ts += random.Next(4) == 0 ? 0 : random.Next(-50, 400); // equal times, late ones, gaps past the window
            var user = (ulong)random.Next(random.Next(3) == 0 ? 2 : 12);
            var window = random.Next(5) == 0 ? 100 : 1_000;

            Assert.Equal(oracle.Touch(user, ts, window, capacity), users.Touch(user, ts, window, capacity));
            Assert.Equal(oracle.Users.Count, users.Count);
            Assert.Equal(oracle.LastTs, users.LastTs);

            if (random.Next(50) == 0)
            {
                var saved = Saved(users);
                Assert.Equal(oracle.Saved(), saved);
                users = DistinctUsers.Load(new SnapshotReader(saved));
                Assert.Equal(saved, Saved(users));
            }
        }
    }

    [Fact]
    public void None_HasSeenNobody()
    {
        var none = DistinctUsers.None;

        Assert.Equal((0, long.MinValue), (none.Count, none.LastTs));
        Assert.Equal(1, none.Touch(7, 5, 10, 64));
    }

    private static byte[] Saved(DistinctUsers users)
    {
        var writer = new SnapshotWriter();
        users.Save(writer);
        return writer.ToArray();
    }

    private sealed class ListModel
    {
        public List<(ulong User, long Ts)> Users { get; } = [];

        public long LastTs { get; private set; } = long.MinValue;

        public int Touch(ulong user, long ts, long windowMs, int capacity)
        {
            LastTs = Math.Max(LastTs, ts);
            Users.RemoveAll(u => u.User != user && u.Ts < LastTs - windowMs);
            var at = Users.FindIndex(u => u.User == user);
            if (at >= 0)
            {
                Users[at] = (user, Math.Max(Users[at].Ts, ts));
                return Users.Count;
            }

            if (Users.Count >= capacity)
            {
                var oldest = Users.Min(u => u.Ts);
                Users.RemoveAt(Users.FindIndex(u => u.Ts == oldest));
            }

            Users.Add((user, ts));
            return Users.Count;
        }

        public byte[] Saved()
        {
            var writer = new SnapshotWriter();
            writer.Write(LastTs);
            writer.Write(Users.Count);
            foreach (var (user, ts) in Users)
            {
                writer.Write(user);
                writer.Write(ts);
            }

            return writer.ToArray();
        }
    }
}
