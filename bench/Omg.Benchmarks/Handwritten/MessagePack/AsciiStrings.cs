using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Omg.Benchmarks.Handwritten.MessagePack;

/// <summary>
/// Creates a string from bytes that are all ASCII, checking and widening them in one pass. Strings on the
/// wire are short (names, versions, one-line descriptions), where the framework's general transcoders spend
/// more on dispatch and setup than on the bytes: a search answer creates 150 such strings.
/// </summary>
internal static class AsciiStrings
{
    private const ulong HighBits = 0x8080_8080_8080_8080;

    /// <summary>The string for <paramref name="bytes"/>, or null when any byte is not ASCII.</summary>
    public static unsafe string? TryCreate(ReadOnlySpan<byte> bytes)
    {
        int length = bytes.Length;

        // A string is only ever mutated here, between its allocation and its first use, as string.Create
        // does internally; new string('\0', n) allocates without writing the characters.
        string text = new('\0', length);
        fixed (char* chars = text)
        fixed (byte* source = bytes)
        {
            ushort* target = (ushort*)chars;
            if (length >= Vector128<byte>.Count)
            {
                // Whole 16-byte blocks, then one last block that ends at the end and may overlap the one
                // before it, so no tail loop is needed.
                int last = length - Vector128<byte>.Count;
                for (int i = 0; ; i = Math.Min(i + Vector128<byte>.Count, last))
                {
                    if (!TryWiden16(source + i, target + i))
                    {
                        return null;
                    }

                    if (i == last)
                    {
                        break;
                    }
                }
            }
            else if (length >= sizeof(ulong))
            {
                // 8 to 15 bytes: two 8-byte words, the second ending at the end (they may overlap).
                ulong head = Unsafe.ReadUnaligned<ulong>(source);
                ulong tail = Unsafe.ReadUnaligned<ulong>(source + length - sizeof(ulong));
                if (((head | tail) & HighBits) != 0)
                {
                    return null;
                }

                Vector128.WidenLower(Vector128.CreateScalarUnsafe(head).AsByte()).Store(target);
                Vector128.WidenLower(Vector128.CreateScalarUnsafe(tail).AsByte()).Store(target + length - sizeof(ulong));
            }
            else
            {
                for (int i = 0; i < length; i++)
                {
                    byte b = source[i];
                    if (b >= 0x80)
                    {
                        return null;
                    }

                    target[i] = b;
                }
            }
        }

        return text;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe bool TryWiden16(byte* source, ushort* target)
    {
        Vector128<byte> block = Vector128.Load(source);
        if (block.ExtractMostSignificantBits() != 0)
        {
            return false;
        }

        (Vector128<ushort> lower, Vector128<ushort> upper) = Vector128.Widen(block);
        lower.Store(target);
        upper.Store(target + Vector128<ushort>.Count);
        return true;
    }
}
