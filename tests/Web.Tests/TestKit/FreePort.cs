using System.Net;
using System.Net.Sockets;

namespace Photocollect.Web.Tests.TestKit;

/// <summary>
/// Loopback ports nobody listens on, for silos and app processes that bind them a few seconds later. They are taken
/// below the kernel's ephemeral range (32768 and up): a port the OS handed out for "any free port" would soon be handed
/// out again, to an outgoing connection or another test's server, before the silo gets to bind it.
/// </summary>
public static class FreePort
{
    private const int First = 20000;
    private const int Last = 32000;
    private static int next = First + Random.Shared.Next(Last - First);

    /// <summary>A free port, each one different within this test run.</summary>
    public static int Next()
    {
        for (var tries = 0; tries < Last - First; tries++)
        {
            var port = First + ((Interlocked.Increment(ref next) - First) % (Last - First));
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // taken: try the next one
            }
        }

        throw new InvalidOperationException($"No free port between {First} and {Last}.");
    }
}
