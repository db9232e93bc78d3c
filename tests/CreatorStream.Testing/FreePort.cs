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

    /// <summary>
    /// A free port P whose partner P + <paramref name="offset"/> is a valid port and free too, as a Redis Cluster node
    /// needs for its cluster bus (P + 10000). The OS's ephemeral ports run to 60999 here, so about one in five has no
    /// partner below 65536; 100 tries make a failure a sign of a crowded machine, not bad luck.
    /// </summary>
    public static int NextWithPartner(int offset)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var port = Next();
            if (port + offset <= IPEndPoint.MaxPort && IsFree(port + offset))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"no free port P with P + {offset} free after 100 tries");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
