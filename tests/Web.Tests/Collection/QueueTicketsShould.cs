using Microsoft.Extensions.DependencyInjection;
using Photocollect.Collection.Offline;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Collection;

/// <summary>The queue QR's tickets: accepted for a minute at the school whose session they name, refused otherwise.</summary>
public sealed class QueueTicketsShould(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly Guid School = Guid.Parse("0b9f3c1e-0000-4000-8000-000000000001");
    private static readonly Guid Session = Guid.Parse("0b9f3c1e-0000-4000-8000-000000000002");

    private QueueTickets Tickets => app.Services.GetRequiredService<QueueTickets>();

    [Fact]
    public void AcceptATicketOnScreenAndNameItsSession()
    {
        var ticket = Tickets.Issue(School, Session);

        Assert.Equal((Session, (TicketProblem?)null), Tickets.Read(ticket.Text, School));
        Assert.InRange(ticket.ExpiresAt - app.Clock.GetUtcNow(), QueueTickets.Lifetime - TimeSpan.FromSeconds(1), QueueTickets.Lifetime);
    }

    [Fact]
    public void RefuseAnExpiredTicket()
    {
        var ticket = Tickets.Issue(School, Session);
        app.Clock.Advance(QueueTickets.Lifetime + TimeSpan.FromSeconds(1));
        try
        {
            Assert.Equal(TicketProblem.Expired, Tickets.Read(ticket.Text, School).Problem);
        }
        finally
        {
            app.Clock.Advance(-(QueueTickets.Lifetime + TimeSpan.FromSeconds(1)));
        }
    }

    [Fact]
    public void RefuseAnotherSchoolsTicket() =>
        Assert.Equal(TicketProblem.OtherSchool, Tickets.Read(Tickets.Issue(Guid.NewGuid(), Session).Text, School).Problem);

    [Theory]
    [InlineData("")]
    [InlineData("hello")]
    [InlineData("CfDJ8AAAAAAAAAAAAAAAAAAAAAA")]
    public void RefuseAForgedTicket(string text) => Assert.Equal(TicketProblem.Forged, Tickets.Read(text, School).Problem);

    [Fact]
    public void RefuseAnAlteredTicket()
    {
        var text = Tickets.Issue(School, Session).Text.ToCharArray();
        text[text.Length / 2] = text[text.Length / 2] == 'A' ? 'B' : 'A';

        Assert.Equal(TicketProblem.Forged, Tickets.Read(new string(text), School).Problem);
    }
}
