using CsCheck;

namespace Omg.Tests.Shared.Fuzzing;

/// <summary>
/// Inputs for parsers: valid samples broken the ways files and frames break (bits flipped, bytes overwritten with
/// boundary values, ranges cut, repeated or spliced in from another sample, the end cut off), and now and then plain
/// noise. Every input is at most <c>maxLength</c> bytes, so no target can be handed an unbounded one. Mutations are
/// generated as a list, so CsCheck shrinks a failure towards fewer of them.
/// </summary>
internal static class ByteMutations
{
    private static readonly byte[] Interesting = [0x00, 0x01, 0x7f, 0x80, 0xff, 0xc0, 0xc1, 0xd9, 0xdb, 0xdf, (byte)'\n', (byte)'\r', (byte)' ', (byte)':', (byte)'\t', (byte)'"', (byte)'{', (byte)'['];

    /// <summary>Mutations of <paramref name="samples"/>, plus random bytes one time in ten.</summary>
    public static Gen<byte[]> Of(IReadOnlyList<byte[]> samples, int maxLength, int maxMutations = 8)
    {
        Gen<byte[]> mutated =
            from index in Gen.Int[0, samples.Count - 1]
            from other in Gen.Int[0, samples.Count - 1]
            from edits in Gen.Select(Gen.Int[0, 7], Gen.UInt, Gen.UInt, Gen.Byte).Array[0, maxMutations]
            select Apply(samples[index], samples[other], edits, maxLength);
        Gen<byte[]> noise = Gen.Byte.Array[0, Math.Min(maxLength, 512)];
        return Gen.Frequency((9, mutated), (1, noise));
    }

    private static byte[] Apply(byte[] sample, byte[] other, (int Kind, uint A, uint B, byte Value)[] edits, int maxLength)
    {
        var data = new List<byte>(sample);
        foreach ((int kind, uint a, uint b, byte value) in edits)
        {
            int at = data.Count == 0 ? 0 : (int)(a % (uint)data.Count);
            int span = (int)(b % 16) + 1;
            switch (kind)
            {
                case 0 when data.Count > 0:
                    data[at] ^= (byte)(1 << (int)(b % 8));
                    break;
                case 1 when data.Count > 0:
                    data[at] = Interesting[b % (uint)Interesting.Length];
                    break;
                case 2:
                    data.InsertRange(at, Enumerable.Repeat(value, span));
                    break;
                case 3 when data.Count > 0:
                    data.RemoveRange(at, Math.Min(span, data.Count - at));
                    break;
                case 4 when data.Count > 0:
                    data.InsertRange(at, data.GetRange(at, Math.Min(span * 4, data.Count - at)));
                    break;
                case 5:
                    data.RemoveRange(at, data.Count - at);
                    break;
                case 6 when other.Length > 0:
                    int from = (int)(b % (uint)other.Length);
                    data.InsertRange(at, other.AsSpan(from, Math.Min(span * 8, other.Length - from)).ToArray());
                    break;
                case 7 when data.Count > 0:
                    data[at] = value;
                    break;
            }

            if (data.Count > maxLength)
            {
                data.RemoveRange(maxLength, data.Count - maxLength);
            }
        }

        return [.. data];
    }
}
