namespace CreatorStream.Core.Attribution;

/// <summary>The attribution models of docs/design.md, "Attribution", by wire name.</summary>
public static class AttributionModels
{
    public const string FirstTouch = "first_touch";
    public const string LastTouch = "last_touch";
    public const string Linear = "linear";
    public const string TimeDecay = "time_decay";
    public const string PositionBased = "position_based";
    public const string DataDriven = "data_driven";
    public const string Direct = "direct";

    public static IReadOnlyList<string> All { get; } = [FirstTouch, LastTouch, Linear, TimeDecay, PositionBased, DataDriven, Direct];
}
