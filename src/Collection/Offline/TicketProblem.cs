namespace Photocollect.Collection.Offline;

/// <summary>Why a scanned queue ticket is refused.</summary>
public enum TicketProblem
{
    /// <summary>Not one of ours: altered, truncated or made up.</summary>
    Forged,

    /// <summary>Ours, but older than its lifetime (a photo of the QR sent around).</summary>
    Expired,

    /// <summary>A ticket of another school's session.</summary>
    OtherSchool,
}
