using System.Net;
using System.Net.Sockets;

namespace Photocollect.Web.Tests.TestKit;

/// <summary>Loopback ports nobody listens on now (the OS picks them), for silos and test servers.</summary>
public static class FreePort
{
    /// <summary>A free port.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
