namespace CreatorStream.Core.Events;

/// <summary>What a conversion was. Wire names are lower case.</summary>
public enum ConversionKind : byte
{
    Purchase,
    Signup,
    Lead,
    Download,
    Install,
}
