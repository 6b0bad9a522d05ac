namespace Photocollect.Grains.Queues;

/// <summary>Where one number stands in a session's queue.</summary>
public enum QueueEntryStatus
{
    /// <summary>Issued, not yet called.</summary>
    Waiting,

    /// <summary>Called to the camera.</summary>
    Called,

    /// <summary>Called and not there (过号); a rescan or the end of the line gives a new number.</summary>
    Missed,

    /// <summary>Photographed: the photo is uploaded and checked.</summary>
    Shot,
}
