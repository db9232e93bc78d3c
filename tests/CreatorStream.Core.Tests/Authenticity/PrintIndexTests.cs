using CreatorStream.Core.Authenticity;

namespace CreatorStream.Core.Tests.Authenticity;

/// <summary>
/// The banded print index against comparing every print: prints whose minima come from a small alphabet and often copy
/// another's, so every similarity from 0 to 1 occurs, at thresholds that need from 1 to 16 equal minima.
/// </summary>
public sealed class PrintIndexTests
{
    [Theory]
    [InlineData(0.7, 1)]
    [InlineData(0.7, 2)]
    [InlineData(0.5, 3)]
    [InlineData(0.05, 4)]
    [InlineData(1.0, 5)]
    public void AlikeAndCopies_RandomPrintsAddedAndRemoved_EqualComparingEveryPrint(double similarity, int seed)
    {
        var random = new Random(seed);
        var index = new PrintIndex(similarity);
        var held = new List<(ulong User, CommentPrint Print)>();
        var matches = 0;
        for (var step = 0; step < 3_000; step++)
        {
            if (held.Count > 0 && random.NextDouble() < 0.4)
            {
                var gone = held[random.Next(held.Count)];
                held.Remove(gone);
                index.Remove(gone.User, gone.Print);
            }
            else if (held.Count > 0 && random.NextDouble() < 0.15)
            {
                var again = held[random.Next(held.Count)]; // the same comment held twice: a row standing for two, amid reused rows
                held.Add(again);
                index.Add(again.User, again.Print);
            }
            else
            {
                var print = held.Count > 0 && random.NextDouble() < 0.5 ? Mutate(held[random.Next(held.Count)].Print, random) : Random(random);
                var user = (ulong)random.Next(40);
                held.Add((user, print));
                index.Add(user, print);
            }

            matches += AssertAsComparingEveryPrint(index, held, similarity, random);
        }

        Assert.True(matches > 100, $"the queries found near prints {matches} times"); // not a test of empty answers
    }

    [Theory]
    [InlineData(0.7, 6)]
    [InlineData(0.5, 7)]
    public void AlikeAndCopies_CommentsRepeatedAndWindowsEmptied_EqualComparingEveryPrint(double similarity, int seed)
    {
        // One account's same comment held twice (a row standing for two), and windows that fill past the room an emptied
        // index keeps, then empty in a random order: the answers stay the full comparison's, and the room is given back.
        var random = new Random(seed);
        var index = new PrintIndex(similarity);
        var held = new List<(ulong User, CommentPrint Print)>();
        var (matches, repeats) = (0, 0);
        for (var window = 0; window < 6; window++)
        {
            var size = random.Next(2 * PrintIndex.KeptRows, 3 * PrintIndex.KeptRows);
            while (held.Count < size)
            {
                if (held.Count > 0 && random.NextDouble() < 0.2)
                {
                    held.Add(held[random.Next(held.Count)]);
                    repeats++;
                }
                else
                {
                    var print = held.Count > 0 && random.NextDouble() < 0.5 ? Mutate(held[random.Next(held.Count)].Print, random) : Random(random);
                    held.Add(((ulong)random.Next(40), print));
                }

                index.Add(held[^1].User, held[^1].Print);
                matches += AssertAsComparingEveryPrint(index, held, similarity, random);
            }

            Assert.True(index.RowCapacity > PrintIndex.KeptRows);
            while (held.Count > 0)
            {
                var gone = held[random.Next(held.Count)];
                held.Remove(gone);
                index.Remove(gone.User, gone.Print);
                matches += AssertAsComparingEveryPrint(index, held, similarity, random);
                Assert.Equal(held.Select(h => (h.User, string.Join(',', h.Print.Minima), h.Print.Length)).Distinct().Count(), index.Rows);
                Assert.Equal(held.Select(h => string.Join(',', h.Print.Minima)).Distinct().Count(), index.Prints);
            }

            Assert.Equal(0, index.RowCapacity);
        }

        Assert.True(matches > 100 && repeats > 100, $"{matches} queries found near prints, {repeats} comments repeated");
    }

