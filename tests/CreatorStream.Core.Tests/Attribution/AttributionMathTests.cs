using CreatorStream.Core.Attribution;

namespace CreatorStream.Core.Tests.Attribution;

/// <summary>Every model on hand-computed journeys (docs/design.md, "Attribution").</summary>
public sealed class AttributionMathTests
{
    private const long T = Touch.ConversionTs;
    private static readonly TimeSpan Week = TimeSpan.FromHours(168);

    private static readonly IReadOnlyList<Touchpoint> One = [Touch.Before("a", 5)];
    private static readonly IReadOnlyList<Touchpoint> Two = [Touch.Before("a", 168), Touch.Before("b", 0)];
    private static readonly IReadOnlyList<Touchpoint> Three = [Touch.Before("a", 336), Touch.Before("b", 168), Touch.Before("c", 0)];

    private static readonly IReadOnlyList<Touchpoint> Five =
        [Touch.Before("a", 96), Touch.Before("b", 72), Touch.Before("c", 48), Touch.Before("d", 24), Touch.Before("e", 0)];

    // a at two non-consecutive positions, with different content: the journey keeps three touchpoints.
    private static readonly IReadOnlyList<Touchpoint> Returning =
        [Touch.Before("a", 48, content: "a-reel"), Touch.Before("b", 24), Touch.Before("a", 12, content: "a-story")];

    [Fact]
    public void AllModels_EmptyJourney_GiveNoCredit()
    {
        Assert.Empty(AttributionMath.FirstTouch([]));
        Assert.Empty(AttributionMath.LastTouch([]));
        Assert.Empty(AttributionMath.Linear([]));
        Assert.Empty(AttributionMath.TimeDecay([], T, Week));
        Assert.Empty(AttributionMath.PositionBased([]));
        Assert.Empty(AttributionMath.DataDriven([], new Dictionary<string, double> { ["a"] = 1 }));
    }

    [Fact]
    public void AllModels_OneTouchpoint_GiveItEverything()
    {
        CreditAssert.Shares(AttributionMath.FirstTouch(One), ("a", 1));
        CreditAssert.Shares(AttributionMath.LastTouch(One), ("a", 1));
        CreditAssert.Shares(AttributionMath.Linear(One), ("a", 1));
        CreditAssert.Shares(AttributionMath.TimeDecay(One, T, Week), ("a", 1));
        CreditAssert.Shares(AttributionMath.PositionBased(One), ("a", 1));
        CreditAssert.Shares(AttributionMath.DataDriven(One, new Dictionary<string, double> { ["a"] = 0.3 }), ("a", 1));
    }

    [Fact]
    public void FirstAndLastTouch_CreditTheEndsWithTheirCampaignAndContent()
    {
        Assert.Equal([new Credit("camp-1", "a", "a-reel", 1)], AttributionMath.FirstTouch(Returning));
        Assert.Equal([new Credit("camp-1", "a", "a-story", 1)], AttributionMath.LastTouch(Returning));
        CreditAssert.Shares(AttributionMath.FirstTouch(Five), ("a", 1));
        CreditAssert.Shares(AttributionMath.LastTouch(Five), ("e", 1));
    }

    [Fact]
    public void Linear_SplitsEvenly()
    {
        CreditAssert.Shares(AttributionMath.Linear(Two), ("a", 0.5), ("b", 0.5));
        CreditAssert.Shares(AttributionMath.Linear(Three), ("a", 1.0 / 3), ("b", 1.0 / 3), ("c", 1.0 / 3));
        CreditAssert.Shares(AttributionMath.Linear(Five), ("a", 0.2), ("b", 0.2), ("c", 0.2), ("d", 0.2), ("e", 0.2));
    }

    [Fact]
    public void Linear_ReturningCreator_GetsAnEntryPerPosition()
    {
        Assert.Equal(
            [new Credit("camp-1", "a", "a-reel", 1.0 / 3), new Credit("camp-1", "b", "b-post", 1.0 / 3), new Credit("camp-1", "a", "a-story", 1.0 / 3)],
            AttributionMath.Linear(Returning));
    }

