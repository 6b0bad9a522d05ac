using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Photocollect.Collection.Offline;

/// <summary>
/// The queue QR's tickets (扫码排号): the school, the session and when it was issued, protected with the shared Data
/// Protection key ring (so every replica issues and reads them) and accepted for <see cref="Lifetime"/>. The station
/// shows a new one every <see cref="Refresh"/>, so a photo of the QR sent to a dormitory stops working within a
/// minute. The time is read from the product's clock, not the protector's, so tests can move it.
/// </summary>
public sealed class QueueTickets(IDataProtectionProvider protection, TimeProvider clock)
{
    /// <summary>How often the station shows a new ticket.</summary>
    public static readonly TimeSpan Refresh = TimeSpan.FromSeconds(30);

    /// <summary>How long a ticket is accepted after it was issued: two refreshes, so the one on screen always works.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    private readonly IDataProtector protector = protection.CreateProtector("Photocollect.Offline.QueueTicket.v1");

    /// <summary>A new ticket for a session of a school.</summary>
    public QueueTicket Issue(Guid tenantId, Guid sessionId)
    {
        var now = clock.GetUtcNow();
        var text = protector.Protect($"{tenantId:N}.{sessionId:N}.{now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}");
        return new(text, now + Lifetime);
    }

    /// <summary>The ticket in what was scanned: the QR's URL (<c>…/offline/q?t=…</c>) or the bare ticket.</summary>
    public static string Token(string? scanned)
    {
        var text = (scanned ?? "").Trim();
        var query = text.IndexOf("?t=", StringComparison.Ordinal) is var at and >= 0 ? at : text.IndexOf("&t=", StringComparison.Ordinal);
        if (query < 0)
        {
            return text;
        }

        var value = text[(query + 3)..];
        var end = value.IndexOfAny(['&', '#']);
        return Uri.UnescapeDataString(end < 0 ? value : value[..end]);
    }

    /// <summary>The session a scanned ticket names, or why it is refused (the QR's URL or the bare ticket).</summary>
    public (Guid? SessionId, TicketProblem? Problem) Read(string? text, Guid tenantId)
    {
        string payload;
        try
        {
            payload = protector.Unprotect(Token(text));
        }
        catch (CryptographicException)
        {
            return (null, TicketProblem.Forged);
        }

        var parts = payload.Split('.');
        if (parts.Length != 3 || !Guid.TryParseExact(parts[0], "N", out var tenant) || !Guid.TryParseExact(parts[1], "N", out var session)
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return (null, TicketProblem.Forged);
        }

        if (tenant != tenantId)
        {
            return (null, TicketProblem.OtherSchool);
        }

        var age = clock.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds);
        // A little slack for clocks of two replicas that disagree.
        return age > Lifetime || age < TimeSpan.FromSeconds(-5) ? (session, TicketProblem.Expired) : (session, null);
    }
}
