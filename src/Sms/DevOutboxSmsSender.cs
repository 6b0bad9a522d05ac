using Photocollect.Data;

namespace Photocollect.Sms;

/// <summary>Stores messages in <c>SmsOutbox</c> for the dev-only outbox page; nothing leaves the machine.</summary>
public sealed class DevOutboxSmsSender(AppDbContext db, TimeProvider clock) : ISmsSender
{
    /// <inheritdoc />
    public async Task SendAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        db.SmsOutbox.Add(new SmsOutboxMessage
        {
            Id = Guid.CreateVersion7(),
            Phone = message.Phone,
            Text = message.Text,
            CreatedAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
