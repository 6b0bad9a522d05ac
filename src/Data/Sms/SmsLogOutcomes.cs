namespace Photocollect.Data;

/// <summary>What became of a message in the <see cref="SmsLogEntry"/> log.</summary>
public static class SmsLogOutcomes
{
    /// <summary>The provider accepted it.</summary>
    public const string Sent = "sent";

    /// <summary>The provider refused it or could not be reached.</summary>
    public const string Failed = "failed";
}
