using System.Runtime.InteropServices;

namespace Omg.Packages.Compression;

/// <summary>Decodes the LZ4 frame format through the system's liblz4 (LZ4F_decompress).</summary>
internal static unsafe partial class Lz4Decoder
{
    private const string Library = "liblz4.so.1";
    private const uint Lz4FVersion = 100;

    /// <summary>Decompresses a whole .lz4 file; throws <see cref="InvalidDataException"/> when it is truncated or corrupt.</summary>
    public static DecompressedData Decompress(ReadOnlySpan<byte> input)
    {
        var output = new OutputBuffer(input.Length * 3L);
        var error = LZ4F_createDecompressionContext(out var context, Lz4FVersion);
        using (context)
        {
            if (LZ4F_isError(error) != 0)
            {
                throw new InvalidDataException("LZ4F_createDecompressionContext failed: " + ErrorName(error));
            }

            var position = 0;
            nuint hint = 1;
            fixed (byte* inPtr = input)
            {
                while (true)
                {
                    var free = output.Free;
                    var srcSize = (nuint)(input.Length - position);
                    var dstSize = (nuint)free.Length;
                    fixed (byte* outPtr = free)
                    {
                        hint = LZ4F_decompress(context, outPtr, ref dstSize, inPtr + position, ref srcSize, null);
                    }

                    if (LZ4F_isError(hint) != 0)
                    {
                        throw new InvalidDataException("lz4 data is corrupt: " + ErrorName(hint));
                    }

                    position += (int)srcSize;
                    output.Advance((int)dstSize);
                    if (position == input.Length && dstSize < (nuint)free.Length)
                    {
                        // All input consumed and the decoder had room to spare: nothing more will come.
                        return hint == 0
                            ? output.ToData()
                            : throw new InvalidDataException("lz4 data is truncated");
                    }
                }
            }
        }
    }

    private static string ErrorName(nuint code) => Marshal.PtrToStringUTF8(LZ4F_getErrorName(code)) ?? code.ToString();

    [LibraryImport(Library)]
    private static partial nuint LZ4F_createDecompressionContext(out Lz4Context context, uint version);

    [LibraryImport(Library)]
    private static partial nuint LZ4F_freeDecompressionContext(nint context);

    [LibraryImport(Library)]
    private static partial nuint LZ4F_decompress(Lz4Context context, byte* dst, ref nuint dstSize, byte* src, ref nuint srcSize, void* options);

    [LibraryImport(Library)]
    private static partial uint LZ4F_isError(nuint code);

    [LibraryImport(Library)]
    private static partial nint LZ4F_getErrorName(nuint code);

    /// <summary>Owns an LZ4F_dctx so it is freed even when decoding throws.</summary>
    internal sealed class Lz4Context : SafeHandle
    {
        /// <summary>Called by the interop marshaller.</summary>
        public Lz4Context()
            : base(IntPtr.Zero, ownsHandle: true)
        {
        }

        /// <inheritdoc/>
        public override bool IsInvalid => handle == IntPtr.Zero;

        /// <inheritdoc/>
        protected override bool ReleaseHandle()
        {
            LZ4F_freeDecompressionContext(handle);
            return true;
        }
    }
}
