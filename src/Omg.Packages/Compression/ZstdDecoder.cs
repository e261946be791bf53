using System.Runtime.InteropServices;

namespace Omg.Packages.Compression;

/// <summary>Decodes Zstandard through the system's libzstd (ZSTD_decompressStream).</summary>
internal static unsafe partial class ZstdDecoder
{
    private const string Library = "libzstd.so.1";

    /// <summary>Decompresses a whole .zst file; throws <see cref="InvalidDataException"/> when it is truncated or corrupt.</summary>
    public static DecompressedData Decompress(ReadOnlySpan<byte> input)
    {
        var output = new OutputBuffer(input.Length * 6L);
        using var stream = ZSTD_createDStream();
        if (stream.IsInvalid)
        {
            throw new InvalidDataException("ZSTD_createDStream failed");
        }

        fixed (byte* inPtr = input)
        {
            var inBuffer = new ZstdBuffer { Data = inPtr, Size = (nuint)input.Length };
            while (true)
            {
                var free = output.Free;
                nuint result;
                ZstdBuffer outBuffer;
                fixed (byte* outPtr = free)
                {
                    outBuffer = new ZstdBuffer { Data = outPtr, Size = (nuint)free.Length };
                    result = ZSTD_decompressStream(stream, ref outBuffer, ref inBuffer);
                }

                if (ZSTD_isError(result) != 0)
                {
                    throw new InvalidDataException("zstd data is corrupt: " + Marshal.PtrToStringUTF8(ZSTD_getErrorName(result)));
                }

                output.Advance((int)outBuffer.Position);
                if (inBuffer.Position == inBuffer.Size && outBuffer.Position < outBuffer.Size)
                {
                    // 0 means the last frame was completely decoded and flushed.
                    return result == 0
                        ? output.ToData()
                        : throw new InvalidDataException("zstd data is truncated");
                }
            }
        }
    }

    [LibraryImport(Library)]
    private static partial ZstdStream ZSTD_createDStream();

    [LibraryImport(Library)]
    private static partial nuint ZSTD_freeDStream(nint stream);

    [LibraryImport(Library)]
    private static partial nuint ZSTD_decompressStream(ZstdStream stream, ref ZstdBuffer output, ref ZstdBuffer input);

    [LibraryImport(Library)]
    private static partial uint ZSTD_isError(nuint code);

    [LibraryImport(Library)]
    private static partial nint ZSTD_getErrorName(nuint code);

    /// <summary>ZSTD_inBuffer and ZSTD_outBuffer share this layout.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct ZstdBuffer
    {
        public byte* Data;
        public nuint Size;
        public nuint Position;
    }

    /// <summary>Owns a ZSTD_DStream so it is freed even when decoding throws.</summary>
    internal sealed class ZstdStream : SafeHandle
    {
        /// <summary>Called by the interop marshaller.</summary>
        public ZstdStream()
            : base(IntPtr.Zero, ownsHandle: true)
        {
        }

        /// <inheritdoc/>
        public override bool IsInvalid => handle == IntPtr.Zero;

        /// <inheritdoc/>
        protected override bool ReleaseHandle()
        {
            ZSTD_freeDStream(handle);
            return true;
        }
    }
}