    [Fact]
    public void TimeDecay_TwoTouchpointsOneHalfLifeApart_GivesOneThirdAndTwoThirds()
    {
        // Half-life 168 h; a is 168 h old (weight 2^−1 = 0.5), b is at the conversion (weight 1): 0.5/1.5 and 1/1.5.
        CreditAssert.Shares(AttributionMath.TimeDecay(Two, T, Week), ("a", 1.0 / 3), ("b", 2.0 / 3));
    }

    [Fact]
    public void TimeDecay_ThreeTouchpointsAWeekApart_GivesSevenths()
    {
        // Weights 0.25, 0.5, 1 (sum 1.75) → 1/7, 2/7, 4/7.
        CreditAssert.Shares(AttributionMath.TimeDecay(Three, T, Week), ("a", 1.0 / 7), ("b", 2.0 / 7), ("c", 4.0 / 7));
    }

    [Fact]
    public void TimeDecay_FiveTouchpointsADayApartWithADayHalfLife_GivesThirtyFirsts()
    {
        // Weights 1/16, 1/8, 1/4, 1/2, 1 (sum 31/16) → 1/31, 2/31, 4/31, 8/31, 16/31.
        CreditAssert.Shares(
            AttributionMath.TimeDecay(Five, T, TimeSpan.FromDays(1)),
            ("a", 1.0 / 31), ("b", 2.0 / 31), ("c", 4.0 / 31), ("d", 8.0 / 31), ("e", 16.0 / 31));
    }

    [Fact]
    public void TimeDecay_NewestTouchpointBeforeTheConversion_GivesTheSameSharesAsTheDefinition()
    {
        // Both a week older than in Two: weights 0.25 and 0.5, still 1/3 and 2/3.
        IReadOnlyList<Touchpoint> older = [Touch.Before("a", 336), Touch.Before("b", 168)];

        CreditAssert.Shares(AttributionMath.TimeDecay(older, T, Week), ("a", 1.0 / 3), ("b", 2.0 / 3));
    }

    [Fact]
    public void TimeDecay_EveryTouchpointThousandsOfHalfLivesOld_StillSumsToOne()
    {
        // 2^−2000 underflows to 0 in the textbook weights; relative to the newest touchpoint it does not.
        IReadOnlyList<Touchpoint> ancient = [Touch.Before("a", 2001), Touch.Before("b", 2000)];

        CreditAssert.Shares(AttributionMath.TimeDecay(ancient, T, TimeSpan.FromHours(1)), ("a", 1.0 / 3), ("b", 2.0 / 3));
    }

