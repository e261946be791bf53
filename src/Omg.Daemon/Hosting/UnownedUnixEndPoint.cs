using System.Net;
using System.Net.Sockets;

namespace Omg.Daemon.Hosting;

/// <summary>
/// A Unix socket address that .NET does not treat as a file it owns. A socket bound to a
/// <see cref="UnixDomainSocketEndPoint"/> deletes that path when it is disposed, whatever file is there by then; bound
/// to this one it leaves the path alone, and omgd deletes the socket file itself only when it is still the file it
/// bound (see <see cref="SocketServer"/>).
/// </summary>
internal sealed class UnownedUnixEndPoint(string path) : EndPoint
{
    private readonly UnixDomainSocketEndPoint _address = new(path);

    /// <inheritdoc />
    public override AddressFamily AddressFamily => AddressFamily.Unix;

    /// <inheritdoc />
    public override SocketAddress Serialize() => _address.Serialize();

    /// <inheritdoc />
    public override EndPoint Create(SocketAddress socketAddress) => _address.Create(socketAddress);

    /// <inheritdoc />
    public override string ToString() => _address.ToString();
}
