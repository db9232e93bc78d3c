namespace CreatorStream.Core.Attribution;

/// <summary>What a touchpoint was (DESIGN.md section 6): an impression, an engagement or a click.</summary>
public enum TouchKind : byte
{
    View,
    Engage,
    Click,
}
