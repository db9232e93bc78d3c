using System.Net;
using System.Net.Sockets;

namespace CreatorStream.Testing;

/// <summary>A free TCP port on 127.0.0.1 for a test's server (asked of the OS, then released).</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
