using System.Runtime.InteropServices;

namespace Omg.Packages.Compression;

/// <summary>Decodes .xz through the system's liblzma (lzma_stream_decoder + lzma_code).</summary>
internal static unsafe partial class XzDecoder
{
    private const string Library = "liblzma.so.5";
    private const int LzmaOk = 0;
    private const int LzmaStreamEnd = 1;
    private const int LzmaBufError = 10;
    private const int LzmaFinish = 3;

    // apt concatenates nothing, but xz(1) accepts concatenated streams and so do we.
    private const uint LzmaConcatenated = 0x08;

    /// <summary>Decompresses a whole .xz file; throws <see cref="InvalidDataException"/> when it is truncated or corrupt.</summary>
    public static DecompressedData Decompress(ReadOnlySpan<byte> input)
    {
        var output = new OutputBuffer(input.Length * 7L);
        // liblzma keeps internal state pointing at the stream struct, so it must not move: native memory.
        var stream = (LzmaStream*)NativeMemory.AllocZeroed((nuint)sizeof(LzmaStream));
        try
        {
            var ret = lzma_stream_decoder(stream, ulong.MaxValue, LzmaConcatenated);
            if (ret != LzmaOk)
            {
                throw new InvalidDataException($"lzma_stream_decoder failed ({ret})");
            }

            fixed (byte* inPtr = input)
            {
                stream->NextIn = inPtr;
                stream->AvailIn = (nuint)input.Length;
                while (true)
                {
                    var free = output.Free;
                    fixed (byte* outPtr = free)
                    {
                        stream->NextOut = outPtr;
                        stream->AvailOut = (nuint)free.Length;
                        ret = lzma_code(stream, LzmaFinish);
                        output.Advance(free.Length - (int)stream->AvailOut);
                    }

                    if (ret == LzmaStreamEnd)
                    {
                        return output.ToData();
                    }

                    if (ret != LzmaOk)
                    {
                        throw new InvalidDataException(ret == LzmaBufError ? "xz data is truncated" : $"xz data is corrupt (lzma_ret {ret})");
                    }
                }
            }
        }
        finally
        {
            lzma_end(stream);
            NativeMemory.Free(stream);
        }
    }

    [LibraryImport(Library)]
    private static partial int lzma_stream_decoder(LzmaStream* strm, ulong memlimit, uint flags);

    [LibraryImport(Library)]
    private static partial int lzma_code(LzmaStream* strm, int action);

    [LibraryImport(Library)]
    private static partial void lzma_end(LzmaStream* strm);

    /// <summary>lzma_stream from lzma/base.h (LP64 layout).</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct LzmaStream
    {
        public byte* NextIn;
        public nuint AvailIn;
        public ulong TotalIn;
        public byte* NextOut;
        public nuint AvailOut;
        public ulong TotalOut;
        public nint Allocator;
        public nint Internal;
        public nint ReservedPtr1;
        public nint ReservedPtr2;
        public nint ReservedPtr3;
        public nint ReservedPtr4;
        public ulong ReservedInt1;
        public ulong ReservedInt2;
        public nuint ReservedInt3;
        public nuint ReservedInt4;
        public int ReservedEnum1;
        public int ReservedEnum2;
    }
}
