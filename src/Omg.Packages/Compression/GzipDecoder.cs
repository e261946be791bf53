using System.Runtime.InteropServices;

namespace Omg.Packages.Compression;

/// <summary>
/// Decodes gzip through the system's zlib (inflate with gzip framing). The BCL's GZipStream is not used
/// because it returns a truncated stream's prefix without complaint; zlib reports truncation and checks
/// each member's CRC.
/// </summary>
internal static unsafe partial class GzipDecoder
{
    private const string Library = "libz.so.1";
    private const int ZOk = 0;
    private const int ZStreamEnd = 1;
    private const int ZNoFlush = 0;

    // 15-bit window, +16 for gzip framing only (apt's .gz files are gzip, never raw zlib).
    private const int GzipWindowBits = 15 + 16;

    /// <summary>Decompresses a whole .gz file (all members); throws <see cref="InvalidDataException"/> when truncated or corrupt.</summary>
    public static DecompressedData Decompress(ReadOnlySpan<byte> input)
    {
        var length = input.Length;
        // ISIZE, the last four bytes, is the uncompressed length modulo 2^32 of the last member: a good first guess.
        var output = new OutputBuffer(length >= 18 ? Math.Min(System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(input[^4..]) + 1L, length * 20L) : length * 5L);
        // zlib's state points back at the stream struct, so it lives in native memory that does not move.
        var stream = (ZStream*)NativeMemory.AllocZeroed((nuint)sizeof(ZStream));
        var initialised = false;
        try
        {
            if (inflateInit2_(stream, GzipWindowBits, "1.2.13", sizeof(ZStream)) != ZOk)
            {
                throw new InvalidDataException("zlib inflateInit2 failed");
            }

            initialised = true;
            fixed (byte* inPtr = input)
            {
                stream->NextIn = inPtr;
                stream->AvailIn = (uint)length;
                while (true)
                {
                    var free = output.Free;
                    int ret;
                    fixed (byte* outPtr = free)
                    {
                        stream->NextOut = outPtr;
                        stream->AvailOut = (uint)Math.Min(free.Length, int.MaxValue);
                        var before = stream->AvailOut;
                        ret = inflate(stream, ZNoFlush);
                        output.Advance((int)(before - stream->AvailOut));
                    }

                    if (ret == ZStreamEnd)
                    {
                        if (stream->AvailIn == 0)
                        {
                            return output.ToData();
                        }

                        // Another gzip member follows (gzip allows concatenation).
                        inflateReset(stream);
                        continue;
                    }

                    if (ret != ZOk)
                    {
                        throw new InvalidDataException($"gzip data is corrupt (zlib {ret})");
                    }

                    if (stream->AvailIn == 0 && stream->AvailOut != 0)
                    {
                        throw new InvalidDataException("gzip data is truncated");
                    }
                }
            }
        }
        finally
        {
            if (initialised)
            {
                inflateEnd(stream);
            }

            NativeMemory.Free(stream);
        }
    }

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int inflateInit2_(ZStream* strm, int windowBits, string version, int streamSize);

    [LibraryImport(Library)]
    private static partial int inflate(ZStream* strm, int flush);

    [LibraryImport(Library)]
    private static partial int inflateReset(ZStream* strm);

    [LibraryImport(Library)]
    private static partial int inflateEnd(ZStream* strm);

    /// <summary>z_stream from zlib.h (LP64: uInt 32-bit, uLong 64-bit).</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct ZStream
    {
        public byte* NextIn;
        public uint AvailIn;
        public ulong TotalIn;
        public byte* NextOut;
        public uint AvailOut;
        public ulong TotalOut;
        public nint Msg;
        public nint State;
        public nint ZAlloc;
        public nint ZFree;
        public nint Opaque;
        public int DataType;
        public ulong Adler;
        public ulong Reserved;
    }
}