    [Fact]
    public void TimeDecay_NonPositiveHalfLife_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AttributionMath.TimeDecay(Two, T, TimeSpan.Zero));
    }

    [Fact]
    public void PositionBased_TwoTouchpoints_SplitsFiftyFifty()
    {
        CreditAssert.Shares(AttributionMath.PositionBased(Two), ("a", 0.5), ("b", 0.5));
    }

    [Fact]
    public void PositionBased_ThreeTouchpoints_GivesFortyTwentyForty()
    {
        CreditAssert.Shares(AttributionMath.PositionBased(Three), ("a", 0.4), ("b", 0.2), ("c", 0.4));
    }

    [Fact]
    public void PositionBased_FiveTouchpoints_SplitsTwentyPercentOverTheThreeMiddles()
    {
        CreditAssert.Shares(
            AttributionMath.PositionBased(Five),
            ("a", 0.4), ("b", 0.2 / 3), ("c", 0.2 / 3), ("d", 0.2 / 3), ("e", 0.4));
    }

    [Fact]
    public void PositionBased_ReturningCreator_GetsBothEnds()
    {
        CreditAssert.Shares(AttributionMath.PositionBased(Returning), ("a", 0.4), ("b", 0.2), ("a", 0.4));
    }

    [Fact]
    public void DataDriven_TwoCreators_SplitsInProportionToRemovalEffects()
    {
        // The removal effects of MarkovChainTests' hand-computed chain: a 3/4, b 1/2 → 0.75/1.25 and 0.5/1.25.
        var effects = new Dictionary<string, double> { ["a"] = 0.75, ["b"] = 0.5 };

        CreditAssert.Shares(AttributionMath.DataDriven(Two, effects), ("a", 0.6), ("b", 0.4));
    }

    [Fact]
    public void DataDriven_ThreeAndFiveTouchpoints_NormalisesOverTheCreatorsInTheJourneyOnly()
    {
        // d and e are not in Three: their effects do not dilute a, b and c (sum 0.2 + 0.3 + 0.5 = 1).
        var effects = new Dictionary<string, double> { ["a"] = 0.2, ["b"] = 0.3, ["c"] = 0.5, ["d"] = 0.9, ["e"] = 0.1 };

        CreditAssert.Shares(AttributionMath.DataDriven(Three, effects), ("a", 0.2), ("b", 0.3), ("c", 0.5));
        // Sum 2.0 over five creators.
        CreditAssert.Shares(AttributionMath.DataDriven(Five, effects), ("a", 0.1), ("b", 0.15), ("c", 0.25), ("d", 0.45), ("e", 0.05));
    }

    [Fact]
    public void DataDriven_ReturningCreator_SplitsItsCreditOverItsPositions()
    {
        // Creator-level 0.5 each; a's half is split over its two touchpoints.
        var effects = new Dictionary<string, double> { ["a"] = 0.4, ["b"] = 0.4 };

        Assert.Equal(
            [new Credit("camp-1", "a", "a-reel", 0.25), new Credit("camp-1", "b", "b-post", 0.5), new Credit("camp-1", "a", "a-story", 0.25)],
            AttributionMath.DataDriven(Returning, effects));
    }

    [Fact]
    public void DataDriven_CreatorWithoutARemovalEffect_GetsNothing()
    {
        var effects = new Dictionary<string, double> { ["a"] = 0, ["b"] = 0.5, ["c"] = double.NaN };

        CreditAssert.Shares(AttributionMath.DataDriven(Three, effects), ("a", 0), ("b", 1), ("c", 0));
    }

    [Fact]
    public void DataDriven_EveryRemovalEffectZero_FallsBackToLinear()
    {
        var effects = new Dictionary<string, double> { ["a"] = 0, ["z"] = 0.7 };

        CreditAssert.Shares(AttributionMath.DataDriven(Three, effects), ("a", 1.0 / 3), ("b", 1.0 / 3), ("c", 1.0 / 3));
    }

    [Theory]
    [InlineData(AttributionModels.FirstTouch, new[] { 1.0, 0, 0 })]
    [InlineData(AttributionModels.LastTouch, new[] { 0, 0, 1.0 })]
    [InlineData(AttributionModels.Linear, new[] { 1.0 / 3, 1.0 / 3, 1.0 / 3 })]
    [InlineData(AttributionModels.TimeDecay, new[] { 1.0 / 7, 2.0 / 7, 4.0 / 7 })]
    [InlineData(AttributionModels.PositionBased, new[] { 0.4, 0.2, 0.4 })]
    [InlineData(AttributionModels.DataDriven, new[] { 0.2, 0.3, 0.5 })]
    public void ForModel_WireName_DispatchesToTheModel(string model, double[] expected)
    {
        var effects = new Dictionary<string, double> { ["a"] = 0.2, ["b"] = 0.3, ["c"] = 0.5 };

        var credits = AttributionMath.ForModel(model, Three, T, Week, effects);

        var byCreator = credits.ToDictionary(c => c.CreatorId, c => c.Share);
        string[] creators = ["a", "b", "c"];
        for (var i = 0; i < creators.Length; i++)
        {
            Assert.Equal(expected[i], byCreator.GetValueOrDefault(creators[i]), CreditAssert.Tolerance);
        }
    }

    [Theory]
    [InlineData(AttributionModels.Direct)]
    [InlineData("u_shaped")]
    public void ForModel_NotAJourneyModel_Throws(string model)
    {
        Assert.Throws<ArgumentException>(() => AttributionMath.ForModel(model, Three, T, Week));
    }

    [Fact]
    public void ForModel_DataDrivenWithoutRemovalEffects_Throws()
    {
        Assert.Throws<ArgumentException>(() => AttributionMath.ForModel(AttributionModels.DataDriven, Three, T, Week));
    }
}
