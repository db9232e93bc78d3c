namespace CreatorStream.Core.Authenticity;

/// <summary>Bit positions of reason codes in the classifier's reason masks: indexes into <see cref="AuthenticityReasons.All"/>. Constants only.</summary>
internal static class Bit
{
    public const int Burst = 0;
    public const int RegularTiming = 1;
    public const int NotShown = 2;
    public const int SharedIp = 3;
    public const int SharedDevice = 4;
    public const int NewAccount = 5;
    public const int ZeroDwell = 6;
    public const int CopyPasteComment = 7;
    public const int Pod = 8;
    public const int SuspiciousAccount = 9;
    public const int PodComment = 10;
    public const int ExposureGap = 11;
    public const int TemplateWave = 12;
    public const int PodRing = 13;
    public const int PraiseWave = 14;
}