    [Fact]
    public void Alike_AFloodOfOneLine_CountsEachAccountOnce_AsItsCommentsComeAndGo()
    {
        // 1,000 accounts write one line; accounts 0-99 also write a near variant, accounts 100-149 the line twice, and
        // accounts 2,000-2,019 only the variant. A row per distinct print: the line's accounts are counted by number, the
        // accounts of two prints through a set, each once.
        var index = new PrintIndex(0.7);
        var line = Print(0, length: 30);
        var variant = Print(3, length: 31); // 13 of 16 minima equal: near
        var far = Print(8, length: 30); // 8 equal: not near
        for (ulong user = 0; user < 1_000; user++)
        {
            index.Add(user, line);
        }

        for (ulong user = 0; user < 100; user++)
        {
            index.Add(user, variant);
        }

        for (ulong user = 100; user < 150; user++)
        {
            index.Add(user, line);
        }

        for (ulong user = 2_000; user < 2_020; user++)
        {
            index.Add(user, variant);
            index.Add(user, far);
        }

        Assert.Equal(1_020, index.Alike(line, minLength: 6));
        Assert.Equal(1_020, index.Alike(variant, minLength: 6));
        Assert.Equal(120, index.Alike(Print(6, length: 30), minLength: 6)); // equal minima: 10 of 16 to the line, 13 to the variant, 14 to the far print
        Assert.Equal(20, index.Alike(far, minLength: 6));
        Assert.Equal(500, index.Alike(line, minLength: 6, enough: 500));
        Assert.Equal(0, index.Alike(line, minLength: 32)); // no comment that long

        for (ulong user = 0; user < 50; user++)
        {
            index.Remove(user, line); // still near through the variant
        }

        for (ulong user = 100; user < 150; user++)
        {
            index.Remove(user, line); // one of two copies
        }

        Assert.Equal(1_020, index.Alike(line, minLength: 6));
        for (ulong user = 0; user < 100; user++)
        {
            index.Remove(user, variant); // 0-49 leave; 50-99 keep the line
        }

        Assert.Equal(970, index.Alike(line, minLength: 6));
        Assert.Equal(970, index.Alike(variant, minLength: 6));
        Assert.Equal(20, index.Alike(Print(6, length: 30), minLength: 6));
        Assert.Equal(950, index.Copies(line));
    }

    [Fact]
    public void Alike_WhenTheCountsNumberWraps_JudgesEveryRowAgain()
    {
        // Rows judged by the first count keep its stamp, 1, while the counts' numbers run up to their end; the count after
        // the wrap is numbered 1 again, so every row's stamp is cleared first, or those rows would seem judged already.
        var index = new PrintIndex(0.7);
        var line = Print(0, length: 30);
        var other = Print(16, length: 30); // no minimum equal: in none of the line's lists
        for (ulong user = 0; user < 10; user++)
        {
            index.Add(user, line);
            index.Add(100 + user, other);
        }

        Assert.Equal(10, index.Alike(line, minLength: 6));
        Assert.Equal(1, index.LastQuery);

        index.LastQuery = int.MaxValue - 1;
        Assert.Equal(10, index.Alike(other, minLength: 6)); // numbered int.MaxValue
        Assert.Equal(10, index.Alike(line, minLength: 6)); // the wrap: numbered 1
        Assert.Equal(1, index.LastQuery);
        Assert.Equal(10, index.Alike(other, minLength: 6));
    }

    // A print whose first <paramref name="changed"/> minima differ from the base print's (minima 100 and up).
    private static CommentPrint Print(int changed, int length) =>
        CommentPrint.Restore([.. Enumerable.Range(0, CommentPrint.Size).Select(k => (uint)(k < changed ? 1_000 + k : 100 + k))], length);

    // One query against the index and against every held print; returns 1 when it found a near print.
    private static int AssertAsComparingEveryPrint(PrintIndex index, List<(ulong User, CommentPrint Print)> held, double similarity, Random random)
    {
        var query = random.NextDouble() < 0.5 && held.Count > 0 ? Mutate(held[random.Next(held.Count)].Print, random) : Random(random);
        var expectedAlike = held.Where(h => h.Print.Length >= 6 && query.Similarity(h.Print) >= similarity).Select(h => h.User).ToHashSet();
        var expectedCopies = held.Where(h => query.Similarity(h.Print) >= 1).Select(h => h.User).Distinct().Count();

        Assert.Equal(expectedAlike.Count, index.Alike(query, minLength: 6));

        // Asked to stop at enough: that many when there are, else all there are.
        var enough = random.Next(1, expectedAlike.Count + 2);
        Assert.Equal(Math.Min(enough, expectedAlike.Count), index.Alike(query, minLength: 6, enough));
        Assert.Equal(expectedCopies, index.Copies(query));
        return expectedAlike.Count > 0 ? 1 : 0;
    }

    private static CommentPrint Random(Random random) =>
        CommentPrint.Restore([.. Enumerable.Range(0, CommentPrint.Size).Select(_ => (uint)random.Next(3))], random.Next(2, 12));

    // A copy with a few minima changed (none to sixteen), and sometimes another length.
    private static CommentPrint Mutate(CommentPrint print, Random random)
    {
        var minima = print.Minima.ToArray();
        for (var changes = random.Next(0, 7); changes > 0; changes--)
        {
            minima[random.Next(CommentPrint.Size)] = (uint)random.Next(3, 6);
        }

        return CommentPrint.Restore(minima, random.NextDouble() < 0.8 ? print.Length : random.Next(2, 12));
    }
}
