namespace Photocollect.Collection.Offline;

/// <summary>What the station's queue QR holds, and until when it is accepted.</summary>
/// <param name="Text">The ticket's text (put in a URL of the school's site for the QR).</param>
/// <param name="ExpiresAt">Refused after this.</param>
public sealed record QueueTicket(string Text, DateTimeOffset ExpiresAt);
