namespace CreatorStream.Core.Attribution;

/// <summary>What a touchpoint was (docs/design.md, "Attribution"): an impression, an engagement or a click.</summary>
public enum TouchKind : byte
{
    View,
    Engage,
    Click,
}
