using System.Buffers.Binary;
using System.Net.Sockets;
using Omg.Daemon.Native;

namespace Omg.Daemon.Connections;

/// <summary>Who is on the other end of a Unix socket, as the kernel vouches for it (SO_PEERCRED).</summary>
/// <param name="Pid">The peer's process id at connect time.</param>
/// <param name="Uid">The peer's effective uid at connect time.</param>
/// <param name="Gid">The peer's effective gid at connect time.</param>
internal readonly record struct PeerCredentials(int Pid, uint Uid, uint Gid)
{
    /// <summary>Reads the credentials of a connected Unix socket.</summary>
    public static PeerCredentials Of(Socket socket)
    {
        // struct ucred { pid_t pid; uid_t uid; gid_t gid; } in native byte order.
        Span<byte> ucred = stackalloc byte[12];
        int length = socket.GetRawSocketOption(LibC.SolSocket, LibC.SoPeerCred, ucred);
        if (length < 12)
        {
            throw new SocketException((int)SocketError.ProtocolNotSupported);
        }

        return new PeerCredentials(
            BinaryPrimitives.ReadInt32LittleEndian(ucred),
            BinaryPrimitives.ReadUInt32LittleEndian(ucred[4..]),
            BinaryPrimitives.ReadUInt32LittleEndian(ucred[8..]));
    }
}
